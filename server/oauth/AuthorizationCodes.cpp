#include "oauth/AuthorizationCodes.h"

#include "crypto/Base64Url.h"
#include "crypto/Digest.h"
#include "crypto/Random.h"
#include "logging/LogCategories.h"

#include <QSqlError>
#include <QSqlQuery>

namespace auth::oauth {

namespace {

QString hashCode(const QString& code)
{
    return QString::fromLatin1(crypto::sha256(code.toUtf8()).toHex());
}

bool exec(QSqlQuery& query)
{
    if (query.exec())
        return true;
    qCWarning(lcStorage).noquote() << "authorization code query failed:" << query.lastError().text();
    return false;
}

bool isUnreservedOnly(const QString& text)
{
    for (const QChar c : text) {
        const ushort u = c.unicode();
        const bool ok = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-'
            || u == '.' || u == '_' || u == '~';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

QString AuthorizationCodes::issue(QSqlDatabase& db, AuthorizationCode row, qint64 nowSecs)
{
    const QString code = crypto::randomToken(32);
    row.expiresAt = nowSecs + kLifetimeSecs;
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("INSERT INTO authorization_codes (code_hash, client_id, user_id, session_id, "
                       "redirect_uri, scope, nonce, code_challenge, expires_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    auto orNull = [](const QString& s) { return s.isEmpty() ? QVariant() : QVariant(s); };
    for (const QVariant& v : {QVariant(hashCode(code)), QVariant(row.clientId), QVariant(row.userId),
                              QVariant(row.sessionId), QVariant(row.redirectUri), QVariant(row.scope),
                              orNull(row.nonce), orNull(row.codeChallenge), QVariant(row.expiresAt)})
        query.addBindValue(v);
    return exec(query) ? code : QString();
}

AuthorizationCodes::Redemption AuthorizationCodes::redeem(QSqlDatabase& db, const QString& code,
                                                          qint64 nowSecs)
{
    Redemption redemption;
    if (code.size() < 16 || code.size() > 128)
        return redemption;
    const QString hash = hashCode(code);
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("SELECT client_id, user_id, session_id, redirect_uri, scope, nonce, "
                       "code_challenge, expires_at, used_at FROM authorization_codes WHERE code_hash = ?"));
    query.addBindValue(hash);
    if (!exec(query) || !query.next())
        return redemption;
    AuthorizationCode& row = redemption.row;
    row.clientId = query.value(0).toString();
    row.userId = query.value(1).toString();
    row.sessionId = query.value(2).toString();
    row.redirectUri = query.value(3).toString();
    row.scope = query.value(4).toString();
    row.nonce = query.value(5).toString();
    row.codeChallenge = query.value(6).toString();
    row.expiresAt = query.value(7).toLongLong();
    const bool used = !query.value(8).isNull();
    query.finish();
    if (used) {
        redemption.result = Result::Reused;
        return redemption;
    }
    QSqlQuery mark(db);
    mark.prepare(
        QStringLiteral("UPDATE authorization_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL"));
    mark.addBindValue(nowSecs);
    mark.addBindValue(hash);
    if (!exec(mark))
        return {};
    redemption.result = mark.numRowsAffected() == 1 ? Result::Ok : Result::Reused;
    return redemption;
}

bool AuthorizationCodes::isValidVerifier(const QString& verifier)
{
    return verifier.size() >= 43 && verifier.size() <= 128 && isUnreservedOnly(verifier);
}

bool AuthorizationCodes::isValidChallenge(const QString& challenge)
{
    // base64url of a SHA-256: exactly 43 characters.
    return challenge.size() == 43 && crypto::base64UrlDecode(challenge.toLatin1()).has_value();
}

bool AuthorizationCodes::verifierMatches(const QString& verifier, const QString& challenge)
{
    if (!isValidVerifier(verifier) || challenge.isEmpty())
        return false;
    const QByteArray computed = crypto::base64UrlEncode(crypto::sha256(verifier.toLatin1()));
    return crypto::constantTimeEquals(computed, challenge.toLatin1());
}

} // namespace auth::oauth
