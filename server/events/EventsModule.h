#pragma once

#include "http/Router.h"

#include <memory>

namespace auth::core {
struct ServiceContext;
}
namespace auth::metrics {
class Metrics;
class MetricsController;
} // namespace auth::metrics
namespace auth::alerts {
class AlertEngine;
class AlertsController;
} // namespace auth::alerts

namespace auth::events {

class EventStore;
class EventsController;

// Security operations data as one unit for AuthService: the event table and its
// query/stream API, the metrics (JSON, Prometheus, series) and the alert rules.
// It observes every recorded event (core::setEventObserver) and every response
// (observeResponse, from AuthService::finalize).
class EventsModule
{
public:
    explicit EventsModule(core::ServiceContext& context);
    ~EventsModule();
    void registerRoutes(http::Router& router);
    // After storage and health are open.
    void start();
    // Before storage closes: stops observing and writes what is queued.
    void stop();
    void observeResponse(const http::HttpRequest& request, const http::HttpResponse& response);

private:
    core::ServiceContext& m_context;
    std::unique_ptr<metrics::Metrics> m_metrics;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<alerts::AlertEngine> m_alerts;
    std::unique_ptr<EventsController> m_events;
    std::unique_ptr<metrics::MetricsController> m_metricsController;
    std::unique_ptr<alerts::AlertsController> m_alertsController;
};

} // namespace auth::events
