#include "ui/ReportWriter.h"

#include "client/MetricsSeries.h"
#include "ui/MetricsCharts.h"

#include <QBuffer>
#include <QChart>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QJsonArray>
#include <QLegend>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QPicture>
#include <QSaveFile>
#include <QTextLayout>
#include <QTextOption>
#include <QValueAxis>
#include <algorithm>
#include <memory>

namespace auth::console {

namespace {

constexpr int Dpi = 300;
// Charts are laid out at this size in scene units, then scaled onto the page.
const QSizeF ChartSize(520, 322);
const QColor Ink(0x20, 0x20, 0x20);
const QColor Muted(0x60, 0x60, 0x60);
const QColor Rule(0xb0, 0xb0, 0xb0);
const QColor Shade(0xf0, 0xf0, 0xf0);
const QColor HeaderFill(0xdd, 0xe4, 0xee);

QString timeText(const QJsonValue& value)
{
    if (value.isNull() || value.isUndefined() || (value.isString() && value.toString().isEmpty()))
        return QStringLiteral("–");
    const qint64 ms = MetricsSeries::parseTime(value);
    if (ms <= 0)
        return value.toVariant().toString();
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString numberText(const QJsonValue& value)
{
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 10);
    if (value.isBool())
        return value.toBool() ? ReportWriter::tr("yes") : ReportWriter::tr("no");
    return value.isString() && !value.toString().isEmpty() ? value.toString() : QStringLiteral("–");
}

// Without shaping there are no ligatures: "fi" and "ff" stay two letters, so
// hashes, key ids and words can be searched and copied from the PDF as they read.
void searchable(QFont& font)
{
    font.setStyleStrategy(QFont::PreferNoShaping);
}

struct Table
{
    QString title;
    QStringList headers;
    QList<qreal> widths; // fractions of the page width
    QList<QStringList> rows;
    QString emptyText;
    QString note; // printed under the table, e.g. that it was truncated
};

// Lays the report out page by page. Run once without a painter to count the
// pages, then again with one to draw; both runs make the same decisions.
class Layout
{
public:
    Layout(QPdfWriter& device, QPainter* painter, const ReportData& data, const QList<QPicture>& charts,
           int totalPages)
        : m_device(device)
        , m_painter(painter)
        , m_data(data)
        , m_charts(charts)
        , m_total(totalPages)
        , m_width(device.width())
        , m_height(device.height())
    {
        m_body = QFont(QStringLiteral("DejaVu Sans"), 9);
        m_small = QFont(QStringLiteral("DejaVu Sans"), 7);
        m_bold = m_body;
        m_bold.setBold(true);
        m_cell = QFont(QStringLiteral("DejaVu Sans"), 8);
        m_cellBold = m_cell;
        m_cellBold.setBold(true);
        m_heading = QFont(QStringLiteral("DejaVu Sans"), 14, QFont::Bold);
        m_title = QFont(QStringLiteral("DejaVu Sans"), 24, QFont::Bold);
        for (QFont* font : {&m_body, &m_small, &m_bold, &m_cell, &m_cellBold, &m_heading, &m_title})
            searchable(*font);
        m_footerHeight = lineHeight(m_small) * 3;
        m_bottom = m_height - m_footerHeight;
    }

    int pages() const { return m_page; }

    void run()
    {
        cover();
        newPage();
        charts();
        for (const Table& table : tables())
            drawTable(table);
        footer();
    }

private:
    qreal lineHeight(const QFont& font) const { return QFontMetricsF(font, &m_device).lineSpacing(); }
    qreal mm(qreal millimetres) const { return millimetres * Dpi / 25.4; }

    qreal textHeight(const QFont& font, qreal width, const QString& text) const
    {
        return QFontMetricsF(font, &m_device)
            .boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap, text)
            .height();
    }

