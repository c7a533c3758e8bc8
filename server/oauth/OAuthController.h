#pragma once

#include "http/Router.h"

#include <QSqlDatabase>

namespace auth::core {
struct ServiceContext;
}

namespace auth::oauth {

class ClientRepository;
struct OAuthCall;
struct OAuthClient;

// The OAuth 2.0 token endpoints, form-encoded as the RFCs say:
// POST /oauth/token (RFC 6749: client_credentials, authorization_code with PKCE
// (RFC 7636), refresh_token with rotation), POST /oauth/introspect (RFC 7662),
// POST /oauth/revoke (RFC 7009) and GET /oauth/userinfo (OpenID Connect).
// Signing, hashing and SQL run on the CPU pool; the worker loop only decodes.
class OAuthController
{
public:
    OAuthController(core::ServiceContext& context, ClientRepository& clients)
        : m_context(context)
        , m_clients(clients)
    {
    }
    void registerRoutes(http::Router& router);

private:
    QFuture<http::HttpResponse> token(http::HttpRequest& request);
    QFuture<http::HttpResponse> introspect(http::HttpRequest& request);
    QFuture<http::HttpResponse> revoke(http::HttpRequest& request);
    QFuture<http::HttpResponse> userinfo(http::HttpRequest& request);

    http::HttpResponse clientCredentialsGrant(const OAuthCall& call, const OAuthClient& client);
    http::HttpResponse authorizationCodeGrant(const OAuthCall& call, const OAuthClient& client,
                                              QSqlDatabase& db);
    http::HttpResponse refreshTokenGrant(const OAuthCall& call, const OAuthClient& client, QSqlDatabase& db);
    void recordIssued(const OAuthCall& call, const QString& kid, const QString& jti, const QString& grant,
                      const QString& clientId, const QString& userId);

    core::ServiceContext& m_context;
    ClientRepository& m_clients;
};

} // namespace auth::oauth
