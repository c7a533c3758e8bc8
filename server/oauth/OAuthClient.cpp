#include "oauth/OAuthClient.h"

#include "crypto/Digest.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QSet>
#include <QUrl>
#include <algorithm>
#include <optional>

namespace auth::oauth {

namespace {

constexpr int kMaxRedirectUris = 20;
constexpr int kMaxScopes = 50;
constexpr int kMaxUriLength = 2000;

ClientRegistrationError invalid(const QString& description)
{
    return {QStringLiteral("invalid_client_metadata"), description};
}

// A JSON array of distinct strings, or nullopt when it is not one.
std::optional<QStringList> stringArray(const QJsonValue& value)
{
    if (!value.isArray())
        return std::nullopt;
    QStringList out;
    for (const QJsonValue& item : value.toArray()) {
        if (!item.isString())
            return std::nullopt;
        if (!out.contains(item.toString()))
            out.append(item.toString());
    }
    return out;
}

bool isLoopbackHost(const QString& host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

bool isScopeToken(const QString& token)
{
    if (token.isEmpty() || token.size() > 100)
        return false;
    for (const QChar c : token) {
        const ushort u = c.unicode();
        if (u < 0x21 || u > 0x7E || u == 0x22 || u == 0x5C)
            return false;
    }
    return true;
}

QStringList splitScope(const QString& scope, bool* ok)
{
    *ok = true;
    QStringList out;
    if (scope.isEmpty())
        return out;
    for (const QString& token : scope.split(QLatin1Char(' '))) {
        if (!isScopeToken(token)) {
            *ok = false;
            return {};
        }
        if (!out.contains(token))
            out.append(token);
    }
    return out;
}

bool isAcceptableRedirectUri(const QString& uri, QString* why)
{
    if (uri.isEmpty() || uri.size() > kMaxUriLength) {
        *why = QStringLiteral("must be 1 to %1 characters").arg(kMaxUriLength);
        return false;
    }
    const QUrl url(uri, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.host().isEmpty()) {
        *why = QStringLiteral("must be an absolute URI with a host");
        return false;
    }
    if (uri.contains(QLatin1Char('#'))) {
        *why = QStringLiteral("must not contain a fragment");
        return false;
    }
    if (!url.userInfo().isEmpty()) {
        *why = QStringLiteral("must not contain user information");
        return false;
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return true;
    if (scheme == QLatin1String("http") && isLoopbackHost(url.host()))
        return true;
    *why = QStringLiteral("must use https (http only for loopback hosts)");
    return false;
}

bool OAuthClient::allowsScope(const QString& scope) const
{
    bool ok = false;
    const QStringList requested = splitScope(scope, &ok);
    if (!ok)
        return false;
    for (const QString& token : requested) {
        if (!scopes.contains(token))
            return false;
    }
    return true;
}

bool OAuthClient::secretMatches(const QString& secret) const
{
    if (secretHash.isEmpty() || secret.isEmpty())
        return false;
    const QByteArray presented = crypto::sha256(secret.toUtf8()).toHex();
    return crypto::constantTimeEquals(presented, secretHash.toLatin1());
}

QJsonObject OAuthClient::toJson() const
{
    return {{QStringLiteral("client_id"), clientId},
            {QStringLiteral("name"), name},
            {QStringLiteral("confidential"), confidential},
            {QStringLiteral("token_endpoint_auth_method"),
             confidential ? QStringLiteral("client_secret_basic") : QStringLiteral("none")},
            {QStringLiteral("redirect_uris"), QJsonArray::fromStringList(redirectUris)},
            {QStringLiteral("grant_types"), QJsonArray::fromStringList(grantTypes)},
            {QStringLiteral("scopes"), QJsonArray::fromStringList(scopes)},
            {QStringLiteral("disabled"), disabled},
            {QStringLiteral("created_at"), double(createdAt)}};
}

std::variant<OAuthClient, ClientRegistrationError> parseClientRegistration(const QJsonObject& body)
{
    static const QSet<QString> known {QStringLiteral("name"), QStringLiteral("confidential"),
                                      QStringLiteral("redirect_uris"), QStringLiteral("grant_types"),
                                      QStringLiteral("scopes")};
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key()))
            return invalid(QStringLiteral("Unknown field '%1'").arg(it.key().left(64)));
    }
    OAuthClient client;
    client.name = body.value(QStringLiteral("name")).toString().trimmed();
    if (client.name.isEmpty() || client.name.size() > 100
        || std::any_of(client.name.cbegin(), client.name.cend(),
                       [](QChar c) { return c.category() == QChar::Other_Control; }))
        return invalid(QStringLiteral("name must be 1 to 100 printable characters"));
    if (!body.value(QStringLiteral("confidential")).isBool())
        return invalid(QStringLiteral("confidential must be a boolean"));
    client.confidential = body.value(QStringLiteral("confidential")).toBool();

    const auto grantTypes = stringArray(body.value(QStringLiteral("grant_types")));
    if (!grantTypes || grantTypes->isEmpty())
        return invalid(QStringLiteral("grant_types must be a non-empty array of strings"));
    for (const QString& grant : *grantTypes) {
        if (grant != grants::AuthorizationCode && grant != grants::ClientCredentials
            && grant != grants::RefreshToken)
            return invalid(QStringLiteral("grant_types: '%1' is not supported").arg(grant.left(64)));
    }
    client.grantTypes = *grantTypes;
    if (!client.confidential && client.allowsGrant(grants::ClientCredentials))
        return invalid(QStringLiteral("public clients cannot use client_credentials"));
    if (client.allowsGrant(grants::RefreshToken) && !client.allowsGrant(grants::AuthorizationCode))
        return invalid(QStringLiteral("refresh_token needs authorization_code"));

    const QJsonValue redirects = body.value(QStringLiteral("redirect_uris"));
    const auto redirectUris = redirects.isUndefined() ? QStringList() : stringArray(redirects);
    if (!redirectUris || redirectUris->size() > kMaxRedirectUris)
        return invalid(
            QStringLiteral("redirect_uris must be an array of at most %1 strings").arg(kMaxRedirectUris));
    for (const QString& uri : *redirectUris) {
        QString why;
        if (!isAcceptableRedirectUri(uri, &why))
            return {
                ClientRegistrationError {QStringLiteral("invalid_redirect_uri"),
                                         QStringLiteral("redirect_uris: '%1' %2").arg(uri.left(200), why)}};
    }
    if (client.allowsGrant(grants::AuthorizationCode) && redirectUris->isEmpty())
        return {
            ClientRegistrationError {QStringLiteral("invalid_redirect_uri"),
                                     QStringLiteral("authorization_code needs at least one redirect URI")}};
    client.redirectUris = *redirectUris;

    const QJsonValue scopeValue = body.value(QStringLiteral("scopes"));
    const auto scopes = scopeValue.isUndefined() ? QStringList() : stringArray(scopeValue);
    if (!scopes || scopes->size() > kMaxScopes)
        return invalid(QStringLiteral("scopes must be an array of at most %1 strings").arg(kMaxScopes));
    for (const QString& scope : *scopes) {
        if (!isScopeToken(scope))
            return invalid(QStringLiteral("scopes: '%1' is not a valid scope token").arg(scope.left(64)));
    }
    client.scopes = *scopes;
    return client;
}

} // namespace auth::oauth
