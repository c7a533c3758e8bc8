#include "alerts/AlertEngine.h"

#include "core/Clock.h"
#include "core/Events.h"
#include "core/HealthMonitor.h"
#include "core/ServiceContext.h"
#include "events/EventCatalog.h"
#include "metrics/Metrics.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcAlerts, "auth.server.alerts", QtInfoMsg)

namespace auth::alerts {

namespace {

void recordAlertEvent(const char* type, Severity severity, const QJsonObject& alert)
{
    auto event = SecurityEvent::make(type, severity, alert);
    core::recordEvent(event);
}

Severity eventSeverity(const QString& alertSeverity)
{
    return alertSeverity == QLatin1String("P0") ? Severity::Critical : Severity::High;
}

} // namespace

AlertEngine::AlertEngine(core::ServiceContext& context, metrics::Metrics* metrics, Thresholds thresholds,
                         int intervalMs, QObject* parent)
    : QObject(parent)
    , m_context(context)
    , m_metrics(metrics)
    , m_thresholds(thresholds)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &AlertEngine::evaluate);
}

void AlertEngine::start()
{
    m_timer.start();
}

QJsonObject AlertEngine::thresholdsJson() const
{
    return {{QStringLiteral("failed_logins_5m"), m_thresholds.failedLogins5m},
            {QStringLiteral("failed_logins_per_ip_5m"), m_thresholds.failedLoginsPerIp5m},
            {QStringLiteral("latency_p95_ms"), m_thresholds.latencyP95Ms},
            {QStringLiteral("latency_for_seconds"), double(m_thresholds.latencyForMs / 1000)},
            {QStringLiteral("mfa_failures_5m"), m_thresholds.mfaFailures5m},
            {QStringLiteral("login_success_rate_min_percent"), 95},
            {QStringLiteral("mfa_success_rate_min_percent"), 90}};
}

QHash<QString, int> AlertEngine::openBySeverity() const
{
    QMutexLocker lock(&m_mutex);
    return m_openBySeverity;
}

QList<AlertEngine::Condition> AlertEngine::conditions()
{
    QList<Condition> list;
    const metrics::Metrics::Counts last5m = m_metrics->window(300);
    const auto failures = last5m[metrics::Metrics::LoginFailure];
    if (failures > quint64(m_thresholds.failedLogins5m)) {
        list.append({QStringLiteral("failed_logins_total"),
                     QStringLiteral("P0"),
                     QString(),
                     {{QStringLiteral("failed_logins_5m"), double(failures)},
                      {QStringLiteral("threshold"), m_thresholds.failedLogins5m}}});
    }
    if (m_context.health) {
        const core::HealthMonitor::Snapshot health = m_context.health->snapshot();
        if (health.checkedAt.isValid() && !health.databaseHealthy) {
            list.append({QStringLiteral("database_connection"),
                         QStringLiteral("P0"),
                         QString(),
                         {{QStringLiteral("error"), health.databaseError.left(300)}}});
        }
    }
    const auto critical = last5m[metrics::Metrics::CriticalEvents];
    if (critical > 0) {
        list.append({QStringLiteral("critical_security_event"),
                     QStringLiteral("P0"),
                     QString(),
                     {{QStringLiteral("critical_events_5m"), double(critical)}}});
    }
    for (const auto& [ip, count] : m_metrics->topFailureIps(300, 20)) {
        if (count <= quint64(m_thresholds.failedLoginsPerIp5m))
            break;
        list.append({QStringLiteral("failed_logins_per_ip"),
                     QStringLiteral("P1"),
                     ip,
                     {{QStringLiteral("source_ip"), ip},
                      {QStringLiteral("failed_logins_5m"), double(count)},
                      {QStringLiteral("threshold"), m_thresholds.failedLoginsPerIp5m}}});
    }
    const qint64 now = Clock::nowMs();
    const metrics::Metrics::Percentiles latency = m_metrics->latency(60);
    if (latency.count >= 10 && latency.p95 > m_thresholds.latencyP95Ms) {
        if (m_latencyBreachSinceMs == 0)
            m_latencyBreachSinceMs = now;
        if (now - m_latencyBreachSinceMs >= m_thresholds.latencyForMs) {
            list.append({QStringLiteral("response_time"),
                         QStringLiteral("P1"),
                         QString(),
                         {{QStringLiteral("latency_p95_ms"), latency.p95},
                          {QStringLiteral("threshold_ms"), m_thresholds.latencyP95Ms},
                          {QStringLiteral("since"), double(m_latencyBreachSinceMs / 1000)}}});
        }
    } else {
        m_latencyBreachSinceMs = 0;
    }
    const auto mfaFailures = last5m[metrics::Metrics::MfaFailure];
    if (mfaFailures > quint64(m_thresholds.mfaFailures5m)) {
        list.append({QStringLiteral("mfa_failures"),
                     QStringLiteral("P1"),
                     QString(),
                     {{QStringLiteral("mfa_failures_5m"), double(mfaFailures)},
                      {QStringLiteral("threshold"), m_thresholds.mfaFailures5m}}});
    }
    const int compliance = m_thresholds.complianceViolations && m_context.highComplianceViolations
        ? m_context.highComplianceViolations()
        : 0;
    if (compliance > 0) {
        list.append({QStringLiteral("compliance_high_violations"),
                     QStringLiteral("P1"),
                     QString(),
                     {{QStringLiteral("high_violations"), compliance}}});
    }
    return list;
}