    // Table cells break between words, and inside one (ids, addresses) only when it is wider than the cell.
    qreal cellHeight(const QFont& font, qreal width, const QString& content) const
    {
        QTextLayout layout(content, font, &m_device);
        layout.setTextOption(cellOption());
        layout.beginLayout();
        qreal height = 0;
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(width);
            height += line.height();
        }
        layout.endLayout();
        return height;
    }

    static QTextOption cellOption()
    {
        QTextOption option(Qt::AlignLeft | Qt::AlignTop);
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        return option;
    }

    void text(const QFont& font, const QRectF& rect, const QString& text, int flags = Qt::TextWordWrap,
              const QColor& colour = Ink)
    {
        if (!m_painter)
            return;
        m_painter->setFont(font);
        m_painter->setPen(colour);
        m_painter->drawText(rect, flags, text);
    }

    // A paragraph at the cursor, breaking to a new page when it does not fit.
    void paragraph(const QFont& font, const QString& content, const QColor& colour = Ink)
    {
        const qreal height = textHeight(font, m_width, content);
        ensure(height);
        text(font, QRectF(0, m_y, m_width, height), content, Qt::TextWordWrap, colour);
        m_y += height + mm(1.5);
    }

    void heading(const QString& title)
    {
        ensure(lineHeight(m_heading) * 3);
        m_y += mm(2);
        text(m_heading, QRectF(0, m_y, m_width, lineHeight(m_heading)), title, Qt::AlignLeft);
        m_y += lineHeight(m_heading) + mm(2);
    }

    void ensure(qreal height)
    {
        if (m_y + height > m_bottom && m_y > 0)
            newPage();
    }

    void newPage()
    {
        footer();
        if (m_painter)
            m_device.newPage();
        ++m_page;
        m_y = 0;
    }

    void footer()
    {
        if (!m_painter)
            return;
        const qreal line = lineHeight(m_small);
        const qreal top = m_height - m_footerHeight + line;
        m_painter->setPen(QPen(Rule, 2));
        m_painter->drawLine(QPointF(0, top - line * 0.4), QPointF(m_width, top - line * 0.4));
        text(m_small, QRectF(0, top, m_width * 0.8, line),
             ReportWriter::tr("SHA-256 of the report data: %1").arg(QString::fromLatin1(m_data.sha256Hex())),
             Qt::AlignLeft, Muted);
        text(m_small, QRectF(m_width * 0.8, top, m_width * 0.2, line),
             ReportWriter::tr("Page %1 of %2").arg(m_page).arg(m_total), Qt::AlignRight, Muted);
        text(m_small, QRectF(0, top + line, m_width, line),
             ReportWriter::tr("auth-service security metrics report · %1").arg(m_data.server()),
             Qt::AlignLeft, Muted);
    }

    void cover()
    {
        m_y = mm(40);
        text(m_title, QRectF(0, m_y, m_width, lineHeight(m_title) * 2.5),
             ReportWriter::tr("Security Metrics Report"), Qt::AlignLeft | Qt::TextWordWrap);
        m_y += lineHeight(m_title) * 1.5;
        text(m_heading, QRectF(0, m_y, m_width, lineHeight(m_heading)), ReportWriter::tr("auth-service"),
             Qt::AlignLeft, Muted);
        m_y += lineHeight(m_heading) + mm(12);

        const QString timeFormat = QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'");
        const QList<std::pair<QString, QString>> facts {
            {ReportWriter::tr("Server"), m_data.server()},
            {ReportWriter::tr("Period"),
             ReportWriter::tr("%1 to %2")
                 .arg(m_data.from().toUTC().toString(timeFormat), m_data.to().toUTC().toString(timeFormat))},
            {ReportWriter::tr("Author"), m_data.author().isEmpty() ? QStringLiteral("–") : m_data.author()},
            {ReportWriter::tr("Generated at"), m_data.generatedAt().toUTC().toString(timeFormat)},
        };
        keyValues(facts);
        m_y += mm(8);
        heading(ReportWriter::tr("Summary"));
        keyValues(summary());
        m_y += mm(4);
        paragraph(m_small,
                  ReportWriter::tr("All times are UTC. The footer of every page carries the SHA-256 of the "
                                   "data this report was made from; when the data was saved beside the "
                                   "report, sha256sum of that file gives the same value."),
                  Muted);
    }

