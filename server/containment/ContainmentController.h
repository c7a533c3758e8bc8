#pragma once

#include "http/Router.h"

namespace auth::core {
struct ServiceContext;
}

namespace auth::containment {

class Containment;

// The emergency steps of the breach runbook: GET /admin/containment,
// POST /admin/containment/isolate and /restore, POST /admin/sessions/revoke-all.
// Each takes a required reason and dry_run, is idempotent, and is audited.
class ContainmentController
{
public:
    ContainmentController(core::ServiceContext& context, Containment& containment)
        : m_context(context)
        , m_containment(containment)
    {
    }
    void registerRoutes(http::Router& router);

private:
    QFuture<http::HttpResponse> status(http::HttpRequest& request);
    QFuture<http::HttpResponse> setIsolated(http::HttpRequest& request, bool isolated);
    QFuture<http::HttpResponse> revokeAll(http::HttpRequest& request);

    core::ServiceContext& m_context;
    Containment& m_containment;
};

} // namespace auth::containment
