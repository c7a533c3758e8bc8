#include "accounts/UserRepository.h"

#include "logging/LogCategories.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace auth::accounts {

namespace {

const QString Columns = QStringLiteral(
    "id, email, name, password_hash, password_strength, roles, failed_logins, lockouts, locked_until, "
    "admin_locked, lock_reason, mfa_required, created_at, updated_at, password_changed_at, last_login_at");

User fromRow(const QSqlQuery& q)
{
    User u;
    u.id = q.value(0).toString();
    u.email = q.value(1).toString();
    u.name = q.value(2).toString();
    u.passwordHash = q.value(3).toString();
    u.passwordStrength = q.value(4).toInt();
    u.roles = q.value(5).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    u.failedLogins = q.value(6).toInt();
    u.lockouts = q.value(7).toInt();
    u.lockedUntilMs = q.value(8).toLongLong();
    u.adminLocked = q.value(9).toBool();
    u.lockReason = q.value(10).toString();
    u.mfaRequired = q.value(11).toBool();
    u.createdAt = q.value(12).toLongLong();
    u.updatedAt = q.value(13).toLongLong();
    u.passwordChangedAt = q.value(14).toLongLong();
    u.lastLoginAt = q.value(15).toLongLong();
    return u;
}

bool exec(QSqlQuery& query)
{
    if (query.exec())
        return true;
    qCWarning(lcStorage).noquote() << "query failed:" << query.lastError().text();
    return false;
}

std::optional<User> findOne(QSqlDatabase& db, const QString& where, const QVariant& value)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT %1 FROM users WHERE %2 = ?").arg(Columns, where));
    query.addBindValue(value);
    if (!exec(query) || !query.next())
        return std::nullopt;
    return fromRow(query);
}

QList<User> collect(QSqlQuery& query)
{
    QList<User> users;
    if (exec(query)) {
        while (query.next())
            users.append(fromRow(query));
    }
    return users;
}

} // namespace

std::optional<User> UserRepository::findByEmail(QSqlDatabase& db, const QString& email)
{
    return findOne(db, QStringLiteral("email"), email);
}

std::optional<User> UserRepository::findById(QSqlDatabase& db, const QString& id)
{
    return findOne(db, QStringLiteral("id"), id);
}

UserRepository::CreateResult UserRepository::create(QSqlDatabase& db, const User& u)
{
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("INSERT INTO users (id, email, name, password_hash, password_strength, roles, "
                       "created_at, updated_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant& v : {QVariant(u.id), QVariant(u.email), QVariant(u.name), QVariant(u.passwordHash),
                              QVariant(u.passwordStrength), QVariant(u.roles.join(QLatin1Char(','))),
                              QVariant(u.createdAt), QVariant(u.createdAt), QVariant(u.createdAt)})
        query.addBindValue(v);
    if (query.exec())
        return CreateResult::Created;
    // The UNIQUE constraint is the arbiter, so two concurrent registrations of
    // one address cannot both succeed.
    if (findByEmail(db, u.email))
        return CreateResult::DuplicateEmail;
    qCWarning(lcStorage).noquote() << "cannot create user:" << query.lastError().text();
    return CreateResult::Failed;
}

int UserRepository::countAdmins(QSqlDatabase& db)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM users WHERE roles LIKE ?"));
    query.addBindValue(QStringLiteral("%admin%"));
    return exec(query) && query.next() ? query.value(0).toInt() : 0;
}

