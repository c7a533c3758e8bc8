#pragma once

#include "http/Router.h"

namespace auth::core {
struct ServiceContext;
}

namespace auth::admin {

// Signing keys and accounts for administrators: GET /admin/keys,
// POST /admin/keys/rotate, GET /admin/users, POST /admin/users/{id}/lock and
// /unlock. Every call is audited.
class AdminController
{
public:
    explicit AdminController(core::ServiceContext& context)
        : m_context(context)
    {
    }
    void registerRoutes(http::Router& router);

private:
    QFuture<http::HttpResponse> listKeys(http::HttpRequest& request);
    QFuture<http::HttpResponse> rotateKeys(http::HttpRequest& request);
    QFuture<http::HttpResponse> listUsers(http::HttpRequest& request);
    QFuture<http::HttpResponse> setLock(http::HttpRequest& request, bool locked);

    core::ServiceContext& m_context;
};

} // namespace auth::admin
