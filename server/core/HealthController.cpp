#include "core/HealthController.h"

#include "api/HealthInfo.h"
#include "core/HealthMonitor.h"
#include "core/ServiceContext.h"
#include "http/HttpCounters.h"
#include "http/HttpServer.h"
#include "mfa/MfaMetrics.h"
#include "state/StateStore.h"
#include "storage/Database.h"
#include "tokens/KeyManager.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace auth::core {

void HealthController::registerRoutes(http::Router& router)
{
    router.add("GET", QStringLiteral("/health"),
               [this](http::HttpRequest&) { return http::ready(health()); });
    router.add("GET", QStringLiteral("/api/v1/status"),
               [this](http::HttpRequest&) { return http::ready(status()); });
}

http::HttpResponse HealthController::health() const
{
    const HealthMonitor::Snapshot snapshot = m_context.health->snapshot();
    api::HealthInfo info;
    info.status = snapshot.healthy() ? QStringLiteral("healthy") : QStringLiteral("degraded");
    info.service = QString::fromLatin1(api::ServiceName);
    info.version = QCoreApplication::applicationVersion();
    info.timestamp = QDateTime::currentDateTimeUtc();
    info.features = m_context.features;
    info.reasons = snapshot.reasons();
    return http::HttpResponse::json(snapshot.healthy() ? 200 : 503, info.toJson());
}

QJsonObject HealthController::stateStatus() const
{
    // From the monitor's snapshot: a live call could block this event loop on Redis.
    const HealthMonitor::Snapshot snapshot = m_context.health->snapshot();
    QJsonObject state {{QStringLiteral("backend"), snapshot.stateBackend},
                       {QStringLiteral("healthy"), snapshot.stateHealthy},
                       {QStringLiteral("latency_ms"), snapshot.stateLatencyMs}};
    if (!snapshot.stateHealthy)
        state.insert(QStringLiteral("error"), snapshot.stateError);
    return state;
}

QJsonObject HealthController::keyStatus() const
{
    QJsonArray published;
    QString active;
    QString algorithm;
    if (m_context.keys) {
        const auto keys = m_context.keys->keys();
        for (const tokens::KeyInfo& info : keys->keys) {
            if (info.state == QLatin1String("active")) {
                active = info.kid;
                algorithm = info.algorithm;
            }
            if (info.state != QLatin1String("retired"))
                published.append(info.kid);
        }
    }
    return {{QStringLiteral("active_kid"), active},
            {QStringLiteral("algorithm"), algorithm},
            {QStringLiteral("published_kids"), published}};
}

http::HttpResponse HealthController::status() const
{
    const HealthMonitor::Snapshot snapshot = m_context.health->snapshot();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QJsonObject storage {
        {QStringLiteral("backend"), m_context.database->backendName()},
        {QStringLiteral("healthy"), snapshot.databaseHealthy},
        {QStringLiteral("latency_ms"), snapshot.databaseLatencyMs},
        {QStringLiteral("schema_version"), m_context.database->schemaVersion()},
    };
    if (!snapshot.databaseError.isEmpty())
        storage.insert(QStringLiteral("error"), snapshot.databaseError);
    QJsonObject features;
    for (auto it = m_context.features.cbegin(); it != m_context.features.cend(); ++it)
        features.insert(it.key(), it.value());
    const QJsonObject body {
        {QStringLiteral("service"), QString::fromLatin1(api::ServiceName)},
        {QStringLiteral("version"), QCoreApplication::applicationVersion()},
        {QStringLiteral("status"),
         snapshot.healthy() ? QStringLiteral("healthy") : QStringLiteral("degraded")},
        {QStringLiteral("reasons"), QJsonArray::fromStringList(snapshot.reasons())},
        {QStringLiteral("environment"), m_context.config->string(QStringLiteral("app.env"))},
        {QStringLiteral("instance_id"), m_context.instanceId},
        {QStringLiteral("installation_id"), m_context.installationId},
        {QStringLiteral("started_at"), m_context.startedAt.toString(Qt::ISODate)},
        {QStringLiteral("uptime_seconds"), double(m_context.startedAt.secsTo(now))},
        {QStringLiteral("features"), features},
        {QStringLiteral("storage"), storage},
        {QStringLiteral("state"), stateStatus()},
        {QStringLiteral("keys"), keyStatus()},
        {QStringLiteral("logs"),
         QJsonObject {{QStringLiteral("directory"), m_context.logDir},
                      {QStringLiteral("writable"), snapshot.logsWritable}}},
        {QStringLiteral("http"),
         QJsonObject {{QStringLiteral("worker_threads"), m_context.http->workerCount()},
                      {QStringLiteral("tls"), m_context.http->isTls()},
                      {QStringLiteral("connections_open"), m_context.counters->connectionsOpen.load()}}},
        {QStringLiteral("counters"), m_context.counters->toJson()},
        {QStringLiteral("checked_at"), snapshot.checkedAt.toString(Qt::ISODate)},
    };
    QJsonObject extended = body;
    if (m_context.mfaMetrics)
        extended.insert(QStringLiteral("mfa"), m_context.mfaMetrics->toJson());
    return http::HttpResponse::json(200, extended);
}

} // namespace auth::core