UserRepository::FailureResult UserRepository::recordFailure(QSqlDatabase& db, const QString& userId,
                                                            const LockoutPolicy& policy, qint64 nowMs)
{
    FailureResult result;
    QSqlQuery query(db);
    // One statement increments, so parallel failures are all counted.
    query.prepare(QStringLiteral("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ? "
                                 "RETURNING failed_logins, lockouts"));
    query.addBindValue(userId);
    if (!exec(query) || !query.next())
        return result;
    result.failedLogins = query.value(0).toInt();
    const int lockouts = query.value(1).toInt();
    query.finish();
    if (result.failedLogins < policy.threshold)
        return result;
    const qint64 duration = std::min(policy.maxDurationMs, policy.baseDurationMs << std::min(lockouts, 20));
    result.lockedUntilMs = nowMs + duration;
    QSqlQuery lock(db);
    lock.prepare(
        QStringLiteral("UPDATE users SET failed_logins = 0, lockouts = lockouts + 1, locked_until = ? "
                       "WHERE id = ? AND failed_logins >= ?"));
    lock.addBindValue(result.lockedUntilMs);
    lock.addBindValue(userId);
    lock.addBindValue(policy.threshold);
    result.nowLocked = exec(lock) && lock.numRowsAffected() > 0;
    return result;
}

void UserRepository::recordSuccess(QSqlDatabase& db, const QString& userId, qint64 nowSecs)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE users SET failed_logins = 0, lockouts = 0, locked_until = NULL, "
                                 "last_login_at = ? WHERE id = ?"));
    query.addBindValue(nowSecs);
    query.addBindValue(userId);
    exec(query);
}

bool UserRepository::setPassword(QSqlDatabase& db, const QString& userId, const QString& hash, int strength,
                                 qint64 nowSecs)
{
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("UPDATE users SET password_hash = ?, password_strength = ?, password_changed_at = ?, "
                       "updated_at = ? WHERE id = ?"));
    for (const QVariant& v :
         {QVariant(hash), QVariant(strength), QVariant(nowSecs), QVariant(nowSecs), QVariant(userId)})
        query.addBindValue(v);
    return exec(query) && query.numRowsAffected() == 1;
}

bool UserRepository::updateHash(QSqlDatabase& db, const QString& userId, const QString& hash)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE users SET password_hash = ? WHERE id = ?"));
    query.addBindValue(hash);
    query.addBindValue(userId);
    return exec(query);
}

bool UserRepository::setAdminLock(QSqlDatabase& db, const QString& userId, bool locked, const QString& reason,
                                  qint64 nowSecs)
{
    QSqlQuery query(db);
    if (locked) {
        query.prepare(QStringLiteral(
            "UPDATE users SET admin_locked = ?, lock_reason = ?, updated_at = ? WHERE id = ?"));
        query.addBindValue(true);
        query.addBindValue(reason);
    } else {
        query.prepare(
            QStringLiteral("UPDATE users SET admin_locked = ?, lock_reason = NULL, locked_until = NULL, "
                           "failed_logins = 0, lockouts = 0, updated_at = ? WHERE id = ?"));
        query.addBindValue(false);
    }
    query.addBindValue(nowSecs);
    query.addBindValue(userId);
    return exec(query) && query.numRowsAffected() == 1;
}

QList<User> UserRepository::list(QSqlDatabase& db, const QString& search, int limit, int offset)
{
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("SELECT %1 FROM users WHERE email LIKE ? OR name LIKE ? ORDER BY created_at, id "
                       "LIMIT ? OFFSET ?")
            .arg(Columns));
    QString pattern = search;
    pattern.replace(QLatin1Char('%'), QString()).replace(QLatin1Char('_'), QString());
    pattern = QLatin1Char('%') + pattern + QLatin1Char('%');
    query.addBindValue(pattern);
    query.addBindValue(pattern);
    query.addBindValue(limit);
    query.addBindValue(offset);
    return collect(query);
}

QList<User> UserRepository::inactiveSince(QSqlDatabase& db, qint64 secs, int limit)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT %1 FROM users WHERE COALESCE(last_login_at, created_at) < ? "
                                 "ORDER BY COALESCE(last_login_at, created_at) LIMIT ?")
                      .arg(Columns));
    query.addBindValue(secs);
    query.addBindValue(limit);
    return collect(query);
}

QList<User> UserRepository::weakPasswords(QSqlDatabase& db, int belowStrength, int limit)
{
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("SELECT %1 FROM users WHERE password_strength < ? ORDER BY password_strength LIMIT ?")
            .arg(Columns));
    query.addBindValue(belowStrength);
    query.addBindValue(limit);
    return collect(query);
}

} // namespace auth::accounts
