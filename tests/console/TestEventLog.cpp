#include "client/ApiClient.h"
#include "client/AuthSession.h"
#include "client/EventExporter.h"
#include "client/EventSource.h"
#include "client/EventTableModel.h"
#include "client/MetricsSeries.h"
#include "client/SecretStore.h"
#include "ui/DashboardView.h"
#include "ui/LogView.h"
#include "ui/MetricsCharts.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using namespace auth::console;

namespace {

const QStringList Types {QStringLiteral("authentication_failure"), QStringLiteral("authentication_success"),
                         QStringLiteral("jwt_generation"), QStringLiteral("suspicious_activity")};

// A server's event store in miniature: `count` events, newest first, generated
// on demand; type/user/ip filters and opaque cursors like the real API.
class FakeEventSource : public EventSource
{
public:
    explicit FakeEventSource(qint64 count)
        : m_count(count)
    {
    }

    static QJsonObject eventAt(qint64 i)
    {
        return {{QStringLiteral("id"), QString::number(10'000'000 - i)},
                {QStringLiteral("time_unix_ms"), double(1'736'937'000'000 - i * 1000)},
                {QStringLiteral("type"), Types.at(int(i % Types.size()))},
                {QStringLiteral("severity"), i % 10 == 0 ? QStringLiteral("HIGH") : QStringLiteral("INFO")},
                {QStringLiteral("user"), QStringLiteral("user%1@example.com").arg(i % 50)},
                {QStringLiteral("user_id"), QStringLiteral("u-%1").arg(i % 50)},
                {QStringLiteral("source_ip"), QStringLiteral("10.0.%1.%2").arg(i % 7).arg(i % 200)},
                {QStringLiteral("request_id"), QStringLiteral("req-%1").arg(i)},
                {QStringLiteral("details"),
                 QJsonObject {{QStringLiteral("reason"), QStringLiteral("r%1").arg(i % 3)}}}};
    }

    void fetchPage(const EventQuery& query, const QString& cursor, int limit, QObject* context,
                   PageHandler onPage) override
    {
        queries.append(query.toUrlQuery());
        ++fetches;
        EventPage page;
        qint64 i = cursor.isEmpty() ? 0 : cursor.toLongLong();
        while (i < m_count && page.events.size() < limit) {
            const QJsonObject event = eventAt(i++);
            if (!query.types.isEmpty()
                && !query.types.contains(event.value(QStringLiteral("type")).toString()))
                continue;
            if (!query.user.isEmpty() && event.value(QStringLiteral("user")).toString() != query.user)
                continue;
            page.events.append(event);
        }
        if (i < m_count)
            page.nextCursor = QString::number(i);
        QPointer<QObject> guard(context);
        QTimer::singleShot(delayMs, this, [guard, onPage, page] {
            if (guard)
                onPage(page);
        });
    }

    QList<QUrlQuery> queries;
    int fetches = 0;
    int delayMs = 0;

private:
    qint64 m_count;
};

} // namespace

class TestEventLog : public QObject
{
    Q_OBJECT

private slots:
    void modelFetchesAllPagesWithoutGaps();
    void modelAppliesExclusionsAndDedupesLive();
    void exportWritesEveryPage();
    void filterBarShowsErrorPosition();
    void contextMenuFiltersOnAValue();
    void detailPaneShowsRawJson();
    void pauseKeepsScrollPositionAndBuffers();
    void millionEventsStayResponsive();
    void dashboardPlotsSeriesWithThresholds();
    void chartSelectionFiltersTheLog();
    void markerBurstsBecomeOneLine();
};

