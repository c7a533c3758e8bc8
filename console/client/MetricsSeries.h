#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVector>
#include <optional>

namespace auth::console {

// GET /admin/metrics/series as typed values, with the rates the dashboard draws
// derived in one place (so the charts, the PDF report and tests agree).
struct MetricsSeries
{
    Q_DECLARE_TR_FUNCTIONS(auth::console::MetricsSeries)

public:
    struct Point
    {
        qint64 timeMs = 0;
        double loginSuccess = 0;
        double loginFailure = 0;
        double mfaSuccess = 0;
        double mfaFailure = 0;
        double rateLimited = 0;
        double lockouts = 0;
        double tokensIssued = 0;
        double latencyP50Ms = 0;
        double latencyP95Ms = 0;
    };
    struct Marker
    {
        qint64 timeMs = 0;
        QString kind; // key_rotation, containment, alert, ...
        QString label;
    };
    // Where the runbook draws its lines; the server's "thresholds" override them.
    struct Thresholds
    {
        double loginSuccessRatePercent = 95; // "Login Success Rate: Should be > 95%"
        double mfaSuccessRatePercent = 90; // "MFA Challenge Success Rate: Should be > 90%"
        double failedLoginsPerMinuteP1 = 20; // >100 in 5 minutes (from a single IP)
        double failedLoginsPerMinuteP0 = 200; // >1000 in 5 minutes
        double latencyTargetMs = 200; // "Response Time: < 200ms"
        double latencyP1Ms = 500; // ">500ms for 2+ minutes"
    };

    QString range;
    int stepSeconds = 60;
    QVector<Point> points;
    QVector<Marker> markers;
    Thresholds thresholds;

    // nullopt with `error` set when the answer is not a series.
    static std::optional<MetricsSeries> fromJson(const QJsonObject& body, QString* error = nullptr);
    // Accepts unix seconds, unix milliseconds or RFC 3339.
    static qint64 parseTime(const QJsonValue& value);

    // Rates per point; NaN where there is nothing to divide (no attempts).
    static double loginSuccessRate(const Point& point);
    static double mfaSuccessRate(const Point& point);
    double perMinute(double countPerStep) const { return countPerStep * 60.0 / std::max(1, stepSeconds); }

    static const QStringList& ranges(); // "15m", "1h", "24h", "7d"
};

} // namespace auth::console
