#include "tokens/WellKnownController.h"

#include "core/ServiceContext.h"
#include "crypto/SigningKey.h"
#include "tokens/KeyManager.h"
#include "tokens/TokenService.h"

#include <QCryptographicHash>
#include <QJsonArray>

namespace auth::tokens {

void WellKnownController::registerRoutes(http::Router& router)
{
    router.add("GET", QStringLiteral("/.well-known/jwks.json"),
               [this](http::HttpRequest&) { return http::ready(jwks()); });
    router.add("GET", QStringLiteral("/.well-known/openid-configuration"),
               [this](http::HttpRequest&) { return http::ready(discovery()); });
}

http::HttpResponse WellKnownController::jwks() const
{
    const auto keys = m_context.keys->keys();
    http::HttpResponse response = http::HttpResponse::text(200, keys->jwks, "application/jwk-set+json");
    // Short enough that a rotated key reaches verifiers well before it signs
    // anything they must accept: new keys are published as they become active.
    response.setHeader("Cache-Control", "public, max-age=300");
    response.setHeader("ETag",
                       '"' + QCryptographicHash::hash(keys->jwks, QCryptographicHash::Sha256).toHex().left(32)
                           + '"');
    return response;
}

http::HttpResponse WellKnownController::discovery() const
{
    const QString issuer = m_context.tokens->issuer();
    const auto keys = m_context.keys->keys();
    const QString algorithm
        = keys->active ? crypto::algorithmName(keys->active->algorithm()) : QStringLiteral("RS256");
    const QJsonObject body {
        {QStringLiteral("issuer"), issuer},
        {QStringLiteral("authorization_endpoint"), issuer + QStringLiteral("/oauth/authorize")},
        {QStringLiteral("token_endpoint"), issuer + QStringLiteral("/oauth/token")},
        {QStringLiteral("introspection_endpoint"), issuer + QStringLiteral("/oauth/introspect")},
        {QStringLiteral("revocation_endpoint"), issuer + QStringLiteral("/oauth/revoke")},
        {QStringLiteral("userinfo_endpoint"), issuer + QStringLiteral("/oauth/userinfo")},
        {QStringLiteral("jwks_uri"), issuer + QStringLiteral("/.well-known/jwks.json")},
        {QStringLiteral("response_types_supported"), QJsonArray {QStringLiteral("code")}},
        {QStringLiteral("grant_types_supported"),
         QJsonArray {QStringLiteral("authorization_code"), QStringLiteral("client_credentials"),
                     QStringLiteral("refresh_token")}},
        {QStringLiteral("subject_types_supported"), QJsonArray {QStringLiteral("public")}},
        {QStringLiteral("id_token_signing_alg_values_supported"), QJsonArray {algorithm}},
        {QStringLiteral("token_endpoint_auth_methods_supported"),
         QJsonArray {QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post"),
                     QStringLiteral("none")}},
        {QStringLiteral("introspection_endpoint_auth_methods_supported"),
         QJsonArray {QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post")}},
        {QStringLiteral("revocation_endpoint_auth_methods_supported"),
         QJsonArray {QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post")}},
        {QStringLiteral("code_challenge_methods_supported"), QJsonArray {QStringLiteral("S256")}},
        {QStringLiteral("authorization_response_iss_parameter_supported"), true},
        {QStringLiteral("scopes_supported"),
         QJsonArray {QStringLiteral("openid"), QStringLiteral("profile"), QStringLiteral("email"),
                     QStringLiteral("offline_access")}},
        {QStringLiteral("claims_supported"),
         QJsonArray {QStringLiteral("sub"), QStringLiteral("iss"), QStringLiteral("aud"),
                     QStringLiteral("exp"), QStringLiteral("iat"), QStringLiteral("email"),
                     QStringLiteral("name"), QStringLiteral("nonce")}},
    };
    http::HttpResponse response = http::HttpResponse::json(200, body);
    response.setHeader("Cache-Control", "public, max-age=3600");
    return response;
}

} // namespace auth::tokens
