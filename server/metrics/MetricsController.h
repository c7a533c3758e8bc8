#pragma once

#include "http/Router.h"

#include <QJsonObject>
#include <atomic>
#include <functional>

namespace auth::core {
struct ServiceContext;
}
namespace auth::events {
class EventStore;
}
namespace auth::alerts {
class AlertEngine;
}

namespace auth::metrics {

class Metrics;

// GET /security/threats/metrics (the runbook's JSON), GET /metrics (Prometheus
// text format 0.0.4) and GET /admin/metrics/series (the console's charts).
// The first two answer without a token from METRICS_ALLOWED_NETWORKS (loopback
// by default), so the runbook's `curl … | jq '.rate_limiting'` works on the
// host; from anywhere else they need an admin Bearer token like /admin/*.
class MetricsController
{
public:
    MetricsController(core::ServiceContext& context, Metrics* metrics, events::EventStore* store,
                      alerts::AlertEngine* alerts);
    void registerRoutes(http::Router& router);

    void setStore(events::EventStore* store) { m_store.store(store); }
    QJsonObject threatMetrics() const;
    QByteArray prometheus() const;

private:
    QFuture<http::HttpResponse> gated(http::HttpRequest& request, std::function<http::HttpResponse()> answer);
    QFuture<http::HttpResponse> series(http::HttpRequest& request);

    core::ServiceContext& m_context;
    Metrics* m_metrics;
    std::atomic<events::EventStore*> m_store;
    alerts::AlertEngine* m_alerts;
};

} // namespace auth::metrics
