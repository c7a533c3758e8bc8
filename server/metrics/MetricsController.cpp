#include "metrics/MetricsController.h"

#include "admin/AdminAccess.h"
#include "alerts/AlertEngine.h"
#include "core/ClientAddress.h"
#include "core/Clock.h"
#include "core/RateLimiter.h"
#include "core/ServiceContext.h"
#include "events/EventStore.h"
#include "events/EventStreamSession.h"
#include "http/HttpCounters.h"
#include "logging/Logger.h"
#include "metrics/Metrics.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <cmath>

namespace auth::metrics {

namespace {

using http::HttpResponse;

QJsonArray ipList(const QList<QPair<QString, quint64>>& list)
{
    QJsonArray array;
    for (const auto& [ip, count] : list)
        array.append(QJsonObject {{QStringLiteral("ip"), ip}, {QStringLiteral("count"), double(count)}});
    return array;
}

QJsonValue percent(quint64 part, quint64 whole)
{
    if (whole == 0)
        return QJsonValue();
    return std::round(1000.0 * double(part) / double(whole)) / 10.0;
}

// Prometheus label values: backslash, double quote and newline escaped.
QByteArray label(const QString& value)
{
    QByteArray out = value.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return out;
}

QByteArray number(double value)
{
    return QByteArray::number(value, 'g', 12);
}

struct Range
{
    const char* name;
    qint64 seconds;
    qint64 step;
};
constexpr Range kRanges[] = {{"15m", 900, 60}, {"1h", 3600, 60}, {"24h", 86400, 900}, {"7d", 604800, 3600}};

} // namespace

MetricsController::MetricsController(core::ServiceContext& context, Metrics* metrics,
                                     events::EventStore* store, alerts::AlertEngine* alerts)
    : m_context(context)
    , m_metrics(metrics)
    , m_store(store)
    , m_alerts(alerts)
{
}

void MetricsController::registerRoutes(http::Router& router)
{
    router.add("GET", QStringLiteral("/security/threats/metrics"), [this](http::HttpRequest& r) {
        return gated(r, [this] { return HttpResponse::json(200, threatMetrics()); });
    });
    router.add("GET", QStringLiteral("/metrics"), [this](http::HttpRequest& r) {
        return gated(r, [this] {
            return HttpResponse::text(200, prometheus(), "text/plain; version=0.0.4; charset=utf-8");
        });
    });
    router.add("GET", QStringLiteral("/admin/metrics/series"),
               [this](http::HttpRequest& r) { return series(r); });
}

QFuture<HttpResponse> MetricsController::gated(http::HttpRequest& request,
                                               std::function<HttpResponse()> answer)
{
    if (!request.query().isEmpty())
        return http::ready(HttpResponse::error(400, QStringLiteral("invalid_parameter"),
                                               QStringLiteral("this resource takes no parameters")));
    const QList<core::Subnet> open
        = core::parseSubnets(m_context.config->list(QStringLiteral("metrics.allowed_networks")));
    if (!request.hasHeader("authorization")
        && core::inSubnets(core::clientAddress(request, m_context.trustedProxies), open))
        return http::ready(answer());
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call, answer](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = admin::requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        return answer();
    });
}

