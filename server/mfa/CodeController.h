#pragma once

#include "http/Router.h"
#include "mfa/delivery/Message.h"

#include <memory>

namespace auth::core {
struct ServiceContext;
}

namespace auth::mfa {

class CodeDelivery;
class CodeMethod;

// SMS and e-mail codes: enrolment (/api/v1/mfa/sms|email/enroll, /confirm,
// DELETE /api/v1/mfa/sms|email) and POST /api/v1/mfa/send, which sends a fresh
// code for a login's mfa_token (or, with a Bearer token, for a step-up).
// Registers the "sms" and "email" methods with the MfaService; owns the
// delivery thread. A gateway failure is a 502 delivery_failed.
class CodeController
{
public:
    explicit CodeController(core::ServiceContext& context);
    ~CodeController();
    void registerRoutes(http::Router& router);

private:
    CodeMethod* method(const QString& name) const;
    QFuture<http::HttpResponse> enroll(http::HttpRequest& request, CodeMethod* method);
    QFuture<http::HttpResponse> confirm(http::HttpRequest& request, CodeMethod* method);
    QFuture<http::HttpResponse> disable(http::HttpRequest& request, CodeMethod* method);
    QFuture<http::HttpResponse> send(http::HttpRequest& request);

    core::ServiceContext& m_context;
    std::unique_ptr<CodeDelivery> m_delivery;
    CodeMethod* m_sms = nullptr; // owned by the MfaService
    CodeMethod* m_email = nullptr;
};

} // namespace auth::mfa
