#pragma once

#include "http/Router.h"

#include <memory>
#include <optional>

namespace auth::core {
struct ServiceContext;
}
namespace auth::containment {
class Containment;
class ContainmentController;
} // namespace auth::containment
namespace auth::compliance {
class ComplianceController;
}
namespace auth::evidence {
class EvidenceController;
}
namespace auth::incidents {
class IncidentJournalController;
}

namespace auth::admin {

class AdminReportsController;

// Security operations as one unit for AuthService: containment (isolate,
// restore, revoke-all), compliance, the maintenance reports and evidence.
class SecurityOperations
{
public:
    explicit SecurityOperations(core::ServiceContext& context);
    ~SecurityOperations();
    void registerRoutes(http::Router& router);
    // After storage is open: loads the containment state and starts following it.
    void start();
    // The lockdown choke point: the answer for a request refused while isolated.
    std::optional<http::HttpResponse> gate(const http::HttpRequest& request) const;

private:
    core::ServiceContext& m_context;
    std::unique_ptr<containment::Containment> m_containment;
    std::unique_ptr<containment::ContainmentController> m_containmentController;
    std::unique_ptr<compliance::ComplianceController> m_compliance;
    std::unique_ptr<AdminReportsController> m_reports;
    std::unique_ptr<evidence::EvidenceController> m_evidence;
    std::unique_ptr<incidents::IncidentJournalController> m_incidents;
};

} // namespace auth::admin