QJsonObject MetricsController::threatMetrics() const
{
    const Metrics::Counts m1 = m_metrics->window(60);
    const Metrics::Counts m5 = m_metrics->window(300);
    const Metrics::Totals totals = m_metrics->totals();
    const Metrics::Percentiles latency = m_metrics->latency(60);

    QJsonObject rateLimiting;
    if (m_context.rateLimiter)
        rateLimiting = m_context.rateLimiter->metrics();
    const QJsonArray allTime = rateLimiting.value(QStringLiteral("top_limited_ips")).toArray();
    rateLimiting.insert(QStringLiteral("triggers_1m"), double(m1[Metrics::RateLimited]));
    rateLimiting.insert(QStringLiteral("triggers_5m"), double(m5[Metrics::RateLimited]));
    rateLimiting.insert(QStringLiteral("triggers_total"),
                        std::max(rateLimiting.value(QStringLiteral("triggers_total")).toDouble(),
                                 double(totals.counts[Metrics::RateLimited])));
    rateLimiting.insert(QStringLiteral("top_limited_ips"), ipList(m_metrics->topRateLimitedIps(300, 10)));
    rateLimiting.insert(QStringLiteral("top_limited_ips_since_start"), allTime);

    const quint64 logins5m = m5[Metrics::LoginSuccess] + m5[Metrics::LoginFailure];
    const quint64 mfa5m = m5[Metrics::MfaSuccess] + m5[Metrics::MfaFailure];
    const auto open = m_alerts ? m_alerts->openBySeverity() : QHash<QString, int>();
    events::EventStore* store = m_store.load();
    return {
        {QStringLiteral("timestamp"), Clock::nowUtc().toString(Qt::ISODate)},
        {QStringLiteral("rate_limiting"), rateLimiting},
        {QStringLiteral("failed_logins"),
         QJsonObject {{QStringLiteral("last_1m"), double(m1[Metrics::LoginFailure])},
                      {QStringLiteral("last_5m"), double(m5[Metrics::LoginFailure])},
                      {QStringLiteral("total"), double(totals.counts[Metrics::LoginFailure])},
                      {QStringLiteral("top_ips"), ipList(m_metrics->topFailureIps(300, 10))},
                      {QStringLiteral("top_ips_1m"), ipList(m_metrics->topFailureIps(60, 10))}}},
        {QStringLiteral("lockouts"),
         QJsonObject {{QStringLiteral("last_5m"), double(m5[Metrics::Lockouts])},
                      {QStringLiteral("total"), double(totals.counts[Metrics::Lockouts])}}},
        {QStringLiteral("suspicious_alerts"),
         QJsonObject {{QStringLiteral("last_5m"), double(m5[Metrics::Suspicious])},
                      {QStringLiteral("total"), double(totals.counts[Metrics::Suspicious])}}},
        {QStringLiteral("mfa"),
         QJsonObject {{QStringLiteral("challenge_success_rate"), percent(m5[Metrics::MfaSuccess], mfa5m)},
                      {QStringLiteral("attempts_5m"), double(mfa5m)},
                      {QStringLiteral("failures_5m"), double(m5[Metrics::MfaFailure])}}},
        {QStringLiteral("login_success_rate"), percent(m5[Metrics::LoginSuccess], logins5m)},
        {QStringLiteral("logins_5m"), double(logins5m)},
        {QStringLiteral("token_issuance_rate"), double(m5[Metrics::TokensIssued]) / 5.0},
        {QStringLiteral("latency_ms"),
         QJsonObject {{QStringLiteral("p50"), latency.p50},
                      {QStringLiteral("p95"), latency.p95},
                      {QStringLiteral("p99"), latency.p99},
                      {QStringLiteral("requests"), double(latency.count)}}},
        {QStringLiteral("alerts"),
         QJsonObject {{QStringLiteral("firing_p0"), open.value(QStringLiteral("P0"))},
                      {QStringLiteral("firing_p1"), open.value(QStringLiteral("P1"))}}},
        {QStringLiteral("event_store"),
         QJsonObject {{QStringLiteral("written"), double(store ? store->written() : 0)},
                      {QStringLiteral("dropped"), double(store ? store->dropped() : 0)},
                      {QStringLiteral("queued"), store ? store->queued() : 0}}},
        {QStringLiteral("event_streams"),
         QJsonObject {{QStringLiteral("active"), events::EventStreamSession::stats().active.load()},
                      {QStringLiteral("dropped_slow"),
                       double(events::EventStreamSession::stats().droppedSlow.load())}}},
    };
}

