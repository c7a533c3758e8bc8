#include "ui/MetricsCharts.h"

#include <QChart>
#include <QDateTimeAxis>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMap>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace auth::console {

namespace {
const QColor Blue(0x1f, 0x77, 0xb4);
const QColor Orange(0xd9, 0x5f, 0x02);
const QColor Red(0xc0, 0x39, 0x2b);
const QColor Amber(0xb7, 0x95, 0x0b);
const QColor Grey(0x7f, 0x7f, 0x7f);
constexpr int MaxMarkers = 30;
} // namespace

QList<MetricsCharts::MarkerGroup> MetricsCharts::groupMarkers(const MetricsSeries& data)
{
    if (data.markers.isEmpty())
        return {};
    qint64 first = data.markers.first().timeMs, last = first;
    for (const MetricsSeries::Marker& marker : data.markers) {
        first = std::min(first, marker.timeMs);
        last = std::max(last, marker.timeMs);
    }
    if (!data.points.isEmpty()) {
        first = std::min(first, data.points.first().timeMs);
        last = std::max(last, data.points.last().timeMs);
    }
    const qint64 width = std::max<qint64>({1000, qint64(data.stepSeconds) * 1000, (last - first) / 60});
    // Containment outranks key rotation, which outranks alerts.
    const auto rank = [](const QString& kind) {
        return kind == QLatin1String("containment") ? 2 : kind == QLatin1String("key_rotation") ? 1 : 0;
    };
    QMap<qint64, MarkerGroup> buckets;
    for (const MetricsSeries::Marker& marker : data.markers) {
        MarkerGroup& group = buckets[(marker.timeMs - first) / width];
        const QString label = marker.label.isEmpty() ? marker.kind : marker.label;
        if (group.count == 0 || rank(marker.kind) > rank(group.kind)) {
            group.kind = marker.kind;
            group.timeMs = marker.timeMs;
            group.label = label;
        }
        ++group.count;
    }
    QList<MarkerGroup> groups;
    for (MarkerGroup& group : buckets) {
        if (group.count > 1)
            group.label = tr("%1 and %n more", nullptr, group.count - 1).arg(group.label);
        groups.append(group);
    }
    // Too many lines say nothing: keep the most important, then the newest.
    if (groups.size() > MaxMarkers) {
        std::stable_sort(groups.begin(), groups.end(), [&](const MarkerGroup& a, const MarkerGroup& b) {
            return rank(a.kind) != rank(b.kind) ? rank(a.kind) > rank(b.kind) : a.timeMs > b.timeMs;
        });
        groups.resize(MaxMarkers);
    }
    return groups;
}

QStringList MetricsCharts::names()
{
    return {QStringLiteral("loginRateChart"),     QStringLiteral("failedLoginsChart"),
            QStringLiteral("mfaRateChart"),       QStringLiteral("rateLimitChart"),
            QStringLiteral("tokenIssuanceChart"), QStringLiteral("latencyChart")};
}

