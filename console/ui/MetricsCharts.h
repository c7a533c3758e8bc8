#pragma once

#include "client/MetricsSeries.h"

#include <QColor>
#include <QCoreApplication>
#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

class QChart;
class QDateTimeAxis;

namespace auth::console {

// The dashboard's charts, built in one place so the live dashboard and the PDF
// report draw the same lines, thresholds and markers.
class MetricsCharts
{
    Q_DECLARE_TR_FUNCTIONS(auth::console::MetricsCharts)

public:
    struct Line
    {
        QString name;
        QList<QPointF> points;
        bool dashed = false;
        QColor colour;
    };
    struct Chart
    {
        QString name; // object name, e.g. "loginRateChart"
        QString title;
        QList<Line> lines;
        QString unit; // "%", "ms" or empty
    };

    static QStringList names(); // in display order
    // Every chart's lines for `series`, titles translated.
    static QList<Chart> build(const MetricsSeries& series);
    // Replaces what `chart` shows; returns the time axis (to follow zooming).
    static QDateTimeAxis* plot(QChart* chart, const Chart& spec, const MetricsSeries& series);

    // Markers close together (within ~1/60 of the span) drawn as one line whose
    // label names the most important and counts the rest; at most 30 lines.
    struct MarkerGroup
    {
        qint64 timeMs = 0;
        QString kind;
        QString label;
        int count = 0;
    };
    static QList<MarkerGroup> groupMarkers(const MetricsSeries& series);
};

} // namespace auth::console