QByteArray MetricsController::prometheus() const
{
    const Metrics::Totals totals = m_metrics->totals();
    QByteArray out;
    auto family = [&out](const char* name, const char* type, const char* help) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
    };
    family("auth_up", "gauge", "1 while this instance serves requests.");
    out += "auth_up 1\n";
    family("auth_build_info", "gauge", "Version of the running auth-service.");
    out += "auth_build_info{version=\"" + label(QStringLiteral(AUTH_VERSION)) + "\"} 1\n";
    family("process_start_time_seconds", "gauge", "Start time of the process since the unix epoch.");
    out += "process_start_time_seconds " + number(double(m_context.startedAt.toSecsSinceEpoch())) + '\n';

    family("auth_http_requests_total", "counter", "HTTP responses by route pattern, method and status.");
    for (auto it = totals.requests.cbegin(); it != totals.requests.cend(); ++it) {
        const Metrics::RequestKey& key = it.key();
        out += "auth_http_requests_total{route=\"" + label(key.route) + "\",method=\""
            + label(QString::fromLatin1(key.method)) + "\",status=\"" + QByteArray::number(key.status)
            + "\"} " + QByteArray::number(it.value()) + '\n';
    }
    family("auth_http_request_duration_seconds", "histogram",
           "Time from the start of a request to its response being written, by route pattern and method.");
    const auto& bounds = Metrics::bucketBounds();
    for (const Metrics::RouteStats& route : totals.routes) {
        const QByteArray labels = "route=\"" + label(route.route) + "\",method=\""
            + label(QString::fromLatin1(route.method)) + '"';
        for (std::size_t i = 0; i < bounds.size(); ++i) {
            out += "auth_http_request_duration_seconds_bucket{" + labels + ",le=\"" + number(bounds[i])
                + "\"} " + QByteArray::number(route.buckets[i]) + '\n';
        }
        out += "auth_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} "
            + QByteArray::number(route.buckets[bounds.size()]) + '\n';
        out += "auth_http_request_duration_seconds_sum{" + labels + "} " + number(route.sumSeconds) + '\n';
        out += "auth_http_request_duration_seconds_count{" + labels + "} " + QByteArray::number(route.count)
            + '\n';
    }
    family("auth_logins_total", "counter", "Password logins by result.");
    out += "auth_logins_total{result=\"success\"} " + QByteArray::number(totals.counts[Metrics::LoginSuccess])
        + '\n';
    out += "auth_logins_total{result=\"failure\"} " + QByteArray::number(totals.counts[Metrics::LoginFailure])
        + '\n';
    family("auth_rate_limited_total", "counter", "Requests refused by the rate limiter (429).");
    out += "auth_rate_limited_total " + QByteArray::number(totals.counts[Metrics::RateLimited]) + '\n';
    family("auth_lockouts_total", "counter", "Accounts locked.");
    out += "auth_lockouts_total " + QByteArray::number(totals.counts[Metrics::Lockouts]) + '\n';
    family("auth_suspicious_activity_total", "counter", "suspicious_activity events.");
    out += "auth_suspicious_activity_total " + QByteArray::number(totals.counts[Metrics::Suspicious]) + '\n';
    family("auth_mfa_verifications_total", "counter", "Second-factor checks by result.");
    out += "auth_mfa_verifications_total{result=\"success\"} "
        + QByteArray::number(totals.counts[Metrics::MfaSuccess]) + '\n';
    out += "auth_mfa_verifications_total{result=\"failure\"} "
        + QByteArray::number(totals.counts[Metrics::MfaFailure]) + '\n';
    family("auth_tokens_issued_total", "counter", "Access tokens issued.");
    out += "auth_tokens_issued_total " + QByteArray::number(totals.counts[Metrics::TokensIssued]) + '\n';
    family("auth_security_events_total", "counter", "Security events recorded, by type and severity.");
    for (auto it = totals.eventsByTypeSeverity.cbegin(); it != totals.eventsByTypeSeverity.cend(); ++it) {
        out += "auth_security_events_total{type=\"" + label(it.key().first) + "\",severity=\""
            + label(severityName(static_cast<Severity>(it.key().second)).toLower()) + "\"} "
            + QByteArray::number(it.value()) + '\n';
    }
    family("auth_alerts_firing", "gauge", "Open (firing or acknowledged) alerts by severity.");
    const auto open = m_alerts ? m_alerts->openBySeverity() : QHash<QString, int>();
    for (const char* severity : {"P0", "P1"})
        out += QByteArray("auth_alerts_firing{severity=\"") + severity + "\"} "
            + QByteArray::number(open.value(QLatin1String(severity))) + '\n';
    family("auth_event_store_dropped_total", "counter",
           "Security events not stored because the queue was full.");
    events::EventStore* store = m_store.load();
    out += "auth_event_store_dropped_total " + QByteArray::number(store ? store->dropped() : 0) + '\n';
    family("auth_event_streams_active", "gauge", "Open /admin/events/stream WebSockets.");
    out += "auth_event_streams_active "
        + QByteArray::number(events::EventStreamSession::stats().active.load()) + '\n';
    family("auth_event_streams_dropped_total", "counter",
           "Event stream clients dropped for reading too slowly.");
    out += "auth_event_streams_dropped_total "
        + QByteArray::number(events::EventStreamSession::stats().droppedSlow.load()) + '\n';
    if (m_context.counters) {
        family("auth_http_connections_open", "gauge", "Open HTTP connections.");
        out += "auth_http_connections_open " + QByteArray::number(m_context.counters->connectionsOpen.load())
            + '\n';
    }
    return out;
}