void TestEventLog::modelFetchesAllPagesWithoutGaps()
{
    FakeEventSource source(1234);
    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSource(&source);
    model.setPageSize(100);
    model.setQuery({});
    // Whole pages arrive (the tester itself asks for more after each insertion).
    QTRY_VERIFY(model.rowCount() >= 100);
    while (model.canFetchMore({}) || model.isLoading()) {
        if (model.canFetchMore({}))
            model.fetchMore({});
        QTest::qWait(0);
    }
    QCOMPARE(model.rowCount(), 1234);
    QVERIFY(model.atEnd());
    QSet<QString> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.insert(model.event(row).value(QStringLiteral("id")).toString());
    QCOMPARE(ids.size(), 1234);
    QCOMPARE(model.index(0, EventTableModel::TimeColumn).data().toString(),
             QStringLiteral("2025-01-15 10:30:00.000"));
    QCOMPARE(model.index(0, EventTableModel::TypeColumn).data(EventTableModel::FilterKeyRole).toString(),
             QStringLiteral("type"));
}

void TestEventLog::modelAppliesExclusionsAndDedupesLive()
{
    FakeEventSource source(400);
    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSource(&source);
    model.setPageSize(100);
    model.setQuery(EventQuery::parse(QStringLiteral("-type:jwt_generation -ip:10.0.0.0/24")).query);
    QTRY_VERIFY(model.rowCount() > 0 && !model.isLoading());
    for (int row = 0; row < model.rowCount(); ++row) {
        const QJsonObject event = model.event(row);
        QVERIFY(event.value(QStringLiteral("type")).toString() != QLatin1String("jwt_generation"));
        QVERIFY(!event.value(QStringLiteral("source_ip")).toString().startsWith(QLatin1String("10.0.0.")));
    }
    const int rows = model.rowCount();
    QJsonObject live = FakeEventSource::eventAt(1);
    live.insert(QStringLiteral("id"), QStringLiteral("live-1"));
    QVERIFY(model.prependLive(live));
    QVERIFY(!model.prependLive(live)); // the same event twice is shown once
    QCOMPARE(model.rowCount(), rows + 1);
    QCOMPARE(model.event(0).value(QStringLiteral("id")).toString(), QStringLiteral("live-1"));
    live.insert(QStringLiteral("id"), QStringLiteral("live-2"));
    live.insert(QStringLiteral("type"), QStringLiteral("jwt_generation"));
    QVERIFY(!model.prependLive(live)); // excluded by the filter
}

void TestEventLog::exportWritesEveryPage()
{
    QTemporaryDir dir;
    FakeEventSource source(2500);
    EventExporter exporter(source);
    QSignalSpy done(&exporter, &EventExporter::finished);
    const QString csv = dir.filePath(QStringLiteral("events.csv"));
    QVERIFY(exporter.start({}, csv, EventExporter::Format::Csv));
    QVERIFY(!QFile::exists(csv)); // only complete files get the name
    QTRY_COMPARE(done.count(), 1);
    QVERIFY2(done.at(0).at(0).toBool(), qPrintable(done.at(0).at(1).toString()));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 2502); // header, 2500 events, the empty tail after the last CRLF
    QVERIFY(lines.at(0).startsWith("id,time,type,severity"));
    QVERIFY(source.fetches >= 3);

    const QString jsonl = dir.filePath(QStringLiteral("events.jsonl"));
    const EventQuery query
        = EventQuery::parse(QStringLiteral("type:suspicious_activity -ip:10.0.1.0/24")).query;
    QVERIFY(exporter.start(query, jsonl, EventExporter::Format::JsonLines));
    QTRY_COMPARE(done.count(), 2);
    QFile jsonFile(jsonl);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    int count = 0;
    while (!jsonFile.atEnd()) {
        const QJsonObject event = QJsonDocument::fromJson(jsonFile.readLine()).object();
        QCOMPARE(event.value(QStringLiteral("type")).toString(), QStringLiteral("suspicious_activity"));
        QVERIFY(!event.value(QStringLiteral("source_ip")).toString().startsWith(QLatin1String("10.0.1.")));
        ++count;
    }
    int expected = 0;
    for (qint64 i = 0; i < 2500; ++i) {
        const QJsonObject event = FakeEventSource::eventAt(i);
        expected
            += query.types.contains(event.value(QStringLiteral("type")).toString()) && query.accepts(event);
    }
    QCOMPARE(count, expected);

    // An unwritable target is refused at once and leaves nothing behind.
    QString error;
    QVERIFY(!exporter.start({}, dir.filePath(QStringLiteral("missing/dir/x.csv")), EventExporter::Format::Csv,
                            &error));
    QVERIFY(!error.isEmpty());
}

