// Takes the documentation's screenshots with the real main window: signs in to
// a running server, waits for the dashboard's charts to hold data, grabs the
// window, then filters the security log and grabs it again. Run by
// scripts/screenshots (under Xvfb, against a server with live load):
//   console-screenshots --server URL --fingerprint SHA256 --email E --out DIR
// The password comes from the AUTH_SCREENSHOT_PASSWORD environment variable,
// never from the command line.
#include "client/ConsoleSettings.h"
#include "client/EventTableModel.h"
#include "client/LanguageManager.h"
#include "ui/DashboardView.h"
#include "ui/LogView.h"
#include "ui/MainWindow.h"

#include <QAbstractSeries>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QCommandLineParser>
#include <QDir>
#include <QLineSeries>
#include <QListWidget>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>

using namespace auth::console;

namespace {

// Charts whose plotted series have at least one non-zero point.
int chartsWithData(DashboardView& dashboard)
{
    int withData = 0;
    for (const QString& name : DashboardView::chartNames()) {
        QChartView* view = dashboard.chartView(name);
        if (!view)
            continue;
        bool any = false;
        for (QAbstractSeries* series : view->chart()->series()) {
            auto* line = qobject_cast<QXYSeries*>(series);
            if (!line)
                continue;
            for (const QPointF& point : line->points())
                any = any || point.y() > 0;
        }
        withData += any ? 1 : 0;
    }
    return withData;
}

bool save(QWidget& window, const QString& path)
{
    QTest::qWait(500); // let the last repaint land
    const QPixmap shot = window.grab();
    if (!shot.save(path, "PNG")) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        return false;
    }
    std::printf("wrote %s (%dx%d)\n", qPrintable(path), shot.width(), shot.height());
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("auth-console"));
    QStandardPaths::setTestModeEnabled(true);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions(
        {{QStringLiteral("server"), QStringLiteral("Server URL."), QStringLiteral("url")},
         {QStringLiteral("fingerprint"), QStringLiteral("Pinned SHA-256."), QStringLiteral("hex")},
         {QStringLiteral("email"), QStringLiteral("Admin e-mail."), QStringLiteral("email")},
         {QStringLiteral("out"), QStringLiteral("Output directory."), QStringLiteral("dir")},
         {QStringLiteral("filter"), QStringLiteral("Security log filter."), QStringLiteral("text"),
          QStringLiteral("type:authentication_failure since:1h")},
         {QStringLiteral("range"), QStringLiteral("Dashboard range."), QStringLiteral("range"),
          QStringLiteral("15m")},
         {QStringLiteral("suffix"), QStringLiteral("File name suffix."), QStringLiteral("text")},
         {QStringLiteral("lang"), QStringLiteral("en or de."), QStringLiteral("code"),
          QStringLiteral("en")}});
    parser.process(app);
    const QString password = qEnvironmentVariable("AUTH_SCREENSHOT_PASSWORD");
    if (!parser.isSet(QStringLiteral("server")) || !parser.isSet(QStringLiteral("email"))
        || !parser.isSet(QStringLiteral("out")) || password.isEmpty()) {
        std::fprintf(stderr, "needs --server, --email, --out and AUTH_SCREENSHOT_PASSWORD\n");
        return 2;
    }
    const QDir out(parser.value(QStringLiteral("out")));
    const QString suffix = parser.value(QStringLiteral("suffix"));

    QTemporaryDir settingsDir;
    ConsoleSettings settings(settingsDir.filePath(QStringLiteral("console.ini")));
    LanguageManager languages;
    languages.setLanguage(parser.value(QStringLiteral("lang")));
    MainWindow window(settings, languages);
    // scripts/screenshots runs this inside a private keyring (tests/console/with-keyring).
    window.secrets().setServiceName(QStringLiteral("auth-console-screenshots"));
    window.resize(1440, 900);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;

    ServerProfile profile;
    profile.url = QUrl(parser.value(QStringLiteral("server")));
    profile.pinnedSha256 = parser.value(QStringLiteral("fingerprint")).toLatin1();
    window.connectTo(profile);
    if (!QTest::qWaitFor([&] { return window.connection().state() == ServerConnection::State::Online; },
                         30000)) {
        std::fprintf(stderr, "the server did not answer\n");
        return 1;
    }
    // The range first: signing in fetches the dashboard once, for the range shown.
    DashboardView& dashboard = *window.dashboard();
    dashboard.setRange(parser.value(QStringLiteral("range")));
    window.tabs()->setCurrentWidget(&dashboard);
    window.session().signIn(parser.value(QStringLiteral("email")), password);
    if (!QTest::qWaitFor([&] { return window.session().isSignedIn(); }, 30000)) {
        std::fprintf(stderr, "sign-in failed\n");
        return 1;
    }

    dashboard.refresh();
    const int wanted = int(DashboardView::chartNames().size()) - 1; // rate-limit triggers may stay at 0
    if (!QTest::qWaitFor([&] { return chartsWithData(dashboard) >= wanted; }, 60000))
        std::fprintf(stderr, "only %d charts have data\n", chartsWithData(dashboard));
    auto* topIps = dashboard.findChild<QListWidget*>(QStringLiteral("topIpsList"));
    if (!QTest::qWaitFor([&] { return topIps && topIps->count() > 0; }, 15000))
        std::fprintf(stderr, "no top source IPs listed\n");
    QTest::qWait(1000);
    if (!save(window, out.filePath(QStringLiteral("dashboard%1.png").arg(suffix))))
        return 1;

    LogView& log = *window.logView();
    window.tabs()->setCurrentWidget(&log);
    log.setFilter(parser.value(QStringLiteral("filter")));
    if (!QTest::qWaitFor([&] { return log.model()->rowCount() > 0 && !log.model()->isLoading(); }, 30000)) {
        std::fprintf(stderr, "the filtered log stayed empty\n");
        return 1;
    }
    log.table()->setCurrentIndex(log.model()->index(std::min(3, log.model()->rowCount() - 1), 0));
    if (!save(window, out.filePath(QStringLiteral("log-filtered%1.png").arg(suffix))))
        return 1;
    window.session().signOut();
    QTest::qWait(300);
    return 0;
}
