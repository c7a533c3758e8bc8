#pragma once

#include "http/Router.h"

#include <memory>

namespace auth::core {
struct ServiceContext;
}

namespace auth::mfa {

class MfaService;

// /api/v1/mfa/*: the second step of a login, TOTP enrolment, backup codes,
// the caller's methods, step-up; and the admin's per-user MFA requirement.
// Owns the MfaService it publishes in the ServiceContext. SQL and crypto run
// on the database pool; the worker loop only decodes and answers.
class MfaController
{
public:
    explicit MfaController(core::ServiceContext& context);
    ~MfaController();
    void registerRoutes(http::Router& router);

private:
    QFuture<http::HttpResponse> verify(http::HttpRequest& request);
    QFuture<http::HttpResponse> enrollTotp(http::HttpRequest& request);
    QFuture<http::HttpResponse> confirmTotp(http::HttpRequest& request);
    QFuture<http::HttpResponse> disable(http::HttpRequest& request, const QString& method);
    QFuture<http::HttpResponse> methods(http::HttpRequest& request);
    QFuture<http::HttpResponse> regenerateBackupCodes(http::HttpRequest& request);
    QFuture<http::HttpResponse> stepUp(http::HttpRequest& request);
    QFuture<http::HttpResponse> setRequirement(http::HttpRequest& request);

    core::ServiceContext& m_context;
    std::unique_ptr<MfaService> m_service;
};

} // namespace auth::mfa
