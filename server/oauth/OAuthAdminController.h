#pragma once

#include "http/Router.h"

namespace auth::core {
struct ServiceContext;
}

namespace auth::oauth {

class ClientRepository;

// OAuth client registry for administrators: POST /admin/clients (the secret is
// returned once and stored only as its SHA-256), GET /admin/clients and
// POST /admin/clients/{client_id}/disable. Every call is audited.
class OAuthAdminController
{
public:
    OAuthAdminController(core::ServiceContext& context, ClientRepository& clients)
        : m_context(context)
        , m_clients(clients)
    {
    }
    void registerRoutes(http::Router& router);

private:
    QFuture<http::HttpResponse> create(http::HttpRequest& request);
    QFuture<http::HttpResponse> list(http::HttpRequest& request);
    QFuture<http::HttpResponse> disable(http::HttpRequest& request);

    core::ServiceContext& m_context;
    ClientRepository& m_clients;
};

} // namespace auth::oauth