    void keyValues(const QList<std::pair<QString, QString>>& rows)
    {
        const qreal keyWidth = m_width * 0.4;
        for (const auto& [key, value] : rows) {
            const qreal height = std::max({lineHeight(m_body), textHeight(m_bold, keyWidth - mm(2), key),
                                           textHeight(m_body, m_width - keyWidth, value)})
                + mm(1);
            ensure(height);
            text(m_bold, QRectF(0, m_y, keyWidth - mm(2), height), key, Qt::AlignLeft | Qt::TextWordWrap);
            text(m_body, QRectF(keyWidth, m_y, m_width - keyWidth, height), value,
                 Qt::AlignLeft | Qt::TextWordWrap);
            m_y += height;
        }
    }

    QList<std::pair<QString, QString>> summary() const
    {
        const QJsonObject failed = m_data.section("failed_logins");
        const QJsonObject compliance = m_data.section("compliance_summary");
        const QJsonObject threats = m_data.section("threat_summary");
        const QJsonObject metrics = m_data.section("threat_metrics");
        const auto series = MetricsSeries::fromJson(m_data.section("series"));
        double logins = 0, failures = 0, tokens = 0;
        if (series) {
            for (const MetricsSeries::Point& point : series->points) {
                logins += point.loginSuccess;
                failures += point.loginFailure;
                tokens += point.tokensIssued;
            }
        }
        const QString rate = logins + failures > 0
            ? QStringLiteral("%1 %").arg(100.0 * logins / (logins + failures), 0, 'f', 1)
            : QStringLiteral("–");
        int firing = 0;
        const QJsonArray alerts = m_data.section("alerts").value(QStringLiteral("items")).toArray();
        for (const QJsonValue& alert : alerts)
            firing += alert.toObject().value(QStringLiteral("state")).toString() == QLatin1String("firing");
        return {
            {ReportWriter::tr("Successful logins"), QString::number(logins, 'f', 0)},
            {ReportWriter::tr("Failed logins"), numberText(failed.value(QStringLiteral("events")))},
            {ReportWriter::tr("Login success rate"), rate},
            {ReportWriter::tr("Source IPs with failed logins"),
             numberText(failed.value(QStringLiteral("source_ips")))},
            {ReportWriter::tr("Account lockouts"),
             QString::number(m_data.section("lockouts").value(QStringLiteral("items")).toArray().size())},
            {ReportWriter::tr("Tokens issued"), QString::number(tokens, 'f', 0)},
            {ReportWriter::tr("Alerts (firing)"), ReportWriter::tr("%1 (%2)").arg(alerts.size()).arg(firing)},
            {ReportWriter::tr("Compliance checks passed / failed"),
             QStringLiteral("%1 / %2").arg(numberText(compliance.value(QStringLiteral("passed"))),
                                           numberText(compliance.value(QStringLiteral("failed"))))},
            {ReportWriter::tr("Blocked logins in the last hour"),
             numberText(threats.value(QStringLiteral("blocked_last_hour")))},
            {ReportWriter::tr("Addresses caught credential stuffing"),
             QString::number(threats.value(QStringLiteral("active_stuffing_ips")).toArray().size())},
            {ReportWriter::tr("Response time p95 (last minute)"),
             ReportWriter::tr("%1 ms").arg(numberText(
                 metrics.value(QStringLiteral("latency_ms")).toObject().value(QStringLiteral("p95"))))},
            {ReportWriter::tr("Signing keys"),
             QString::number(m_data.section("keys").value(QStringLiteral("keys")).toArray().size())},
        };
    }

