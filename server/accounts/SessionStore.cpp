#include "accounts/SessionStore.h"

#include "core/Clock.h"
#include "crypto/Digest.h"
#include "crypto/Random.h"
#include "logging/LogCategories.h"

#include <QSqlError>
#include <QSqlQuery>

namespace auth::accounts {

namespace {

const QString SessionColumns = QStringLiteral("id, user_id, client_id, created_at, last_seen_at, expires_at, "
                                              "revoked_at, mfa_verified, source_ip, user_agent");

Session sessionFromRow(const QSqlQuery& q)
{
    Session s;
    s.id = q.value(0).toString();
    s.userId = q.value(1).toString();
    s.clientId = q.value(2).toString();
    s.createdAt = q.value(3).toLongLong();
    s.lastSeenAt = q.value(4).toLongLong();
    s.expiresAt = q.value(5).toLongLong();
    s.revokedAt = q.value(6).toLongLong();
    s.mfaVerified = q.value(7).toBool();
    s.sourceIp = q.value(8).toString();
    s.userAgent = q.value(9).toString();
    return s;
}

bool exec(QSqlQuery& query)
{
    if (query.exec())
        return true;
    qCWarning(lcStorage).noquote() << "session query failed:" << query.lastError().text();
    return false;
}

} // namespace

QJsonObject Session::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("user_id"), userId},
            {QStringLiteral("client_id"), clientId.isEmpty() ? QJsonValue() : QJsonValue(clientId)},
            {QStringLiteral("created_at"), double(createdAt)},
            {QStringLiteral("last_seen_at"), double(lastSeenAt)},
            {QStringLiteral("expires_at"), double(expiresAt)},
            {QStringLiteral("revoked_at"), revokedAt > 0 ? QJsonValue(double(revokedAt)) : QJsonValue()},
            {QStringLiteral("mfa_verified"), mfaVerified},
            {QStringLiteral("source_ip"), sourceIp},
            {QStringLiteral("user_agent"), userAgent}};
}

QString SessionStore::hashToken(const QString& token)
{
    return QString::fromLatin1(crypto::sha256(token.toUtf8()).toHex());
}

std::optional<Session> SessionStore::create(QSqlDatabase& db, const QString& userId, const QString& clientId,
                                            const QString& sourceIp, const QString& userAgent,
                                            bool mfaVerified, qint64 lifetimeSecs)
{
    Session s;
    s.id = crypto::randomToken(18);
    s.userId = userId;
    s.clientId = clientId;
    s.createdAt = s.lastSeenAt = Clock::nowSecs();
    s.expiresAt = s.createdAt + lifetimeSecs;
    s.mfaVerified = mfaVerified;
    s.sourceIp = sourceIp;
    s.userAgent = userAgent.left(256);
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("INSERT INTO sessions (id, user_id, client_id, created_at, last_seen_at, expires_at, "
                       "mfa_verified, source_ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant& v :
         {QVariant(s.id), QVariant(userId), clientId.isEmpty() ? QVariant() : QVariant(clientId),
          QVariant(s.createdAt), QVariant(s.lastSeenAt), QVariant(s.expiresAt), QVariant(mfaVerified),
          QVariant(sourceIp), QVariant(s.userAgent)})
        query.addBindValue(v);
    if (!exec(query))
        return std::nullopt;
    return s;
}

std::optional<Session> SessionStore::find(QSqlDatabase& db, const QString& id)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT %1 FROM sessions WHERE id = ?").arg(SessionColumns));
    query.addBindValue(id);
    if (!exec(query) || !query.next())
        return std::nullopt;
    return sessionFromRow(query);
}

QList<Session> SessionStore::forUser(QSqlDatabase& db, const QString& userId, bool activeOnly)
{
    QSqlQuery query(db);
    QString sql = QStringLiteral("SELECT %1 FROM sessions WHERE user_id = ?").arg(SessionColumns);
    if (activeOnly)
        sql += QStringLiteral(" AND revoked_at IS NULL AND expires_at > ?");
    query.prepare(sql + QStringLiteral(" ORDER BY created_at DESC LIMIT 500"));
    query.addBindValue(userId);
    if (activeOnly)
        query.addBindValue(Clock::nowSecs());
    QList<Session> sessions;
    if (exec(query)) {
        while (query.next())
            sessions.append(sessionFromRow(query));
    }
    return sessions;
}

bool SessionStore::revoke(QSqlDatabase& db, const QString& id, const QString& reason)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "UPDATE sessions SET revoked_at = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL"));
    query.addBindValue(Clock::nowSecs());
    query.addBindValue(reason);
    query.addBindValue(id);
    const bool changed = exec(query) && query.numRowsAffected() > 0;
    QSqlQuery tokens(db);
    tokens.prepare(QStringLiteral(
        "UPDATE refresh_tokens SET revoked_at = ? WHERE session_id = ? AND revoked_at IS NULL"));
    tokens.addBindValue(Clock::nowSecs());
    tokens.addBindValue(id);
    exec(tokens);
    return changed;
}

