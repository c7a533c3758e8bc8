#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <variant>

namespace auth::oauth {

namespace grants {
inline const QString AuthorizationCode = QStringLiteral("authorization_code");
inline const QString ClientCredentials = QStringLiteral("client_credentials");
inline const QString RefreshToken = QStringLiteral("refresh_token");
} // namespace grants

// A registered OAuth client. The secret itself is never kept: only its SHA-256.
struct OAuthClient
{
    QString clientId;
    QString name;
    QString secretHash; // hex SHA-256 of the secret; empty for public clients
    bool confidential = false;
    QStringList redirectUris;
    QStringList grantTypes;
    QStringList scopes;
    bool disabled = false;
    qint64 createdAt = 0;

    bool allowsGrant(const QString& grant) const { return grantTypes.contains(grant); }
    // True when every space-separated scope token of `scope` is registered.
    bool allowsScope(const QString& scope) const;
    // True when `secret` hashes to secretHash (constant-time comparison).
    bool secretMatches(const QString& secret) const;
    // The admin view: never the secret hash.
    QJsonObject toJson() const;
};

// A registration request as POST /admin/clients receives it, validated: an
// OAuthClient without id, secret and timestamps, or a 422 description.
struct ClientRegistrationError
{
    QString code;
    QString description;
};
std::variant<OAuthClient, ClientRegistrationError> parseClientRegistration(const QJsonObject& body);

// RFC 6749 §3.3 scope-token syntax, one token.
bool isScopeToken(const QString& token);
// Space-separated scope into distinct tokens; `ok` false (and an empty list) on bad syntax.
QStringList splitScope(const QString& scope, bool* ok);
// Absolute https URI without fragment or user info (http only for loopback hosts).
bool isAcceptableRedirectUri(const QString& uri, QString* why);

} // namespace auth::oauth