    void charts()
    {
        heading(ReportWriter::tr("Metrics Charts"));
        const auto series = MetricsSeries::fromJson(m_data.section("series"));
        if (!series || series->points.isEmpty()) {
            paragraph(m_body, ReportWriter::tr("The server has no metrics for this period."));
            return;
        }
        const qreal gap = mm(4);
        const qreal width = (m_width - gap) / 2;
        const qreal height = width * ChartSize.height() / ChartSize.width();
        const qsizetype count = MetricsCharts::names().size();
        for (int i = 0; i < count; ++i) {
            const bool left = i % 2 == 0;
            if (left)
                ensure(height);
            const QRectF target(left ? 0 : width + gap, m_y, width, height);
            if (m_painter && i < m_charts.size()) {
                m_painter->save();
                m_painter->translate(target.topLeft());
                // QPicture plays back in units of its own resolution scaled to the device's.
                const QPicture& picture = m_charts.at(i);
                const qreal dpiX = qreal(picture.logicalDpiX()) / m_device.logicalDpiX();
                const qreal dpiY = qreal(picture.logicalDpiY()) / m_device.logicalDpiY();
                m_painter->scale(target.width() / ChartSize.width() * dpiX,
                                 target.height() / ChartSize.height() * dpiY);
                m_painter->drawPicture(0, 0, picture);
                m_painter->restore();
            }
            if (!left || i + 1 == count)
                m_y += height + gap;
        }
    }

