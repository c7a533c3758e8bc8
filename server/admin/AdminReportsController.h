#pragma once

#include "http/Router.h"

#include <QJsonObject>
#include <QMutex>

namespace auth::core {
struct ServiceContext;
}

namespace auth::admin {

// The runbook's maintenance reports and per-user session control:
// GET /admin/users/inactive, GET /admin/security/weak-passwords,
// GET /admin/security/encryption-status, GET and DELETE /admin/users/{id}/sessions.
class AdminReportsController
{
public:
    explicit AdminReportsController(core::ServiceContext& context)
        : m_context(context)
    {
    }
    void registerRoutes(http::Router& router);

    // What is encrypted at rest and in transit, with which algorithm and key
    // (also used by the compliance checks and the evidence bundle).
    static QJsonObject encryptionStatus(const core::ServiceContext& context);

private:
    QFuture<http::HttpResponse> inactiveUsers(http::HttpRequest& request);
    QFuture<http::HttpResponse> weakPasswords(http::HttpRequest& request);
    QFuture<http::HttpResponse> encryption(http::HttpRequest& request);
    QFuture<http::HttpResponse> listSessions(http::HttpRequest& request);
    QFuture<http::HttpResponse> revokeSessions(http::HttpRequest& request);

    core::ServiceContext& m_context;
};

} // namespace auth::admin
