#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace auth::state {
class StateStore;
}

namespace auth::tokens {

class KeyManager;

// Access tokens in the RFC 9068 profile (typ at+jwt) and their validation:
// signature with the key named by kid (algorithm pinned to the key), exp/nbf/iat
// with leeway, issuer, then revocation: the token id, the user's and the global
// not-before marks, and the session it belongs to.
class TokenService
{
public:
    struct Request
    {
        QString subject; // user id, or the client id for client_credentials
        QString clientId;
        QString scope;
        QString sessionId; // empty for client tokens
        QString audience; // defaults to the issuer
        QJsonObject extra; // more claims (e.g. roles, mfa)
        qint64 ttlSecs = 0; // 0: the configured access-token lifetime
    };
    struct Issued
    {
        QByteArray token;
        QString jti;
        QString kid;
        qint64 expiresAt = 0;
        qint64 expiresIn = 0;
    };
    struct Validation
    {
        bool ok = false;
        QString error; // machine reason
        QJsonObject claims;
    };

    TokenService(KeyManager* keys, state::StateStore* state, QString issuer, qint64 accessTtlSecs,
                 qint64 leewaySecs);

    QString issuer() const { return m_issuer; }
    qint64 accessTtlSecs() const { return m_accessTtl; }
    qint64 leewaySecs() const { return m_leeway; }

    // Any thread; signing only, no I/O.
    Issued issue(const Request& request) const;
    // An OpenID Connect ID token for `clientId`.
    QByteArray issueIdToken(const QString& subject, const QString& clientId, const QString& nonce,
                            qint64 authTime, const QJsonObject& extra) const;
    // Signature, time and issuer checks only (no I/O).
    Validation verify(QByteArrayView token) const;
    // Revocation checks (database: call on the pool). Empty when the token stands.
    QString revocationReason(QSqlDatabase& db, const QJsonObject& claims) const;

    // Revocation writes: persisted, and mirrored into the state store.
    void revokeTokenId(QSqlDatabase& db, const QString& jti, qint64 expiresAt) const;
    void setNotBefore(QSqlDatabase& db, const QString& subject, qint64 secs) const;
    // Loads persisted revocations into the state store at start.
    void loadRevocations(QSqlDatabase& db) const;

    static inline const QString GlobalSubject = QStringLiteral("*");

private:
    KeyManager* m_keys;
    state::StateStore* m_state;
    QString m_issuer;
    qint64 m_accessTtl;
    qint64 m_leeway;
};

} // namespace auth::tokens
