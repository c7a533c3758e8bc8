#pragma once

#include "http/Router.h"

namespace auth::core {
struct ServiceContext;
}

namespace auth::oauth {

class ClientRepository;

// GET/POST /oauth/authorize (RFC 6749 §4.1, PKCE S256 per RFC 7636, OpenID
// Connect nonce): checks the client and its exact redirect URI first and shows
// an HTML error page (never a redirect) when either is wrong; other errors go
// back to the client. GET renders the sign-in form with a double-submit CSRF
// token; POST checks it, the password (shared login logic), and redirects with
// a one-time code.
class AuthorizeController
{
public:
    AuthorizeController(core::ServiceContext& context, ClientRepository& clients)
        : m_context(context)
        , m_clients(clients)
    {
    }
    void registerRoutes(http::Router& router);

private:
    QFuture<http::HttpResponse> show(http::HttpRequest& request);
    QFuture<http::HttpResponse> submit(http::HttpRequest& request);

    core::ServiceContext& m_context;
    ClientRepository& m_clients;
};

} // namespace auth::oauth