int SessionStore::revokeForUser(QSqlDatabase& db, const QString& userId, const QString& exceptSessionId,
                                const QString& reason)
{
    // An empty exception spares nothing. (Binding it would compare against
    // NULL, which matches no row at all.)
    const bool spare = !exceptSessionId.isEmpty();
    const qint64 now = Clock::nowSecs();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE sessions SET revoked_at = ?, revoke_reason = ? WHERE user_id = ? "
                                 "AND revoked_at IS NULL")
                  + (spare ? QStringLiteral(" AND id <> ?") : QString()));
    query.addBindValue(now);
    query.addBindValue(reason);
    query.addBindValue(userId);
    if (spare)
        query.addBindValue(exceptSessionId);
    const int count = exec(query) ? query.numRowsAffected() : 0;
    QSqlQuery tokens(db);
    tokens.prepare(
        QStringLiteral("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
        + (spare ? QStringLiteral(" AND (session_id IS NULL OR session_id <> ?)") : QString()));
    tokens.addBindValue(now);
    tokens.addBindValue(userId);
    if (spare)
        tokens.addBindValue(exceptSessionId);
    exec(tokens);
    return count;
}

int SessionStore::revokeAll(QSqlDatabase& db, const QString& reason)
{
    const qint64 now = Clock::nowSecs();
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("UPDATE sessions SET revoked_at = ?, revoke_reason = ? WHERE revoked_at IS NULL"));
    query.addBindValue(now);
    query.addBindValue(reason);
    const int count = exec(query) ? query.numRowsAffected() : 0;
    QSqlQuery tokens(db);
    tokens.prepare(QStringLiteral("UPDATE refresh_tokens SET revoked_at = ? WHERE revoked_at IS NULL"));
    tokens.addBindValue(now);
    exec(tokens);
    return count;
}

void SessionStore::touch(QSqlDatabase& db, const QString& id, qint64 nowSecs)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE sessions SET last_seen_at = ? WHERE id = ?"));
    query.addBindValue(nowSecs);
    query.addBindValue(id);
    exec(query);
}

QString SessionStore::issueRefresh(QSqlDatabase& db, const RefreshToken& row, qint64 lifetimeSecs)
{
    const QString token = crypto::randomToken(32);
    const qint64 now = Clock::nowSecs();
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("INSERT INTO refresh_tokens (token_hash, family_id, session_id, user_id, client_id, "
                       "scope, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    auto orNull = [](const QString& s) { return s.isEmpty() ? QVariant() : QVariant(s); };
    for (const QVariant& v : {QVariant(hashToken(token)),
                              QVariant(row.familyId.isEmpty() ? crypto::randomToken(18) : row.familyId),
                              orNull(row.sessionId), orNull(row.userId), orNull(row.clientId),
                              QVariant(row.scope), QVariant(now), QVariant(now + lifetimeSecs)})
        query.addBindValue(v);
    return exec(query) ? token : QString();
}

SessionStore::Use SessionStore::use(QSqlDatabase& db, const QString& token, qint64 nowSecs)
{
    Use use;
    if (token.size() < 16 || token.size() > 128)
        return use;
    const QString hash = hashToken(token);
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "SELECT family_id, session_id, user_id, client_id, scope, expires_at, used_at, revoked_at "
        "FROM refresh_tokens WHERE token_hash = ?"));
    query.addBindValue(hash);
    if (!exec(query) || !query.next())
        return use;
    use.row = {query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
               query.value(3).toString(), query.value(4).toString(), query.value(5).toLongLong()};
    const bool used = !query.value(6).isNull();
    const bool revoked = !query.value(7).isNull();
    query.finish();
    if (used) {
        use.result = UseResult::Reused;
        return use;
    }
    if (revoked || use.row.expiresAt <= nowSecs)
        return use;
    // The conditional update is the arbiter between parallel uses.
    QSqlQuery mark(db);
    mark.prepare(
        QStringLiteral("UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL "
                       "AND revoked_at IS NULL"));
    mark.addBindValue(nowSecs);
    mark.addBindValue(hash);
    if (!exec(mark))
        return use;
    use.result = mark.numRowsAffected() == 1 ? UseResult::Ok : UseResult::Reused;
    return use;
}

int SessionStore::revokeFamily(QSqlDatabase& db, const QString& familyId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL"));
    query.addBindValue(Clock::nowSecs());
    query.addBindValue(familyId);
    return exec(query) ? query.numRowsAffected() : 0;
}

} // namespace auth::accounts