void AlertEngine::evaluate()
{
    if (m_evaluating || !m_context.database)
        return;
    m_evaluating = true;
    const QList<Condition> current = conditions();
    m_context.database->run([this, current](QSqlDatabase& db) { apply(db, current); })
        .then(this, [this] { m_evaluating = false; })
        .onFailed(this, [this] { m_evaluating = false; });
}

QString AlertEngine::selectColumns()
{
    return QStringLiteral("id, rule, severity, subject, state, first_seen, last_seen, resolved_at, details, "
                          "acknowledged_by, acknowledged_at, ack_reason");
}

QJsonObject AlertEngine::rowToJson(const QSqlQuery& query)
{
    auto secsOrNull
        = [](const QVariant& value) { return value.isNull() ? QJsonValue() : QJsonValue(value.toDouble()); };
    auto textOrNull
        = [](const QVariant& value) { return value.isNull() ? QJsonValue() : QJsonValue(value.toString()); };
    return {{QStringLiteral("id"), query.value(0).toDouble()},
            {QStringLiteral("rule"), query.value(1).toString()},
            {QStringLiteral("severity"), query.value(2).toString()},
            {QStringLiteral("subject"),
             textOrNull(query.value(3).toString().isEmpty() ? QVariant() : query.value(3))},
            {QStringLiteral("state"), query.value(4).toString()},
            {QStringLiteral("first_seen"), query.value(5).toDouble()},
            {QStringLiteral("last_seen"), query.value(6).toDouble()},
            {QStringLiteral("resolved_at"), secsOrNull(query.value(7))},
            {QStringLiteral("details"), QJsonDocument::fromJson(query.value(8).toByteArray()).object()},
            {QStringLiteral("acknowledged_by"), textOrNull(query.value(9))},
            {QStringLiteral("acknowledged_at"), secsOrNull(query.value(10))},
            {QStringLiteral("ack_reason"), textOrNull(query.value(11))}};
}