    QList<Table> tables() const
    {
        QList<Table> result;
        const QJsonObject failed = m_data.section("failed_logins");
        Table ips {ReportWriter::tr("Top Failing Source IPs"),
                   {ReportWriter::tr("Source IP"), ReportWriter::tr("Failed logins"),
                    ReportWriter::tr("Accounts tried"), ReportWriter::tr("Last failure")},
                   {0.34, 0.2, 0.2, 0.26},
                   {},
                   ReportWriter::tr("No failed logins in this period."),
                   {}};
        for (const QJsonValue& value : failed.value(QStringLiteral("top_ips")).toArray()) {
            const QJsonObject row = value.toObject();
            ips.rows.append({row.value(QStringLiteral("ip")).toString(),
                             numberText(row.value(QStringLiteral("failures"))),
                             numberText(row.value(QStringLiteral("accounts"))),
                             timeText(row.value(QStringLiteral("last_seen")))});
        }
        if (failed.value(QStringLiteral("truncated")).toBool())
            ips.note = ReportWriter::tr("Counted from the newest %1 failed logins of the period only.")
                           .arg(ReportData::MaxEventPages * ReportData::EventPageSize);
        result.append(ips);

        const QJsonObject lockouts = m_data.section("lockouts");
        Table locks {ReportWriter::tr("Account Lockouts"),
                     {ReportWriter::tr("Time"), ReportWriter::tr("Account"), ReportWriter::tr("Source IP"),
                      ReportWriter::tr("Reason"), ReportWriter::tr("Locked until")},
                     {0.2, 0.3, 0.16, 0.16, 0.18},
                     {},
                     ReportWriter::tr("No accounts were locked in this period."),
                     {}};
        for (const QJsonValue& value : lockouts.value(QStringLiteral("items")).toArray()) {
            const QJsonObject row = value.toObject();
            QString reason = row.value(QStringLiteral("reason")).toString();
            if (row.value(QStringLiteral("by_admin")).toBool())
                reason = ReportWriter::tr("by an admin: %1").arg(reason);
            else if (reason == QLatin1String("too_many_failures"))
                reason = ReportWriter::tr("too many failed logins");
            locks.rows.append({timeText(row.value(QStringLiteral("time"))),
                               row.value(QStringLiteral("user")).toString(),
                               row.value(QStringLiteral("source_ip")).toString(), reason,
                               timeText(row.value(QStringLiteral("locked_until")))});
        }
        if (lockouts.value(QStringLiteral("truncated")).toBool())
            locks.note = ReportWriter::tr("Only the newest %1 lockouts of the period are listed.")
                             .arg(ReportData::MaxEventPages * ReportData::EventPageSize);
        result.append(locks);

        const QJsonObject alerts = m_data.section("alerts");
        Table alertTable {ReportWriter::tr("Alerts"),
                          {ReportWriter::tr("ID"), ReportWriter::tr("Severity"), ReportWriter::tr("Rule"),
                           ReportWriter::tr("Subject"), ReportWriter::tr("State"),
                           ReportWriter::tr("First seen"), ReportWriter::tr("Last seen")},
                          {0.06, 0.1, 0.22, 0.16, 0.12, 0.17, 0.17},
                          {},
                          ReportWriter::tr("No alerts in this period."),
                          {}};
        for (const QJsonValue& value : alerts.value(QStringLiteral("items")).toArray()) {
            const QJsonObject row = value.toObject();
            alertTable.rows.append({numberText(row.value(QStringLiteral("id"))),
                                    row.value(QStringLiteral("severity")).toString(),
                                    row.value(QStringLiteral("rule")).toString(),
                                    row.value(QStringLiteral("subject")).toString(),
                                    row.value(QStringLiteral("state")).toString(),
                                    timeText(row.value(QStringLiteral("first_seen"))),
                                    timeText(row.value(QStringLiteral("last_seen")))});
        }
        if (alerts.value(QStringLiteral("truncated")).toBool())
            alertTable.note = ReportWriter::tr("Only the newest alerts are listed.");
        result.append(alertTable);

        const QJsonObject violations = m_data.section("compliance_violations");
        Table compliance {ReportWriter::tr("Compliance Violations"),
                          {ReportWriter::tr("Severity"), ReportWriter::tr("Framework"),
                           ReportWriter::tr("Control"), ReportWriter::tr("Finding"),
                           ReportWriter::tr("Remediation")},
                          {0.1, 0.15, 0.13, 0.31, 0.31},
                          {},
                          ReportWriter::tr("No compliance check failed."),
                          {}};
        for (const char* key :
             {"critical_violations", "high_violations", "medium_violations", "low_violations"}) {
            for (const QJsonValue& value : violations.value(QLatin1String(key)).toArray()) {
                const QJsonObject row = value.toObject();
                compliance.rows.append({row.value(QStringLiteral("severity")).toString(),
                                        row.value(QStringLiteral("framework")).toString(),
                                        row.value(QStringLiteral("control")).toString(),
                                        row.value(QStringLiteral("finding")).toString(),
                                        row.value(QStringLiteral("remediation")).toString()});
            }
        }
        result.append(compliance);

        const QJsonObject keys = m_data.section("keys");
        Table keyTable {ReportWriter::tr("Signing Key Ages"),
                        {ReportWriter::tr("Key ID"), ReportWriter::tr("Algorithm"), ReportWriter::tr("State"),
                         ReportWriter::tr("Age (days)"), ReportWriter::tr("Created"),
                         ReportWriter::tr("Retire after")},
                        {0.46, 0.1, 0.1, 0.08, 0.13, 0.13},
                        {},
                        ReportWriter::tr("The server listed no signing keys."),
                        {}};
        for (const QJsonValue& value : keys.value(QStringLiteral("keys")).toArray()) {
            const QJsonObject row = value.toObject();
            const QJsonValue age = row.value(QStringLiteral("age_days"));
            keyTable.rows.append(
                {row.value(QStringLiteral("kid")).toString(),
                 row.value(QStringLiteral("algorithm")).toString(),
                 row.value(QStringLiteral("state")).toString(),
                 age.isDouble() ? QString::number(age.toDouble(), 'f', 1) : QStringLiteral("–"),
                 timeText(row.value(QStringLiteral("created_at"))),
                 timeText(row.value(QStringLiteral("retire_after")))});
        }
        if (keys.value(QStringLiteral("rotation_days")).isDouble())
            keyTable.note = ReportWriter::tr("Keys are rotated every %1 days (KEY_ROTATION_DAYS).")
                                .arg(keys.value(QStringLiteral("rotation_days")).toInt());
        result.append(keyTable);
        return result;
    }

