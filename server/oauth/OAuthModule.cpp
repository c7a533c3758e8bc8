#include "oauth/OAuthModule.h"

#include "core/ServiceContext.h"
#include "oauth/AuthorizeController.h"
#include "oauth/ClientRepository.h"
#include "oauth/OAuthAdminController.h"
#include "oauth/OAuthController.h"

namespace auth::oauth {

OAuthModule::OAuthModule(core::ServiceContext& context)
    : m_context(context)
    , m_clients(std::make_unique<ClientRepository>())
    , m_admin(std::make_unique<OAuthAdminController>(context, *m_clients))
    , m_tokens(std::make_unique<OAuthController>(context, *m_clients))
    , m_authorize(std::make_unique<AuthorizeController>(context, *m_clients))
{
}

OAuthModule::~OAuthModule() = default;

void OAuthModule::registerRoutes(http::Router& router)
{
    m_admin->registerRoutes(router);
    m_tokens->registerRoutes(router);
    m_authorize->registerRoutes(router);
    m_context.features[QStringLiteral("oauth2_flows")] = true;
}

ClientRepository& OAuthModule::clients()
{
    return *m_clients;
}

} // namespace auth::oauth
