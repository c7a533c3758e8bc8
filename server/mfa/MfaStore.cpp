#include "mfa/MfaStore.h"

#include "crypto/Digest.h"
#include "crypto/Random.h"
#include "logging/LogCategories.h"

#include <QSqlError>
#include <QSqlQuery>

namespace auth::mfa {

namespace {

const QString EnrollmentColumns
    = QStringLiteral("id, user_id, method, label, secret, confirmed, created_at, confirmed_at, last_used_at");

Enrollment enrollmentFromRow(const QSqlQuery& q)
{
    Enrollment e;
    e.id = q.value(0).toString();
    e.userId = q.value(1).toString();
    e.method = q.value(2).toString();
    e.label = q.value(3).toString();
    e.secret = q.value(4).toByteArray();
    e.confirmed = q.value(5).toBool();
    e.createdAt = q.value(6).toLongLong();
    e.confirmedAt = q.value(7).toLongLong();
    e.lastUsedAt = q.value(8).toLongLong();
    return e;
}

bool exec(QSqlQuery& query)
{
    if (query.exec())
        return true;
    qCWarning(lcMfa).noquote() << "mfa query failed:" << query.lastError().text();
    return false;
}

void bind(QSqlQuery& query, std::initializer_list<QVariant> values)
{
    for (const QVariant& v : values)
        query.addBindValue(v);
}

} // namespace

QJsonObject Enrollment::toJson() const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("method"), method},
        {QStringLiteral("label"), label},
        {QStringLiteral("confirmed"), confirmed},
        {QStringLiteral("created_at"), double(createdAt)},
        {QStringLiteral("confirmed_at"), confirmedAt > 0 ? QJsonValue(double(confirmedAt)) : QJsonValue()},
        {QStringLiteral("last_used_at"), lastUsedAt > 0 ? QJsonValue(double(lastUsedAt)) : QJsonValue()}};
}

QList<Enrollment> MfaStore::enrollments(QSqlDatabase& db, const QString& userId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT %1 FROM mfa_enrollments WHERE user_id = ? ORDER BY created_at, id")
                      .arg(EnrollmentColumns));
    query.addBindValue(userId);
    QList<Enrollment> list;
    if (exec(query)) {
        while (query.next())
            list.append(enrollmentFromRow(query));
    }
    return list;
}

std::optional<Enrollment> MfaStore::enrollment(QSqlDatabase& db, const QString& userId, const QString& method)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT %1 FROM mfa_enrollments WHERE user_id = ? AND method = ? "
                                 "ORDER BY created_at, id LIMIT 1")
                      .arg(EnrollmentColumns));
    bind(query, {userId, method});
    if (!exec(query) || !query.next())
        return std::nullopt;
    return enrollmentFromRow(query);
}

bool MfaStore::hasConfirmedFactor(QSqlDatabase& db, const QString& userId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM mfa_enrollments WHERE user_id = ? AND confirmed = ?"));
    bind(query, {userId, true});
    return exec(query) && query.next() && query.value(0).toInt() > 0;
}

bool MfaStore::savePending(QSqlDatabase& db, const Enrollment& e)
{
    if (!db.transaction())
        return false;
    QSqlQuery drop(db);
    drop.prepare(
        QStringLiteral("DELETE FROM mfa_enrollments WHERE user_id = ? AND method = ? AND confirmed = ?"));
    bind(drop, {e.userId, e.method, false});
    QSqlQuery insert(db);
    insert.prepare(
        QStringLiteral("INSERT INTO mfa_enrollments (id, user_id, method, label, secret, confirmed, "
                       "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    bind(insert, {e.id, e.userId, e.method, e.label, e.secret, false, e.createdAt});
    if (!exec(drop) || !exec(insert)) {
        db.rollback();
        return false;
    }
    return db.commit();
}

bool MfaStore::confirm(QSqlDatabase& db, const QString& id, qint64 nowSecs)
{
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("UPDATE mfa_enrollments SET confirmed = ?, confirmed_at = ?, last_used_at = ? "
                       "WHERE id = ? AND confirmed = ?"));
    bind(query, {true, nowSecs, nowSecs, id, false});
    return exec(query) && query.numRowsAffected() == 1;
}

void MfaStore::touch(QSqlDatabase& db, const QString& id, qint64 nowSecs)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE mfa_enrollments SET last_used_at = ? WHERE id = ?"));
    bind(query, {nowSecs, id});
    exec(query);
}

int MfaStore::remove(QSqlDatabase& db, const QString& userId, const QString& method)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM mfa_enrollments WHERE user_id = ? AND method = ?"));
    bind(query, {userId, method});
    return exec(query) ? query.numRowsAffected() : 0;
}

bool MfaStore::replaceBackupCodes(QSqlDatabase& db, const QString& userId, const QStringList& hashes,
                                  qint64 nowSecs)
{
    if (!db.transaction())
        return false;
    QSqlQuery drop(db);
    drop.prepare(QStringLiteral("DELETE FROM mfa_backup_codes WHERE user_id = ?"));
    drop.addBindValue(userId);
    bool ok = exec(drop);
    for (const QString& hash : hashes) {
        if (!ok)
            break;
        QSqlQuery insert(db);
        insert.prepare(
            QStringLiteral("INSERT INTO mfa_backup_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)"));
        bind(insert, {userId, hash, nowSecs});
        ok = exec(insert);
    }
    if (!ok) {
        db.rollback();
        return false;
    }
    return db.commit();
}

int MfaStore::remainingBackupCodes(QSqlDatabase& db, const QString& userId)
{
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("SELECT COUNT(*) FROM mfa_backup_codes WHERE user_id = ? AND used_at IS NULL"));
    query.addBindValue(userId);
    return exec(query) && query.next() ? query.value(0).toInt() : 0;
}