    qreal rowHeight(const Table& table, const QStringList& cells, const QFont& font) const
    {
        const qreal padding = mm(1);
        const qreal maxHeight = lineHeight(font) * 4;
        qreal height = lineHeight(font);
        for (int column = 0; column < cells.size() && column < table.widths.size(); ++column)
            height = std::max(
                height, cellHeight(font, table.widths.at(column) * m_width - 2 * padding, cells.at(column)));
        return std::min(height, maxHeight) + 2 * padding;
    }

    qreal drawRow(const Table& table, const QStringList& cells, const QFont& font, const QColor& fill)
    {
        const qreal padding = mm(1);
        const qreal height = rowHeight(table, cells, font);
        if (m_painter) {
            if (fill.isValid())
                m_painter->fillRect(QRectF(0, m_y, m_width, height), fill);
            qreal x = 0;
            for (int column = 0; column < cells.size() && column < table.widths.size(); ++column) {
                const qreal width = table.widths.at(column) * m_width;
                m_painter->save();
                const QRectF cell(x + padding, m_y + padding, width - 2 * padding, height - 2 * padding);
                m_painter->setClipRect(cell);
                m_painter->setFont(font);
                m_painter->setPen(Ink);
                m_painter->drawText(cell, cells.at(column), cellOption());
                m_painter->restore();
                x += width;
            }
        }
        m_y += height;
        return height;
    }

    void tableHeader(const Table& table, bool continued)
    {
        const QString title = continued ? ReportWriter::tr("%1 (continued)").arg(table.title) : table.title;
        if (continued) {
            text(m_bold, QRectF(0, m_y, m_width, lineHeight(m_bold)), title, Qt::AlignLeft);
            m_y += lineHeight(m_bold) + mm(1);
        } else {
            heading(title);
        }
        drawRow(table, table.headers, m_cellBold, HeaderFill);
    }

    void drawTable(const Table& table)
    {
        // The heading, the header row and a first row stay together.
        const QStringList first = table.rows.isEmpty() ? QStringList {} : table.rows.constFirst();
        ensure(lineHeight(m_heading) * 3 + rowHeight(table, table.headers, m_cellBold)
               + rowHeight(table, first, m_cell));
        tableHeader(table, false);
        if (table.rows.isEmpty()) {
            paragraph(m_body, table.emptyText, Muted);
            return;
        }
        const qsizetype shown = std::min<qsizetype>(table.rows.size(), ReportData::MaxPrintedRows);
        for (qsizetype i = 0; i < shown; ++i) {
            const QStringList& row = table.rows.at(i);
            if (m_y + rowHeight(table, row, m_cell) > m_bottom) {
                newPage();
                tableHeader(table, true);
            }
            drawRow(table, row, m_cell, i % 2 ? Shade : QColor());
        }
        if (m_painter) {
            m_painter->setPen(QPen(Rule, 2));
            m_painter->drawLine(QPointF(0, m_y), QPointF(m_width, m_y));
        }
        m_y += mm(2);
        if (shown < table.rows.size())
            paragraph(m_small,
                      ReportWriter::tr("The first %1 of %2 rows are shown; the report data has all of them.")
                          .arg(shown)
                          .arg(table.rows.size()),
                      Muted);
        if (!table.note.isEmpty())
            paragraph(m_small, table.note, Muted);
        m_y += mm(3);
    }

    QPdfWriter& m_device;
    QPainter* m_painter;
    const ReportData& m_data;
    const QList<QPicture>& m_charts;
    int m_total;
    int m_page = 1;
    qreal m_y = 0;
    qreal m_width;
    qreal m_height;
    qreal m_bottom = 0;
    qreal m_footerHeight = 0;
    QFont m_body;
    QFont m_small;
    QFont m_bold;
    QFont m_cell; // table cells
    QFont m_cellBold; // table header rows
    QFont m_heading;
    QFont m_title;
};

