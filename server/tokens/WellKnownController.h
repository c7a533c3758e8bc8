#pragma once

#include "http/Router.h"

namespace auth::core {
struct ServiceContext;
}

namespace auth::tokens {

// /.well-known/jwks.json (public keys, cacheable for five minutes) and
// /.well-known/openid-configuration (discovery).
class WellKnownController
{
public:
    explicit WellKnownController(core::ServiceContext& context)
        : m_context(context)
    {
    }
    void registerRoutes(http::Router& router);

private:
    http::HttpResponse jwks() const;
    http::HttpResponse discovery() const;

    core::ServiceContext& m_context;
};

} // namespace auth::tokens