void AlertEngine::apply(QSqlDatabase& db, const QList<Condition>& conditions)
{
    const qint64 now = Clock::nowSecs();
    QSqlQuery open(db);
    if (!open.exec(QStringLiteral("SELECT %1 FROM alerts WHERE state <> 'resolved'").arg(selectColumns()))) {
        qCWarning(lcAlerts).noquote() << "cannot read alerts:" << open.lastError().text();
        return;
    }
    QHash<QString, QJsonObject> openAlerts;
    while (open.next()) {
        const QJsonObject alert = rowToJson(open);
        openAlerts.insert(alert.value(QStringLiteral("rule")).toString() + QLatin1Char('|')
                              + alert.value(QStringLiteral("subject")).toString(),
                          alert);
    }
    QHash<QString, int> bySeverity;
    for (const Condition& condition : conditions) {
        const QString key = condition.rule + QLatin1Char('|') + condition.subject;
        const QString details
            = QString::fromUtf8(QJsonDocument(condition.details).toJson(QJsonDocument::Compact));
        QSqlQuery write(db);
        if (openAlerts.contains(key)) {
            const QJsonObject existing = openAlerts.take(key);
            write.prepare(QStringLiteral("UPDATE alerts SET last_seen = ?, details = ? WHERE id = ?"));
            write.addBindValue(now);
            write.addBindValue(details);
            write.addBindValue(existing.value(QStringLiteral("id")).toInteger());
            write.exec();
            ++bySeverity[condition.severity];
            continue;
        }
        write.prepare(
            QStringLiteral("INSERT INTO alerts (rule, severity, subject, state, first_seen, last_seen, "
                           "details) VALUES (?, ?, ?, 'firing', ?, ?, ?) RETURNING id"));
        write.addBindValue(condition.rule);
        write.addBindValue(condition.severity);
        write.addBindValue(condition.subject);
        write.addBindValue(now);
        write.addBindValue(now);
        write.addBindValue(details);
        if (!write.exec() || !write.next()) {
            qCWarning(lcAlerts).noquote()
                << "cannot store alert" << condition.rule << write.lastError().text();
        }
        const double id = write.isValid() ? write.value(0).toDouble() : 0;
        ++bySeverity[condition.severity];
        qCWarning(lcAlerts).noquote()
            << "alert firing:" << condition.severity << condition.rule << condition.subject;
        recordAlertEvent(events::AlertFired, eventSeverity(condition.severity),
                         {{QStringLiteral("alert_id"), id},
                          {QStringLiteral("rule"), condition.rule},
                          {QStringLiteral("alert_severity"), condition.severity},
                          {QStringLiteral("subject"), condition.subject},
                          {QStringLiteral("condition"), condition.details}});
    }
    for (const QJsonObject& stale : std::as_const(openAlerts)) {
        QSqlQuery write(db);
        write.prepare(QStringLiteral("UPDATE alerts SET state = 'resolved', resolved_at = ? WHERE id = ? AND "
                                     "state <> 'resolved'"));
        write.addBindValue(now);
        write.addBindValue(stale.value(QStringLiteral("id")).toInteger());
        if (write.exec() && write.numRowsAffected() > 0) {
            recordAlertEvent(events::AlertResolved, Severity::Info,
                             {{QStringLiteral("alert_id"), stale.value(QStringLiteral("id"))},
                              {QStringLiteral("rule"), stale.value(QStringLiteral("rule"))},
                              {QStringLiteral("alert_severity"), stale.value(QStringLiteral("severity"))},
                              {QStringLiteral("subject"), stale.value(QStringLiteral("subject"))}});
        }
    }
    QMutexLocker lock(&m_mutex);
    m_openBySeverity = bySeverity;
}

int AlertEngine::acknowledge(QSqlDatabase& db, qint64 id, const QString& actor, const QString& reason,
                             QJsonObject* alert, bool* changed)
{
    *changed = false;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT %1 FROM alerts WHERE id = ?").arg(selectColumns()));
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return 404;
    *alert = rowToJson(query);
    const QString state = alert->value(QStringLiteral("state")).toString();
    if (state == QLatin1String("resolved"))
        return 409;
    if (state == QLatin1String("acknowledged"))
        return 0;
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE alerts SET state = 'acknowledged', acknowledged_by = ?, "
                                  "acknowledged_at = ?, ack_reason = ? WHERE id = ? AND state = 'firing'"));
    update.addBindValue(actor);
    update.addBindValue(Clock::nowSecs());
    update.addBindValue(reason);
    update.addBindValue(id);
    if (!update.exec())
        return 503;
    *changed = update.numRowsAffected() > 0;
    query.exec();
    if (query.next())
        *alert = rowToJson(query);
    return 0;
}

} // namespace auth::alerts