QList<MetricsCharts::Chart> MetricsCharts::build(const MetricsSeries& series)
{
    const MetricsSeries::Thresholds& t = series.thresholds;
    QList<QPointF> loginRate, failed, mfaRate, limited, lockouts, tokens, p50, p95;
    for (const MetricsSeries::Point& p : series.points) {
        const double x = double(p.timeMs);
        if (const double rate = MetricsSeries::loginSuccessRate(p); !std::isnan(rate))
            loginRate.append({x, rate});
        if (const double rate = MetricsSeries::mfaSuccessRate(p); !std::isnan(rate))
            mfaRate.append({x, rate});
        failed.append({x, series.perMinute(p.loginFailure)});
        limited.append({x, p.rateLimited});
        lockouts.append({x, p.lockouts});
        tokens.append({x, series.perMinute(p.tokensIssued)});
        p50.append({x, p.latencyP50Ms});
        p95.append({x, p.latencyP95Ms});
    }
    const double first = series.points.isEmpty() ? 0 : double(series.points.first().timeMs);
    const double last = series.points.isEmpty() ? 0 : double(series.points.last().timeMs);
    auto level = [first, last](double value) { return QList<QPointF> {{first, value}, {last, value}}; };

    return {
        {QStringLiteral("loginRateChart"),
         tr("Login success rate"),
         {{tr("success %"), loginRate, false, Blue},
          {tr("threshold %1 %").arg(t.loginSuccessRatePercent), level(t.loginSuccessRatePercent), true, Red}},
         QStringLiteral("%")},
        {QStringLiteral("failedLoginsChart"),
         tr("Failed logins per minute"),
         {{tr("failed/min"), failed, false, Orange},
          {tr("P1 %1/min").arg(t.failedLoginsPerMinuteP1), level(t.failedLoginsPerMinuteP1), true, Amber},
          {tr("P0 %1/min").arg(t.failedLoginsPerMinuteP0), level(t.failedLoginsPerMinuteP0), true, Red}},
         QString()},
        {QStringLiteral("mfaRateChart"),
         tr("MFA challenge success rate"),
         {{tr("success %"), mfaRate, false, Blue},
          {tr("threshold %1 %").arg(t.mfaSuccessRatePercent), level(t.mfaSuccessRatePercent), true, Red}},
         QStringLiteral("%")},
        {QStringLiteral("rateLimitChart"),
         tr("Rate-limit triggers and lockouts"),
         {{tr("rate limited"), limited, false, Orange}, {tr("lockouts"), lockouts, false, Red}},
         QString()},
        {QStringLiteral("tokenIssuanceChart"),
         tr("Token issuance per minute"),
         {{tr("tokens/min"), tokens, false, Blue}},
         QString()},
        {QStringLiteral("latencyChart"),
         tr("Response time"),
         {{tr("p50 ms"), p50, false, Blue},
          {tr("p95 ms"), p95, false, Orange},
          {tr("target %1 ms").arg(t.latencyTargetMs), level(t.latencyTargetMs), true, Amber},
          {tr("P1 %1 ms").arg(t.latencyP1Ms), level(t.latencyP1Ms), true, Red}},
         tr("ms")},
    };
}

QDateTimeAxis* MetricsCharts::plot(QChart* chart, const Chart& spec, const MetricsSeries& data)
{
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes())
        chart->removeAxis(axis);
    chart->setTitle(spec.title);
    auto* x = new QDateTimeAxis;
    x->setFormat(data.stepSeconds >= 3600 ? QStringLiteral("dd.MM HH:mm") : QStringLiteral("HH:mm"));
    x->setTickCount(5);
    auto* y = new QValueAxis;
    y->setLabelFormat(spec.unit == QLatin1String("%") ? QStringLiteral("%.0f%%") : QStringLiteral("%.0f"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double maxY = spec.unit == QLatin1String("%") ? 100 : 1;
    for (const Line& line : spec.lines) {
        auto* series = new QLineSeries;
        series->setName(line.name);
        series->append(line.points);
        QPen pen(line.colour);
        pen.setWidthF(line.dashed ? 1.2 : 1.8);
        if (line.dashed)
            pen.setStyle(Qt::DashLine);
        series->setPen(pen);
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        for (const QPointF& point : line.points)
            maxY = std::max(maxY, point.y());
    }
    // Markers (key rotations, containment, alerts) as thin vertical lines, one per
    // stretch of about 1/60 of the chart so that a burst of alerts stays one line.
    const QList<MarkerGroup> groups = groupMarkers(data);
    for (const MarkerGroup& group : groups) {
        auto* series = new QLineSeries;
        series->setName(group.label);
        series->append(double(group.timeMs), 0);
        series->append(double(group.timeMs), maxY * 1.05);
        QPen pen(group.kind == QLatin1String("containment")        ? Red
                     : group.kind == QLatin1String("key_rotation") ? Blue
                                                                   : Grey);
        pen.setStyle(group.kind == QLatin1String("alert") ? Qt::DotLine : Qt::DashLine);
        pen.setWidthF(group.kind == QLatin1String("alert") ? 1.0 : 1.4);
        series->setPen(pen);
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        // One legend entry per chart is plenty for markers.
        const auto legendMarkers = chart->legend()->markers(series);
        for (QLegendMarker* legendMarker : legendMarkers)
            legendMarker->setVisible(false);
    }
    if (spec.unit == QLatin1String("%")) {
        y->setRange(0, 100);
        y->setTickCount(6);
    } else {
        y->setRange(0, maxY * 1.1);
        y->applyNiceNumbers();
    }
    if (!data.points.isEmpty())
        x->setRange(QDateTime::fromMSecsSinceEpoch(data.points.first().timeMs),
                    QDateTime::fromMSecsSinceEpoch(data.points.last().timeMs));
    return x;
}

} // namespace auth::console
