#pragma once

#include "http/Router.h"

namespace auth::core {
struct ServiceContext;
}

namespace auth::accounts {

// /api/v1/auth/*: registration, password login, refresh-token rotation,
// logout, the caller's account and sessions, password change. Hashing and SQL
// run on the CPU pool; the worker loop only decodes and answers.
class AuthController
{
public:
    explicit AuthController(core::ServiceContext& context)
        : m_context(context)
    {
    }
    void registerRoutes(http::Router& router);

private:
    QFuture<http::HttpResponse> registerUser(http::HttpRequest& request);
    QFuture<http::HttpResponse> login(http::HttpRequest& request);
    QFuture<http::HttpResponse> refresh(http::HttpRequest& request);
    QFuture<http::HttpResponse> logout(http::HttpRequest& request, bool everywhere);
    QFuture<http::HttpResponse> me(http::HttpRequest& request);
    QFuture<http::HttpResponse> sessions(http::HttpRequest& request);
    QFuture<http::HttpResponse> changePassword(http::HttpRequest& request);

    core::ServiceContext& m_context;
};

} // namespace auth::accounts