void TestEventLog::filterBarShowsErrorPosition()
{
    FakeEventSource source(300);
    ApiClient client;
    LogView view(source, client);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto* edit = view.findChild<QLineEdit*>(QStringLiteral("filterEdit"));
    auto* error = view.findChild<QLabel*>(QStringLiteral("filterErrorLabel"));
    auto* apply = view.findChild<QPushButton*>(QStringLiteral("applyFilterButton"));
    QTest::keyClicks(edit, QStringLiteral("type:authentication_failure ip:10.0.0.0/33"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().startsWith(QLatin1String("Column 32:")), qPrintable(error->text()));
    QVERIFY(error->text().endsWith(QString(31, u' ') + u'^'));
    QVERIFY(!apply->isEnabled());
    const int fetchesBefore = source.fetches;
    QTest::keyClick(edit, Qt::Key_Return);
    QTest::qWait(20);
    QCOMPARE(source.fetches, fetchesBefore); // an invalid filter is never sent

    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, QStringLiteral("8"));
    QVERIFY(!error->isVisible());
    QVERIFY(apply->isEnabled());
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_VERIFY(source.fetches > fetchesBefore);
    QCOMPARE(source.queries.last().queryItemValue(QStringLiteral("ip"), QUrl::FullyDecoded),
             QStringLiteral("10.0.0.0/8"));
    QCOMPARE(source.queries.last().queryItemValue(QStringLiteral("type")),
             QStringLiteral("authentication_failure"));
    QTRY_VERIFY(view.model()->rowCount() > 0);
    for (int row = 0; row < view.model()->rowCount(); ++row)
        QCOMPARE(view.model()->index(row, EventTableModel::TypeColumn).data().toString(),
                 QStringLiteral("authentication_failure"));
}

