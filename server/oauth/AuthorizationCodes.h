#pragma once

#include <QSqlDatabase>
#include <QString>

namespace auth::oauth {

// One-time authorization codes (RFC 6749 §4.1, PKCE per RFC 7636), stored as
// the SHA-256 of the code. Each code belongs to a session created when the
// user signed in, so revoking that session ends everything issued from it.
struct AuthorizationCode
{
    QString clientId;
    QString userId;
    QString sessionId;
    QString redirectUri;
    QString scope;
    QString nonce;
    QString codeChallenge; // S256 only; empty when the client sent none
    qint64 expiresAt = 0;
};

class AuthorizationCodes
{
public:
    static constexpr qint64 kLifetimeSecs = 60;

    // A new code for `row` (expiresAt is set here), or "" when it cannot be stored.
    static QString issue(QSqlDatabase& db, AuthorizationCode row, qint64 nowSecs);

    enum class Result { Ok, Unknown, Reused };
    struct Redemption
    {
        Result result = Result::Unknown;
        AuthorizationCode row;
    };
    // Marks the code used; of two parallel redemptions exactly one gets Ok.
    // Expiry and the request's binding are the caller's to check.
    static Redemption redeem(QSqlDatabase& db, const QString& code, qint64 nowSecs);

    // RFC 7636 §4.4.1 verifier syntax, and the S256 transformation check.
    static bool isValidVerifier(const QString& verifier);
    static bool isValidChallenge(const QString& challenge);
    static bool verifierMatches(const QString& verifier, const QString& challenge);
};

} // namespace auth::oauth