QFuture<HttpResponse> MetricsController::series(http::HttpRequest& request)
{
    const QUrlQuery query = request.query();
    const Range* range = &kRanges[0];
    for (const auto& [name, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (name != QLatin1String("range"))
            return http::ready(HttpResponse::error(400, QStringLiteral("invalid_parameter"),
                                                   QStringLiteral("%1: unknown parameter").arg(name)));
        range = nullptr;
        for (const Range& candidate : kRanges) {
            if (value == QLatin1String(candidate.name))
                range = &candidate;
        }
        if (!range)
            return http::ready(HttpResponse::error(400, QStringLiteral("invalid_parameter"),
                                                   QStringLiteral("range: 15m, 1h, 24h or 7d")));
    }
    const qint64 stepMs = range->step * 1000;
    const qint64 endMs = (Clock::nowMs() / stepMs + 1) * stepMs;
    const qint64 startMs = endMs - range->seconds * 1000;
    const admin::AdminCall call = admin::adminCall(request, m_context);
    const QList<Metrics::MinutePoint> minutes = m_metrics->minutes(startMs / 60'000, endMs / 60'000);
    const Metrics::Percentiles current = m_metrics->latency(60);
    const Range chosen = *range;
    const QJsonObject thresholds = m_alerts ? m_alerts->thresholdsJson() : QJsonObject();
    return m_context.database->run([this, call, chosen, stepMs, startMs, endMs, minutes, current,
                                    thresholds](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = admin::requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const int buckets = int((endMs - startMs) / stepMs);
        struct Point
        {
            double counts[6] = {};
            double rateLimited = 0;
            double p50 = 0;
            double p95 = 0;
            double latencyWeight = 0;
        };
        QList<Point> points(buckets);
        QSqlQuery select(db);
        select.prepare(QStringLiteral(
            "SELECT (time_ms - ?) / ? AS bucket,"
            " SUM(CASE WHEN type = 'authentication_success' THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN type = 'authentication_failure' THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN type = 'mfa_verification' AND (details LIKE '%\"result\":\"success\"%'"
            "  OR details LIKE '%\"success\":true%') THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN type = 'mfa_verification' AND (details LIKE '%\"result\":\"fail%'"
            "  OR details LIKE '%\"success\":false%') THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN type = 'account_locked' THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN type = 'jwt_generation' THEN 1 ELSE 0 END)"
            " FROM security_events WHERE time_ms >= ? AND time_ms < ? AND type IN ('authentication_success',"
            " 'authentication_failure', 'mfa_verification', 'account_locked', 'jwt_generation')"
            " GROUP BY 1"));
        select.addBindValue(startMs);
        select.addBindValue(stepMs);
        select.addBindValue(startMs);
        select.addBindValue(endMs);
        if (!select.exec())
            return HttpResponse::error(503, QStringLiteral("service_unavailable"),
                                       QStringLiteral("The event store cannot be read"));
        while (select.next()) {
            const int bucket = select.value(0).toInt();
            if (bucket < 0 || bucket >= buckets)
                continue;
            for (int i = 0; i < 6; ++i)
                points[bucket].counts[i] = select.value(i + 1).toDouble();
        }
        for (const Metrics::MinutePoint& minute : minutes) {
            const int bucket = int((minute.minute * 60'000 - startMs) / stepMs);
            if (bucket < 0 || bucket >= buckets)
                continue;
            Point& point = points[bucket];
            point.rateLimited += double(minute.counts[Metrics::RateLimited]);
            if (minute.latency.count > 0) {
                const double weight = double(minute.latency.count);
                point.p50 = (point.p50 * point.latencyWeight + minute.latency.p50 * weight)
                    / (point.latencyWeight + weight);
                point.p95 = std::max(point.p95, minute.latency.p95);
                point.latencyWeight += weight;
            }
        }
        // The minute in progress is not in the history yet: the last minute's figures stand for it.
        if (current.count > 0 && points.last().latencyWeight == 0) {
            points.last().p50 = current.p50;
            points.last().p95 = current.p95;
        }
        QJsonArray array;
        for (int i = 0; i < buckets; ++i) {
            const Point& p = points[i];
            array.append(QJsonObject {{QStringLiteral("t"), double((startMs + i * stepMs) / 1000)},
                                      {QStringLiteral("login_success"), p.counts[0]},
                                      {QStringLiteral("login_failure"), p.counts[1]},
                                      {QStringLiteral("mfa_success"), p.counts[2]},
                                      {QStringLiteral("mfa_failure"), p.counts[3]},
                                      {QStringLiteral("lockouts"), p.counts[4]},
                                      {QStringLiteral("tokens_issued"), p.counts[5]},
                                      {QStringLiteral("rate_limited"), p.rateLimited},
                                      {QStringLiteral("latency_p50_ms"), p.p50},
                                      {QStringLiteral("latency_p95_ms"), p.p95}});
        }
        QJsonArray markers;
        QSqlQuery marks(db);
        marks.prepare(
            QStringLiteral("SELECT time_ms, type, details FROM security_events WHERE time_ms >= ? AND "
                           "time_ms < ? AND (type IN ('key_rotation', 'alert_fired') OR type LIKE "
                           "'containment%') ORDER BY id LIMIT 500"));
        marks.addBindValue(startMs);
        marks.addBindValue(endMs);
        if (marks.exec()) {
            while (marks.next()) {
                const QString type = marks.value(1).toString();
                const QJsonObject details = QJsonDocument::fromJson(marks.value(2).toByteArray()).object();
                QString kind = type;
                QString text;
                if (type == QLatin1String("key_rotation")) {
                    const QString kid = details.value(QStringLiteral("new_kid")).toString();
                    text = kid.isEmpty() ? QStringLiteral("retired %1")
                                               .arg(details.value(QStringLiteral("retired_kid")).toString())
                                         : QStringLiteral("new key %1").arg(kid);
                    if (details.value(QStringLiteral("emergency")).toBool())
                        text += QStringLiteral(" (emergency)");
                } else if (type == QLatin1String("alert_fired")) {
                    kind = QStringLiteral("alert");
                    text = details.value(QStringLiteral("alert_severity")).toString() + QLatin1Char(' ')
                        + details.value(QStringLiteral("rule")).toString();
                    const QString subject = details.value(QStringLiteral("subject")).toString();
                    if (!subject.isEmpty())
                        text += QLatin1Char(' ') + subject;
                } else {
                    kind = QStringLiteral("containment");
                    text = type;
                }
                markers.append(QJsonObject {{QStringLiteral("t"), double(marks.value(0).toLongLong() / 1000)},
                                            {QStringLiteral("kind"), kind},
                                            {QStringLiteral("label"), text}});
            }
        }
        return HttpResponse::json(200,
                                  QJsonObject {{QStringLiteral("range"), QLatin1String(chosen.name)},
                                               {QStringLiteral("step_seconds"), double(chosen.step)},
                                               {QStringLiteral("points"), array},
                                               {QStringLiteral("markers"), markers},
                                               {QStringLiteral("thresholds"), thresholds}});
    });
}

} // namespace auth::metrics
