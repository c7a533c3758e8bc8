#include "client/MetricsSeries.h"

#include <QJsonArray>
#include <cmath>
#include <limits>

namespace auth::console {

const QStringList& MetricsSeries::ranges()
{
    static const QStringList all {QStringLiteral("15m"), QStringLiteral("1h"), QStringLiteral("24h"),
                                  QStringLiteral("7d")};
    return all;
}

qint64 MetricsSeries::parseTime(const QJsonValue& value)
{
    if (value.isDouble()) {
        const double number = value.toDouble();
        // Seconds until the year 5138; anything larger is already milliseconds.
        return number < 1e11 ? qint64(number * 1000) : qint64(number);
    }
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

std::optional<MetricsSeries> MetricsSeries::fromJson(const QJsonObject& body, QString* error)
{
    auto fail = [error](const QString& message) -> std::optional<MetricsSeries> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (!body.value(QStringLiteral("points")).isArray())
        return fail(tr("The metrics series has no points list."));
    MetricsSeries series;
    series.range = body.value(QStringLiteral("range")).toString();
    series.stepSeconds = std::max(1, body.value(QStringLiteral("step_seconds")).toInt(60));
    auto number = [](const QJsonObject& object, const char* key) {
        return object.value(QLatin1String(key)).toDouble(0);
    };
    for (const QJsonValue& value : body.value(QStringLiteral("points")).toArray()) {
        const QJsonObject p = value.toObject();
        Point point;
        point.timeMs = parseTime(p.value(QStringLiteral("t")));
        if (point.timeMs <= 0)
            continue;
        point.loginSuccess = number(p, "login_success");
        point.loginFailure = number(p, "login_failure");
        point.mfaSuccess = number(p, "mfa_success");
        point.mfaFailure = number(p, "mfa_failure");
        point.rateLimited = number(p, "rate_limited");
        point.lockouts = number(p, "lockouts");
        point.tokensIssued = number(p, "tokens_issued");
        point.latencyP50Ms = number(p, "latency_p50_ms");
        point.latencyP95Ms = number(p, "latency_p95_ms");
        series.points.append(point);
    }
    std::sort(series.points.begin(), series.points.end(),
              [](const Point& a, const Point& b) { return a.timeMs < b.timeMs; });
    for (const QJsonValue& value : body.value(QStringLiteral("markers")).toArray()) {
        const QJsonObject m = value.toObject();
        Marker marker {parseTime(m.value(QStringLiteral("t"))), m.value(QStringLiteral("kind")).toString(),
                       m.value(QStringLiteral("label")).toString()};
        if (marker.timeMs > 0)
            series.markers.append(marker);
    }
    const QJsonObject t = body.value(QStringLiteral("thresholds")).toObject();
    auto take = [&t](const char* key, double& slot) {
        if (t.value(QLatin1String(key)).isDouble())
            slot = t.value(QLatin1String(key)).toDouble();
    };
    take("login_success_rate_percent", series.thresholds.loginSuccessRatePercent);
    take("mfa_success_rate_percent", series.thresholds.mfaSuccessRatePercent);
    take("failed_logins_per_minute_p1", series.thresholds.failedLoginsPerMinuteP1);
    take("failed_logins_per_minute_p0", series.thresholds.failedLoginsPerMinuteP0);
    take("latency_target_ms", series.thresholds.latencyTargetMs);
    take("latency_p1_ms", series.thresholds.latencyP1Ms);
    return series;
}

double MetricsSeries::loginSuccessRate(const Point& point)
{
    const double total = point.loginSuccess + point.loginFailure;
    return total > 0 ? 100.0 * point.loginSuccess / total : std::numeric_limits<double>::quiet_NaN();
}

double MetricsSeries::mfaSuccessRate(const Point& point)
{
    const double total = point.mfaSuccess + point.mfaFailure;
    return total > 0 ? 100.0 * point.mfaSuccess / total : std::numeric_limits<double>::quiet_NaN();
}

} // namespace auth::console