void TestEventLog::contextMenuFiltersOnAValue()
{
    FakeEventSource source(300);
    ApiClient client;
    LogView view(source, client);
    view.resize(1000, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.reload();
    QTRY_VERIFY(view.model()->rowCount() > 0);
    QTableView* table = view.table();

    // Right-click a cell and choose an entry of the menu that opens.
    auto choose = [this, table](int row, int column, const char* actionName) {
        QString seen;
        QTimer::singleShot(100, this, [actionName, &seen] {
            auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
            if (!menu)
                return;
            auto* action = menu->findChild<QAction*>(QLatin1String(actionName));
            seen = action ? action->text() : QString();
            menu->close();
            if (action)
                action->trigger();
        });
        const QRect rect = table->visualRect(table->model()->index(row, column));
        emit table->customContextMenuRequested(rect.center());
        return seen;
    };

    const QString user = view.model()->index(2, EventTableModel::UserColumn).data().toString();
    QVERIFY2(choose(2, EventTableModel::UserColumn, "filterOnAction").contains(user), qPrintable(user));
    QCOMPARE(view.filter(), QStringLiteral("user:%1").arg(user));
    QTRY_VERIFY(view.model()->rowCount() > 0 && !view.model()->isLoading());
    for (int row = 0; row < view.model()->rowCount(); ++row)
        QCOMPARE(view.model()->index(row, EventTableModel::UserColumn).data().toString(), user);

    const QString type = view.model()->index(0, EventTableModel::TypeColumn).data().toString();
    QVERIFY(choose(0, EventTableModel::TypeColumn, "excludeAction").contains(type));
    QCOMPARE(view.filter(), QStringLiteral("user:%1 -type:%2").arg(user, type));
    QTRY_VERIFY(!view.model()->isLoading());
    QTest::qWait(50);
    for (int row = 0; row < view.model()->rowCount(); ++row)
        QVERIFY(view.model()->index(row, EventTableModel::TypeColumn).data().toString() != type);
}

void TestEventLog::detailPaneShowsRawJson()
{
    FakeEventSource source(50);
    ApiClient client;
    LogView view(source, client);
    view.show();
    view.reload();
    QTRY_VERIFY(view.model()->rowCount() == 50);
    view.table()->setCurrentIndex(view.model()->index(3, 0));
    const QString text = view.findChild<QPlainTextEdit*>(QStringLiteral("rawJsonView"))->toPlainText();
    const QJsonObject shown = QJsonDocument::fromJson(text.toUtf8()).object();
    QCOMPARE(shown, FakeEventSource::eventAt(3));
}

void TestEventLog::pauseKeepsScrollPositionAndBuffers()
{
    FakeEventSource source(2000);
    ApiClient client;
    LogView view(source, client);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.model()->setPageSize(1000);
    view.reload();
    QTRY_COMPARE(view.model()->rowCount(), 1000);
    QScrollBar* scroll = view.table()->verticalScrollBar();
    scroll->setValue(300);
    const QString firstVisible = view.table()
                                     ->indexAt(QPoint(5, 5))
                                     .siblingAtColumn(0)
                                     .data(EventTableModel::RawJsonRole)
                                     .toString();

    view.setPaused(true);
    for (int i = 0; i < 5; ++i) {
        QJsonObject event = FakeEventSource::eventAt(0);
        event.insert(QStringLiteral("id"), QStringLiteral("live-%1").arg(i));
        view.receiveLiveEvent(event);
    }
    QCOMPARE(view.model()->rowCount(), 1000);
    QCOMPARE(view.bufferedCount(), 5);
    QCOMPARE(scroll->value(), 300);
    QVERIFY(view.findChild<QLabel*>(QStringLiteral("logStatusLabel"))
                ->text()
                .contains(QLatin1String("Events loaded: 1000")));

    view.setPaused(false);
    QCOMPARE(view.bufferedCount(), 0);
    QCOMPARE(view.model()->rowCount(), 1005);
    QCOMPARE(view.model()->event(0).value(QStringLiteral("id")).toString(), QStringLiteral("live-4"));
    // The rows being read did not move.
    QCOMPARE(scroll->value(), 305);
    QCOMPARE(
        view.table()->indexAt(QPoint(5, 5)).siblingAtColumn(0).data(EventTableModel::RawJsonRole).toString(),
        firstVisible);
}

void TestEventLog::millionEventsStayResponsive()
{
    // The server holds a million events; the operator scrolls to the end again
    // and again (each time a page of 200 is fetched, as from the server) and changes filters. A
    // 5 ms ticker records the longest gap between ticks: the worst stall.
    FakeEventSource source(1'000'000);
    ApiClient client;
    LogView view(source, client);
    view.resize(1000, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QElapsedTimer sinceTick;
    qint64 worstStall = 0;
    QTimer ticker;
    ticker.setInterval(5);
    connect(&ticker, &QTimer::timeout, this, [&] { worstStall = std::max(worstStall, sinceTick.restart()); });
    view.reload();
    sinceTick.start();
    ticker.start();
    QElapsedTimer total;
    total.start();
    // At least 150 rounds and 20,000 rows: pages are built on a worker, so how
    // many arrive per round depends on the machine's load, not on the view.
    for (int round = 0; (round < 150 || view.model()->rowCount() < 20'000) && total.elapsed() < 60'000;
         ++round) {
        view.table()->scrollToBottom();
        QTest::qWait(10);
    }
    const int rowsScrolled = view.model()->rowCount();
    view.setFilter(QStringLiteral("type:suspicious_activity -ip:10.0.3.0/24"));
    QTest::qWait(50);
    for (int round = 0; round < 30; ++round) {
        view.table()->scrollToBottom();
        QTest::qWait(10);
    }
    view.setFilter(QString());
    QTest::qWait(50);
    ticker.stop();
    qInfo("scrolled through %d of 1,000,000 events in %lld ms; longest event-loop stall %lld ms",
          rowsScrolled, total.elapsed(), worstStall);
    QVERIFY(rowsScrolled >= 20'000);
    QVERIFY(view.model()->rowCount() < 1'000'000); // fetched as scrolled, never all at once
    // 100 ms is the target; a machine shared with parallel compilers gets some slack.
    const qint64 limit = qEnvironmentVariableIntValue("AUTH_STALL_LIMIT_MS") > 0
        ? qEnvironmentVariableIntValue("AUTH_STALL_LIMIT_MS")
        : 100;
    QVERIFY2(worstStall < limit, qPrintable(QStringLiteral("stall %1 ms").arg(worstStall)));
}

namespace {

QJsonObject syntheticSeries()
{
    QJsonArray points;
    for (int i = 0; i < 60; ++i) {
        points.append(QJsonObject {{QStringLiteral("t"), 1'736'935'200 + i * 60},
                                   {QStringLiteral("login_success"), 90 + i % 5},
                                   {QStringLiteral("login_failure"), i == 30 ? 300 : 4},
                                   {QStringLiteral("mfa_success"), 9},
                                   {QStringLiteral("mfa_failure"), i % 2},
                                   {QStringLiteral("rate_limited"), i == 30 ? 40 : 0},
                                   {QStringLiteral("lockouts"), i == 31 ? 3 : 0},
                                   {QStringLiteral("tokens_issued"), 120},
                                   {QStringLiteral("latency_p50_ms"), 35},
                                   {QStringLiteral("latency_p95_ms"), i == 30 ? 640 : 120}});
    }
    // A minute with no logins has no success rate: it must not read as 0 %.
    points.append(QJsonObject {{QStringLiteral("t"), 1'736'935'200 + 60 * 60}});
    return {{QStringLiteral("range"), QStringLiteral("1h")},
            {QStringLiteral("step_seconds"), 60},
            {QStringLiteral("points"), points},
            {QStringLiteral("markers"),
             QJsonArray {QJsonObject {{QStringLiteral("t"), 1'736'935'200 + 1800},
                                      {QStringLiteral("kind"), QStringLiteral("key_rotation")},
                                      {QStringLiteral("label"), QStringLiteral("key rotated")}}}},
            {QStringLiteral("thresholds"), QJsonObject {{QStringLiteral("latency_p1_ms"), 450}}}};
}

QLineSeries* seriesNamed(QChartView* view, const QString& prefix)
{
    for (QAbstractSeries* series : view->chart()->series()) {
        if (series->name().startsWith(prefix))
            return qobject_cast<QLineSeries*>(series);
    }
    return nullptr;
}

} // namespace

void TestEventLog::dashboardPlotsSeriesWithThresholds()
{
    QString error;
    const auto series = MetricsSeries::fromJson(syntheticSeries(), &error);
    QVERIFY2(series, qPrintable(error));
    QCOMPARE(series->points.size(), 61);
    QCOMPARE(series->points.first().timeMs, 1'736'935'200'000LL);
    QVERIFY(std::isnan(MetricsSeries::loginSuccessRate(series->points.last())));
    QCOMPARE(series->thresholds.latencyP1Ms, 450.0);
    QCOMPARE(series->thresholds.loginSuccessRatePercent, 95.0); // the runbook's, not overridden
    QVERIFY(!MetricsSeries::fromJson({{QStringLiteral("points"), 3}}, &error));

    ApiClient client;
    SecretStore secrets;
    secrets.setMemoryOnly(true, QStringLiteral("test"));
    AuthSession session(client, secrets);
    DashboardView view(session);
    view.resize(1400, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.showSeries(*series);
    for (const QString& name : DashboardView::chartNames()) {
        QChartView* chart = view.chartView(name);
        QVERIFY2(chart && !chart->chart()->series().isEmpty(), qPrintable(name));
    }
    QChartView* login = view.chartView(QStringLiteral("loginRateChart"));
    QCOMPARE(seriesNamed(login, QStringLiteral("success"))->count(), 60); // the empty minute is left out
    QLineSeries* threshold = seriesNamed(login, QStringLiteral("threshold"));
    QVERIFY(threshold);
    QCOMPARE(threshold->at(0).y(), 95.0);
    QCOMPARE(threshold->pen().style(), Qt::DashLine);
    QVERIFY(seriesNamed(login, QStringLiteral("key rotated"))); // the marker
    QChartView* failed = view.chartView(QStringLiteral("failedLoginsChart"));
    QCOMPARE(seriesNamed(failed, QStringLiteral("failed"))->at(30).y(), 300.0);
    QVERIFY(seriesNamed(failed, QStringLiteral("P0 200")));
    QVERIFY(seriesNamed(view.chartView(QStringLiteral("latencyChart")), QStringLiteral("P1 450")));

    view.showMetrics(
        {{QStringLiteral("failed_logins"),
          QJsonObject {{QStringLiteral("last_1m"), 12},
                       {QStringLiteral("last_5m"), 340},
                       {QStringLiteral("top_ips"),
                        QJsonArray {QJsonObject {{QStringLiteral("ip"), QStringLiteral("203.0.113.9")},
                                                 {QStringLiteral("count"), 300}}}}}},
         {QStringLiteral("lockouts"), 3}});
    QVERIFY(view.findChild<QLabel*>(QStringLiteral("metricsSummaryLabel"))
                ->text()
                .contains(QLatin1String("340")));
    QCOMPARE(view.findChild<QListWidget*>(QStringLiteral("topIpsList"))->item(0)->text(),
             QStringLiteral("203.0.113.9 – 300 failures"));

    view.showAlerts({QJsonObject {{QStringLiteral("id"), 7},
                                  {QStringLiteral("rule"), QStringLiteral("failed_logins_single_ip")},
                                  {QStringLiteral("severity"), QStringLiteral("P1")},
                                  {QStringLiteral("state"), QStringLiteral("firing")}},
                     QJsonObject {{QStringLiteral("id"), 8},
                                  {QStringLiteral("rule"), QStringLiteral("db_down")},
                                  {QStringLiteral("severity"), QStringLiteral("P0")},
                                  {QStringLiteral("state"), QStringLiteral("acknowledged")}}});
    auto* alerts = view.findChild<QTableWidget*>(QStringLiteral("alertsTable"));
    auto* ack = view.findChild<QPushButton*>(QStringLiteral("ackButton"));
    QCOMPARE(alerts->rowCount(), 2);
    alerts->selectRow(0);
    QVERIFY(!ack->isEnabled()); // a reason first
    QTest::keyClicks(view.findChild<QLineEdit*>(QStringLiteral("ackReasonEdit")),
                     QStringLiteral("investigating"));
    QVERIFY(ack->isEnabled());
    alerts->selectRow(1);
    QVERIFY(!ack->isEnabled()); // already acknowledged
}

void TestEventLog::chartSelectionFiltersTheLog()
{
    ApiClient client;
    SecretStore secrets;
    secrets.setMemoryOnly(true, QStringLiteral("test"));
    AuthSession session(client, secrets);
    DashboardView view(session);
    view.resize(1400, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.showSeries(*MetricsSeries::fromJson(syntheticSeries()));
    FakeEventSource source(10);
    LogView log(source, client);
    log.setFilter(QStringLiteral("type:authentication_failure since:1h"));
    connect(&view, &DashboardView::rangeSelected, &log, &LogView::filterTimeRange);
    QSignalSpy selected(&view, &DashboardView::rangeSelected);

    // What a drag with the rubber band does: zoom the chart to the dragged span.
    QChart* chart = view.chartView(QStringLiteral("failedLoginsChart"))->chart();
    const QRectF area = chart->plotArea();
    chart->zoomIn(QRectF(area.left() + area.width() / 2, area.top(), area.width() / 4, area.height()));
    QTRY_VERIFY(selected.count() >= 1);
    const QDateTime from = selected.last().at(0).toDateTime();
    const QDateTime to = selected.last().at(1).toDateTime();
    QVERIFY(from < to);
    QVERIFY(from >= QDateTime::fromSecsSinceEpoch(1'736'935'200).addSecs(-1));
    QCOMPARE(log.filter(),
             QStringLiteral("type:authentication_failure since:%1 until:%2")
                 .arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate)));
    QVERIFY(EventQuery::parse(log.filter()).ok());
}

void TestEventLog::markerBurstsBecomeOneLine()
{
    // One hour, 60 points: 400 alerts in three minutes, a rotation inside that
    // burst, a containment step later, and one lone alert.
    MetricsSeries series;
    series.stepSeconds = 60;
    const qint64 start = 1'736'935'200'000LL;
    for (int i = 0; i <= 60; ++i) {
        MetricsSeries::Point point;
        point.timeMs = start + i * 60'000LL;
        series.points.append(point);
    }
    for (int i = 0; i < 400; ++i)
        series.markers.append(MetricsSeries::Marker {start + 10 * 60'000LL + i * 450, QStringLiteral("alert"),
                                                     QStringLiteral("P1 failed_logins")});
    series.markers.append(MetricsSeries::Marker {
        start + 11 * 60'000LL + 5'000, QStringLiteral("key_rotation"), QStringLiteral("new key k2")});
    series.markers.append(MetricsSeries::Marker {start + 40 * 60'000LL, QStringLiteral("containment"),
                                                 QStringLiteral("containment_isolate")});
    series.markers.append(
        MetricsSeries::Marker {start + 50 * 60'000LL, QStringLiteral("alert"), QStringLiteral("P0 latency")});

    const QList<MetricsCharts::MarkerGroup> groups = MetricsCharts::groupMarkers(series);
    QCOMPARE(groups.size(), 5); // minutes 10, 11 and 12 (the burst), 40 and 50
    int total = 0;
    bool rotationNamed = false;
    for (const MetricsCharts::MarkerGroup& group : groups) {
        total += group.count;
        if (group.kind == QLatin1String("key_rotation")) {
            rotationNamed = group.label.startsWith(QLatin1String("new key k2"));
            QVERIFY2(group.count > 1, "the rotation shares its minute with alerts");
        }
    }
    QCOMPARE(total, 403);
    QVERIFY(rotationNamed);

    // More groups than fit: containment and rotation survive, then the newest.
    MetricsSeries crowded = series;
    crowded.markers.clear();
    for (int i = 0; i < 60; ++i)
        crowded.markers.append(
            MetricsSeries::Marker {start + i * 60'000LL, QStringLiteral("alert"), QStringLiteral("a")});
    crowded.markers.append(
        MetricsSeries::Marker {start + 5 * 60'000LL + 1, QStringLiteral("containment"), QStringLiteral("c")});
    const QList<MetricsCharts::MarkerGroup> kept = MetricsCharts::groupMarkers(crowded);
    QCOMPARE(kept.size(), 30);
    QCOMPARE(kept.first().kind, QStringLiteral("containment"));
    QCOMPARE(kept.at(1).timeMs, start + 59 * 60'000LL);
}

QTEST_MAIN(TestEventLog)
#include "TestEventLog.moc"
