#pragma once

#include "http/Router.h"

#include <memory>

namespace auth::core {
struct ServiceContext;
}

namespace auth::oauth {

class AuthorizeController;
class ClientRepository;
class OAuthAdminController;
class OAuthController;

// OAuth 2.0 / OpenID Connect as one unit for AuthService: the client registry
// (and its cache) shared by the admin, token and authorization endpoints.
class OAuthModule
{
public:
    explicit OAuthModule(core::ServiceContext& context);
    ~OAuthModule();
    void registerRoutes(http::Router& router);
    ClientRepository& clients();

private:
    core::ServiceContext& m_context;
    std::unique_ptr<ClientRepository> m_clients;
    std::unique_ptr<OAuthAdminController> m_admin;
    std::unique_ptr<OAuthController> m_tokens;
    std::unique_ptr<AuthorizeController> m_authorize;
};

} // namespace auth::oauth
