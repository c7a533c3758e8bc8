#include "admin/SecurityOperations.h"

#include "admin/AdminReportsController.h"
#include "compliance/ComplianceController.h"
#include "containment/Containment.h"
#include "containment/ContainmentController.h"
#include "core/ServiceContext.h"
#include "evidence/EvidenceController.h"
#include "incidents/IncidentJournalController.h"

namespace auth::admin {

SecurityOperations::SecurityOperations(core::ServiceContext& context)
    : m_context(context)
    , m_containment(std::make_unique<containment::Containment>(context))
    , m_containmentController(std::make_unique<containment::ContainmentController>(context, *m_containment))
    , m_compliance(std::make_unique<compliance::ComplianceController>(context))
    , m_reports(std::make_unique<AdminReportsController>(context))
    , m_evidence(std::make_unique<evidence::EvidenceController>(context))
    , m_incidents(std::make_unique<incidents::IncidentJournalController>(context))
{
    m_context.containment = m_containment.get();
}

SecurityOperations::~SecurityOperations() = default;

void SecurityOperations::registerRoutes(http::Router& router)
{
    m_containmentController->registerRoutes(router);
    m_compliance->registerRoutes(router);
    m_reports->registerRoutes(router);
    m_evidence->registerRoutes(router);
    m_incidents->registerRoutes(router);
}

void SecurityOperations::start()
{
    m_containment->start();
}

std::optional<http::HttpResponse> SecurityOperations::gate(const http::HttpRequest& request) const
{
    return m_containment->gate(request);
}

} // namespace auth::admin
