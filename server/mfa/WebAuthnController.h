#pragma once

#include "http/Router.h"

namespace auth::core {
struct ServiceContext;
}

namespace auth::mfa {

class WebAuthnMethod;

// /api/v1/mfa/webauthn/*: registration of security keys (options, verify),
// their removal (with step-up), and the options of a login's second step or
// a step-up. Registers the "webauthn" method with the MfaService, so
// /api/v1/mfa/verify and /step-up accept {"method":"webauthn","credential":{...}}.
class WebAuthnController
{
public:
    explicit WebAuthnController(core::ServiceContext& context);
    void registerRoutes(http::Router& router);

private:
    QFuture<http::HttpResponse> registrationOptions(http::HttpRequest& request);
    QFuture<http::HttpResponse> registrationVerify(http::HttpRequest& request);
    QFuture<http::HttpResponse> removeCredential(http::HttpRequest& request);
    QFuture<http::HttpResponse> assertionOptions(http::HttpRequest& request);

    core::ServiceContext& m_context;
    WebAuthnMethod* m_method = nullptr; // owned by the MfaService
};

} // namespace auth::mfa