void setUp(QPdfWriter& writer, const ReportData& data)
{
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setResolution(Dpi);
    writer.setPageMargins(QMarginsF(16, 16, 16, 14), QPageLayout::Millimeter);
    writer.setTitle(ReportWriter::tr("Security Metrics Report"));
    writer.setCreator(QStringLiteral("auth-console"));
    Q_UNUSED(data)
}

int countPages(const ReportData& data)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter measure(&buffer);
    setUp(measure, data);
    const QList<QPicture> noCharts;
    Layout layout(measure, nullptr, data, noCharts, 0);
    layout.run();
    return layout.pages();
}

} // namespace

int ReportWriter::pageCount(const ReportData& data)
{
    return countPages(data);
}

QList<QPicture> ReportWriter::renderCharts(const ReportData& data)
{
    QList<QPicture> pictures;
    const auto series = MetricsSeries::fromJson(data.section("series"));
    if (!series || series->points.isEmpty())
        return pictures;
    for (const MetricsCharts::Chart& spec : MetricsCharts::build(*series)) {
        QGraphicsScene scene;
        auto* chart = new QChart;
        scene.addItem(chart);
        chart->setAnimationOptions(QChart::NoAnimation);
        chart->setBackgroundRoundness(0);
        chart->setMargins(QMargins(2, 2, 2, 2));
        chart->legend()->setAlignment(Qt::AlignBottom);
        MetricsCharts::plot(chart, spec, *series);
        // Fonts in pixels: the chart keeps its proportions at any resolution.
        QFont titleFont = chart->titleFont();
        titleFont.setPixelSize(14);
        titleFont.setBold(true);
        searchable(titleFont);
        chart->setTitleFont(titleFont);
        QFont small;
        small.setPixelSize(10);
        searchable(small);
        chart->legend()->setFont(small);
        for (QAbstractAxis* axis : chart->axes())
            axis->setLabelsFont(small);
        const QRectF rect(QPointF(0, 0), ChartSize);
        chart->setGeometry(rect);
        scene.setSceneRect(rect);
        QPicture picture;
        QPainter painter(&picture);
        scene.render(&painter, rect, rect);
        painter.end();
        pictures.append(picture);
    }
    return pictures;
}

bool ReportWriter::write(const ReportData& data, const QString& fileName, QString* error, int* pageCount)
{
    return write(data, renderCharts(data), fileName, error, pageCount);
}

bool ReportWriter::write(const ReportData& data, const QList<QPicture>& charts, const QString& fileName,
                         QString* error, int* pageCount)
{
    const int pages = countPages(data);
    if (pageCount)
        *pageCount = pages;
    // A half-written report never replaces a good one: the file appears whole or not at all.
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(QFileInfo(fileName).fileName(), file.errorString());
        return false;
    }
    {
        QPdfWriter writer(&file);
        setUp(writer, data);
        QPainter painter;
        if (!painter.begin(&writer)) {
            if (error)
                *error = tr("Cannot start a PDF in %1.").arg(QFileInfo(fileName).fileName());
            file.cancelWriting();
            return false;
        }
        Layout layout(writer, &painter, data, charts, pages);
        layout.run();
        painter.end();
    }
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(QFileInfo(fileName).fileName(), file.errorString());
        return false;
    }
    return true;
}

QString ReportWriter::dataFileName(const QString& pdfFileName)
{
    QString base = pdfFileName;
    if (base.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        base.chop(4);
    return base + QStringLiteral(".json");
}

bool ReportWriter::writeFiles(const ReportData& data, const QList<QPicture>& charts, const QString& fileName,
                              bool saveData, int* pages, QString* error)
{
    if (!write(data, charts, fileName, error, pages))
        return false;
    if (!saveData)
        return true;
    QSaveFile file(dataFileName(fileName));
    const QByteArray bytes = data.canonical();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    return true;
}

} // namespace auth::console
