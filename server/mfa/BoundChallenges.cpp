#include "mfa/BoundChallenges.h"

#include "logging/LogCategories.h"
#include "mfa/MfaStore.h"

#include <QSqlError>
#include <QSqlQuery>

namespace auth::mfa {

namespace {

bool exec(QSqlQuery& query)
{
    if (query.exec())
        return true;
    qCWarning(lcMfa).noquote() << "bound challenge query failed:" << query.lastError().text();
    return false;
}

QString hashOf(const QString& key)
{
    return MfaStore::hashToken(QStringLiteral("bound:") + key);
}

} // namespace

bool BoundChallenges::put(QSqlDatabase& db, const QString& key, const QString& userId, const QString& kind,
                          const QString& data, qint64 ttlSecs, qint64 nowSecs)
{
    if (!db.transaction())
        return false;
    QSqlQuery drop(db);
    drop.prepare(QStringLiteral("DELETE FROM mfa_challenges WHERE token_hash = ?"));
    drop.addBindValue(hashOf(key));
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO mfa_challenges (token_hash, user_id, purpose, methods, data, "
                                  "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant& value :
         {QVariant(hashOf(key)), QVariant(userId), QVariant(QStringLiteral("bound:") + kind), QVariant(kind),
          QVariant(data), QVariant(nowSecs), QVariant(nowSecs + ttlSecs)})
        insert.addBindValue(value);
    if (!exec(drop) || !exec(insert)) {
        db.rollback();
        return false;
    }
    return db.commit();
}

std::optional<QString> BoundChallenges::get(QSqlDatabase& db, const QString& key, qint64 nowSecs)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "SELECT data FROM mfa_challenges WHERE token_hash = ? AND expires_at > ? AND used_at IS NULL"));
    query.addBindValue(hashOf(key));
    query.addBindValue(nowSecs);
    if (!exec(query) || !query.next())
        return std::nullopt;
    return query.value(0).toString();
}

std::optional<QString> BoundChallenges::take(QSqlDatabase& db, const QString& key, qint64 nowSecs)
{
    const auto data = get(db, key, nowSecs);
    if (!data)
        return std::nullopt;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM mfa_challenges WHERE token_hash = ? AND data = ?"));
    query.addBindValue(hashOf(key));
    query.addBindValue(*data);
    if (!exec(query) || query.numRowsAffected() != 1)
        return std::nullopt;
    return data;
}

bool BoundChallenges::compareAndSet(QSqlDatabase& db, const QString& key, const QString& expected,
                                    const QString& data)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE mfa_challenges SET data = ? WHERE token_hash = ? AND data = ?"));
    query.addBindValue(data);
    query.addBindValue(hashOf(key));
    query.addBindValue(expected);
    return exec(query) && query.numRowsAffected() == 1;
}

void BoundChallenges::remove(QSqlDatabase& db, const QString& key)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM mfa_challenges WHERE token_hash = ?"));
    query.addBindValue(hashOf(key));
    exec(query);
}

} // namespace auth::mfa