QList<MfaStore::StoredCode> MfaStore::unusedBackupCodes(QSqlDatabase& db, const QString& userId)
{
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("SELECT id, code_hash FROM mfa_backup_codes WHERE user_id = ? AND used_at IS NULL"));
    query.addBindValue(userId);
    QList<StoredCode> codes;
    if (exec(query)) {
        while (query.next())
            codes.append({query.value(0).toLongLong(), query.value(1).toString()});
    }
    return codes;
}

bool MfaStore::useBackupCode(QSqlDatabase& db, qint64 id, qint64 nowSecs)
{
    // The conditional update is the arbiter between parallel uses of one code.
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE mfa_backup_codes SET used_at = ? WHERE id = ? AND used_at IS NULL"));
    bind(query, {nowSecs, id});
    return exec(query) && query.numRowsAffected() == 1;
}

void MfaStore::deleteBackupCodes(QSqlDatabase& db, const QString& userId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM mfa_backup_codes WHERE user_id = ?"));
    query.addBindValue(userId);
    exec(query);
}

QString MfaStore::hashToken(const QString& token)
{
    return QString::fromLatin1(crypto::sha256(token.toUtf8()).toHex());
}

QString MfaStore::createChallenge(QSqlDatabase& db, const Challenge& c)
{
    const QString token = crypto::randomToken(32);
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("INSERT INTO mfa_challenges (token_hash, user_id, purpose, methods, source_ip, "
                       "user_agent, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    bind(query,
         {hashToken(token), c.userId, c.purpose, c.methods.join(QLatin1Char(',')), c.sourceIp,
          c.userAgent.left(256), c.createdAt, c.expiresAt});
    if (!exec(query))
        return {};
    // Expired challenges are of no use to anybody; each new one sweeps a few.
    QSqlQuery prune(db);
    prune.prepare(QStringLiteral("DELETE FROM mfa_challenges WHERE expires_at < ?"));
    prune.addBindValue(c.createdAt - 3600);
    exec(prune);
    return token;
}

std::optional<Challenge> MfaStore::findChallenge(QSqlDatabase& db, const QString& token)
{
    if (token.size() < 16 || token.size() > 128)
        return std::nullopt;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT token_hash, user_id, purpose, methods, source_ip, user_agent, "
                                 "created_at, expires_at, used_at FROM mfa_challenges WHERE token_hash = ?"));
    query.addBindValue(hashToken(token));
    if (!exec(query) || !query.next())
        return std::nullopt;
    Challenge c;
    c.tokenHash = query.value(0).toString();
    c.userId = query.value(1).toString();
    c.purpose = query.value(2).toString();
    c.methods = query.value(3).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    c.sourceIp = query.value(4).toString();
    c.userAgent = query.value(5).toString();
    c.createdAt = query.value(6).toLongLong();
    c.expiresAt = query.value(7).toLongLong();
    c.usedAt = query.value(8).toLongLong();
    return c;
}

bool MfaStore::consumeChallenge(QSqlDatabase& db, const QString& tokenHash, qint64 nowSecs)
{
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("UPDATE mfa_challenges SET used_at = ? WHERE token_hash = ? AND used_at IS NULL "
                       "AND expires_at > ?"));
    bind(query, {nowSecs, tokenHash, nowSecs});
    return exec(query) && query.numRowsAffected() == 1;
}

qint64 MfaStore::lockedUntil(QSqlDatabase& db, const QString& userId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT locked_until FROM mfa_user_state WHERE user_id = ?"));
    query.addBindValue(userId);
    return exec(query) && query.next() ? query.value(0).toLongLong() : 0;
}

bool MfaStore::recordFailure(QSqlDatabase& db, const QString& userId, int threshold, qint64 lockSecs,
                             qint64 nowSecs)
{
    QSqlQuery count(db);
    count.prepare(QStringLiteral(
        "INSERT INTO mfa_user_state (user_id, failed_attempts, updated_at) VALUES (?, 1, ?) "
        "ON CONFLICT (user_id) DO UPDATE SET failed_attempts = mfa_user_state.failed_attempts + 1, "
        "updated_at = excluded.updated_at"));
    bind(count, {userId, nowSecs});
    if (!exec(count))
        return false;
    // The failure that goes past the threshold locks, and the count restarts,
    // so whoever wins the race to lock it is the only one reporting the lock.
    QSqlQuery lock(db);
    lock.prepare(QStringLiteral("UPDATE mfa_user_state SET locked_until = ?, failed_attempts = 0 "
                                "WHERE user_id = ? AND failed_attempts > ?"));
    bind(lock, {nowSecs + lockSecs, userId, threshold});
    return exec(lock) && lock.numRowsAffected() == 1;
}

void MfaStore::recordSuccess(QSqlDatabase& db, const QString& userId, qint64 nowSecs)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE mfa_user_state SET failed_attempts = 0, updated_at = ? WHERE "
                                 "user_id = ? AND failed_attempts > 0"));
    bind(query, {nowSecs, userId});
    exec(query);
}

bool MfaStore::markSessionVerified(QSqlDatabase& db, const QString& sessionId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE sessions SET mfa_verified = ? WHERE id = ?"));
    bind(query, {true, sessionId});
    return exec(query) && query.numRowsAffected() == 1;
}

bool MfaStore::setRequired(QSqlDatabase& db, const QString& userId, bool required, qint64 nowSecs)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE users SET mfa_required = ?, updated_at = ? WHERE id = ?"));
    bind(query, {required, nowSecs, userId});
    return exec(query) && query.numRowsAffected() == 1;
}

} // namespace auth::mfa
