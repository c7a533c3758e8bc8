#pragma once

#include "http/Router.h"

namespace auth::core {

struct ServiceContext;

// GET /health (the runbook's shape; 503 with `reasons` when degraded) and
// GET /api/v1/status (dependencies, uptime, counters).
class HealthController
{
public:
    explicit HealthController(ServiceContext& context)
        : m_context(context)
    {
    }
    void registerRoutes(http::Router& router);

private:
    http::HttpResponse health() const;
    http::HttpResponse status() const;
    QJsonObject stateStatus() const;
    QJsonObject keyStatus() const;

    ServiceContext& m_context;
};

} // namespace auth::core
