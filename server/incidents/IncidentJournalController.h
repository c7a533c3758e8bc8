#pragma once

#include "http/Router.h"

namespace auth::core {
struct ServiceContext;
}

namespace auth::incidents {

// POST /admin/incidents/{incident_id}/journal: one step of a breach response
// ({"step","action","outcome","note"}) into the audit trail, as an admin_action
// event ("incident.journal") whose parameters carry the incident id and step, so
// GET /admin/events?type=admin_action&q=<incident id> lists the incident.
// Admin only; a malformed id or body is refused (400) and nothing is recorded.
class IncidentJournalController
{
public:
    explicit IncidentJournalController(core::ServiceContext& context)
        : m_context(context)
    {
    }
    void registerRoutes(http::Router& router);

private:
    QFuture<http::HttpResponse> append(http::HttpRequest& request);

    core::ServiceContext& m_context;
};

} // namespace auth::incidents
