#include "tokens/TokenService.h"

#include "core/Clock.h"
#include "crypto/Jwt.h"
#include "crypto/Random.h"
#include "state/StateStore.h"
#include "tokens/KeyManager.h"

#include <QSqlQuery>

namespace auth::tokens {

TokenService::TokenService(KeyManager* keys, state::StateStore* state, QString issuer, qint64 accessTtlSecs,
                           qint64 leewaySecs)
    : m_keys(keys)
    , m_state(state)
    , m_issuer(std::move(issuer))
    , m_accessTtl(accessTtlSecs)
    , m_leeway(leewaySecs)
{
}

TokenService::Issued TokenService::issue(const Request& request) const
{
    const auto keys = m_keys->keys();
    Issued issued;
    if (!keys->active)
        return issued;
    const qint64 now = Clock::nowSecs();
    const qint64 ttl = request.ttlSecs > 0 ? request.ttlSecs : m_accessTtl;
    issued.jti = crypto::randomToken(16);
    issued.kid = keys->active->kid();
    issued.expiresIn = ttl;
    issued.expiresAt = now + ttl;
    QJsonObject claims = request.extra;
    claims.insert(QStringLiteral("iss"), m_issuer);
    claims.insert(QStringLiteral("sub"), request.subject);
    claims.insert(QStringLiteral("aud"), request.audience.isEmpty() ? m_issuer : request.audience);
    claims.insert(QStringLiteral("client_id"), request.clientId);
    claims.insert(QStringLiteral("iat"), double(now));
    claims.insert(QStringLiteral("nbf"), double(now));
    claims.insert(QStringLiteral("exp"), double(issued.expiresAt));
    claims.insert(QStringLiteral("jti"), issued.jti);
    if (!request.scope.isEmpty())
        claims.insert(QStringLiteral("scope"), request.scope);
    if (!request.sessionId.isEmpty())
        claims.insert(QStringLiteral("sid"), request.sessionId);
    issued.token
        = crypto::signJwt({{QStringLiteral("typ"), QStringLiteral("at+jwt")}}, claims, *keys->active);
    return issued;
}

QByteArray TokenService::issueIdToken(const QString& subject, const QString& clientId, const QString& nonce,
                                      qint64 authTime, const QJsonObject& extra) const
{
    const auto keys = m_keys->keys();
    if (!keys->active)
        return {};
    const qint64 now = Clock::nowSecs();
    QJsonObject claims = extra;
    claims.insert(QStringLiteral("iss"), m_issuer);
    claims.insert(QStringLiteral("sub"), subject);
    claims.insert(QStringLiteral("aud"), clientId);
    claims.insert(QStringLiteral("iat"), double(now));
    claims.insert(QStringLiteral("exp"), double(now + m_accessTtl));
    claims.insert(QStringLiteral("auth_time"), double(authTime));
    if (!nonce.isEmpty())
        claims.insert(QStringLiteral("nonce"), nonce);
    return crypto::signJwt({{QStringLiteral("typ"), QStringLiteral("JWT")}}, claims, *keys->active);
}

TokenService::Validation TokenService::verify(QByteArrayView token) const
{
    const auto keys = m_keys->keys();
    crypto::VerifyOptions options;
    options.issuer = m_issuer;
    options.leewaySecs = m_leeway;
    options.requiredType = QStringLiteral("at+jwt");
    // Our endpoints are the audience of the tokens we issue (RFC 9068 §4).
    options.audience = m_issuer;
    const crypto::VerifyResult result = keys->verifier.verify(token, options);
    Validation validation;
    validation.ok = result.ok;
    validation.error = result.error;
    validation.claims = result.claims;
    if (validation.ok && validation.claims.value(QStringLiteral("jti")).toString().isEmpty()) {
        validation.ok = false;
        validation.error = QStringLiteral("malformed");
    }
    return validation;
}

QString TokenService::revocationReason(QSqlDatabase& db, const QJsonObject& claims) const
{
    const QString jti = claims.value(QStringLiteral("jti")).toString();
    const qint64 iat = qint64(claims.value(QStringLiteral("iat")).toDouble());
    if (m_state->isTokenIdRevoked(jti))
        return QStringLiteral("revoked");
    const QString subject = claims.value(QStringLiteral("sub")).toString();
    const QString sid = claims.value(QStringLiteral("sid")).toString();
    if (sid.isEmpty()) {
        // Client tokens have no session to revoke: the marks cover them, and
        // (iat being whole seconds) also refuse ones from the revoking second.
        if (iat <= m_state->notBefore(GlobalSubject) || iat <= m_state->notBefore(subject))
            return QStringLiteral("revoked");
    } else {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("SELECT revoked_at, expires_at FROM sessions WHERE id = ?"));
        query.addBindValue(sid);
        if (!query.exec() || !query.next())
            return QStringLiteral("session_unknown");
        if (!query.value(0).isNull())
            return QStringLiteral("session_revoked");
        if (query.value(1).toLongLong() <= Clock::nowSecs())
            return QStringLiteral("session_expired");
    }
    return {};
}

void TokenService::revokeTokenId(QSqlDatabase& db, const QString& jti, qint64 expiresAt) const
{
    m_state->revokeTokenId(jti, expiresAt);
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO revoked_tokens (jti, expires_at) VALUES (?, ?) ON CONFLICT (jti) DO NOTHING"));
    query.addBindValue(jti);
    query.addBindValue(expiresAt);
    query.exec();
}

void TokenService::setNotBefore(QSqlDatabase& db, const QString& subject, qint64 secs) const
{
    m_state->setNotBefore(subject, secs);
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO revocation_marks (subject, not_before) VALUES (?, ?) "
                                 "ON CONFLICT (subject) DO UPDATE SET not_before = excluded.not_before"));
    query.addBindValue(subject);
    query.addBindValue(secs);
    query.exec();
}

void TokenService::loadRevocations(QSqlDatabase& db) const
{
    const qint64 now = Clock::nowSecs();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT jti, expires_at FROM revoked_tokens WHERE expires_at > ?"));
    query.addBindValue(now);
    if (query.exec()) {
        while (query.next())
            m_state->revokeTokenId(query.value(0).toString(), query.value(1).toLongLong());
    }
    QSqlQuery marks(db);
    if (marks.exec(QStringLiteral("SELECT subject, not_before FROM revocation_marks"))) {
        while (marks.next())
            m_state->setNotBefore(marks.value(0).toString(), marks.value(1).toLongLong());
    }
    QSqlQuery prune(db);
    prune.prepare(QStringLiteral("DELETE FROM revoked_tokens WHERE expires_at <= ?"));
    prune.addBindValue(now);
    prune.exec();
}

} // namespace auth::tokens
