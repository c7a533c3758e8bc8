#include "events/EventsModule.h"

#include "alerts/AlertEngine.h"
#include "alerts/AlertsController.h"
#include "core/ClientAddress.h"
#include "core/Events.h"
#include "core/ServiceContext.h"
#include "events/EventStore.h"
#include "events/EventsController.h"
#include "metrics/Metrics.h"
#include "metrics/MetricsController.h"

#include <algorithm>

namespace auth::events {

namespace {

EventStreamSession::Limits streamLimits(const Config& config)
{
    EventStreamSession::Limits limits;
    limits.maxBufferedBytes = config.integer(QStringLiteral("events.stream_max_buffer_bytes"));
    limits.pingIntervalMs = int(config.durationMs(QStringLiteral("events.stream_ping_interval")));
    return limits;
}

alerts::AlertEngine::Thresholds thresholds(const Config& config)
{
    alerts::AlertEngine::Thresholds t;
    t.failedLogins5m = int(config.integer(QStringLiteral("alerts.failed_logins_5m")));
    t.failedLoginsPerIp5m = int(config.integer(QStringLiteral("alerts.failed_logins_per_ip_5m")));
    t.latencyP95Ms = double(config.integer(QStringLiteral("alerts.latency_p95_ms")));
    t.latencyForMs = config.durationMs(QStringLiteral("alerts.latency_duration"));
    t.mfaFailures5m = int(config.integer(QStringLiteral("alerts.mfa_failures_5m")));
    t.complianceViolations = config.boolean(QStringLiteral("alerts.compliance_violations"));
    return t;
}

} // namespace

EventsModule::EventsModule(core::ServiceContext& context)
    : m_context(context)
    , m_metrics(std::make_unique<metrics::Metrics>())
{
    m_context.metrics = m_metrics.get();
    const Config& config = *context.config;
    m_events = std::make_unique<EventsController>(
        context, streamLimits(config), int(config.integer(QStringLiteral("events.stream_max_clients"))));
    m_alerts = std::make_unique<alerts::AlertEngine>(
        context, m_metrics.get(), thresholds(config),
        int(std::max<qint64>(500, config.durationMs(QStringLiteral("alerts.evaluation_interval")))));
    m_alertsController = std::make_unique<alerts::AlertsController>(context);
}

EventsModule::~EventsModule()
{
    stop();
}

void EventsModule::registerRoutes(http::Router& router)
{
    m_events->registerRoutes(router);
    m_alertsController->registerRoutes(router);
    // The store exists only once storage is open; the controller reads it then.
    m_metricsController
        = std::make_unique<metrics::MetricsController>(m_context, m_metrics.get(), nullptr, m_alerts.get());
    m_metricsController->registerRoutes(router);
}

void EventsModule::start()
{
    EventStore::Options options;
    options.retentionDays = int(m_context.config->integer(QStringLiteral("events.retention_days")));
    options.maxQueue = int(m_context.config->integer(QStringLiteral("events.queue_max")));
    m_store = std::make_unique<EventStore>(m_context.database, options);
    m_metricsController->setStore(m_store.get());
    EventStore* store = m_store.get();
    metrics::Metrics* metrics = m_metrics.get();
    core::setEventObserver([store, metrics](const SecurityEvent& event) {
        metrics->onEvent(event);
        store->enqueue(event);
    });
    m_store->start();
    m_alerts->start();
}

void EventsModule::stop()
{
    core::setEventObserver({});
    if (m_metricsController)
        m_metricsController->setStore(nullptr);
    m_store.reset(); // writes what is still queued
}

void EventsModule::observeResponse(const http::HttpRequest& request, const http::HttpResponse& response)
{
    const QString route = request.routePattern.isEmpty() ? QStringLiteral("unmatched") : request.routePattern;
    const QString client = response.status == 429
        ? core::clientAddress(request, m_context.trustedProxies).toString()
        : QString();
    m_metrics->onRequest(route, request.method, response.status, double(request.timer.nsecsElapsed()) / 1e9,
                         client);
}

} // namespace auth::events
