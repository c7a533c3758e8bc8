// The console's security log over a million events, measured where the operator
// feels it: the longest stall of the GUI thread's event loop.
//   bench-log-stall [database file (default: a temporary file)] [events, default 1000000]
// Fills SQLite through the real migrations and EventStore::insertBatch (or reuses
// the file), starts the real auth-service on it (loopback, HTTPS, temp dirs),
// signs in as the bootstrap admin and shows the real LogView over GET
// /admin/events in a window (offscreen unless QT_QPA_PLATFORM says otherwise).
// A 2 ms ticker records the gaps between its ticks while a script scrolls deep
// pages, jumps around, pages with the keyboard, types and applies filters; the
// same ticker over the idle window is the baseline of the same run.
#include "SyntheticEvents.h"
#include "client/ApiClient.h"
#include "client/AuthSession.h"
#include "client/EventSource.h"
#include "client/EventTableModel.h"
#include "client/SecretStore.h"
#include "storage/Database.h"
#include "support/TestServer.h"
#include "ui/LogView.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <functional>

using namespace auth;
using namespace auth::console;

namespace {

const QString AdminEmail = QStringLiteral("bench-admin@example.com");
const QString AdminPassword = QStringLiteral("Granite-Harbour-Willow-58");

// Gaps between the ticks of a fast timer: how long the event loop was away.
class StallMeter : public QObject
{
public:
    explicit StallMeter(int intervalMs)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(intervalMs);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 gapUs = m_sinceTick.nsecsElapsed() / 1000;
            m_sinceTick.restart();
            m_gapsUs.append(gapUs);
        });
    }

    void start()
    {
        m_gapsUs.clear();
        m_sinceTick.start();
        m_timer.start();
    }

    void stop() { m_timer.stop(); }

    double longestMs() const
    {
        return m_gapsUs.isEmpty() ? 0 : double(*std::max_element(m_gapsUs.begin(), m_gapsUs.end())) / 1000;
    }

    double percentileMs(double p) const
    {
        if (m_gapsUs.isEmpty())
            return 0;
        QList<qint64> sorted = m_gapsUs;
        std::sort(sorted.begin(), sorted.end());
        return double(sorted.at(std::min<qsizetype>(sorted.size() - 1, qsizetype(p * sorted.size())))) / 1000;
    }

    int over(double ms) const
    {
        return int(
            std::count_if(m_gapsUs.begin(), m_gapsUs.end(), [ms](qint64 us) { return us > ms * 1000; }));
    }

private:
    QTimer m_timer;
    QElapsedTimer m_sinceTick;
    QList<qint64> m_gapsUs;
};

struct Phase
{
    QString name;
    qint64 wallMs = 0;
    int rows = 0;
    double longestMs = 0;
    double p99Ms = 0;
    int over16 = 0;
    int over50 = 0;
};

bool waitLoaded(LogView& view, int timeoutMs = 30000)
{
    return QTest::qWaitFor([&] { return !view.model()->isLoading(); }, timeoutMs);
}

// Scrolls to the end `pages` times, each time waiting for the page it fetched,
// as an operator dragging the scroll bar down does.
void scrollDeep(LogView& view, int pages)
{
    for (int i = 0; i < pages && view.model()->canFetchMore({}); ++i) {
        view.table()->scrollToBottom();
        QTest::qWait(1);
        waitLoaded(view);
    }
}

// Reading the rows already loaded: random jumps and keyboard paging.
void browse(LogView& view, QRandomGenerator& random)
{
    QScrollBar* bar = view.table()->verticalScrollBar();
    for (int i = 0; i < 40; ++i) {
        bar->setValue(int(random.bounded(std::max(1, bar->maximum()))));
        QTest::qWait(5);
    }
    view.table()->setFocus();
    view.table()->setCurrentIndex(view.model()->index(0, 0));
    for (int i = 0; i < 40; ++i) {
        QTest::keyClick(view.table(), Qt::Key_PageDown);
        QTest::qWait(3);
    }
    QTest::keyClick(view.table(), Qt::Key_End, Qt::ControlModifier);
    QTest::qWait(5);
    waitLoaded(view);
}

// Types the filter as a user would (validated on every key), then applies it.
void typeFilter(LogView& view, const QString& text)
{
    auto* edit = view.findChild<QLineEdit*>(QStringLiteral("filterEdit"));
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text, Qt::NoModifier, 2);
    QTest::keyClick(edit, Qt::Key_Return);
    QTest::qWait(1);
    waitLoaded(view);
}

} // namespace

int main(int argc, char** argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const QStringList args = app.arguments();
    QTemporaryDir dir;
    const QString path = args.size() > 1 ? args.at(1) : dir.filePath(QStringLiteral("events.db"));
    const qint64 count = args.size() > 2 ? args.at(2).toLongLong() : 1'000'000;

    // The table, through the server's own migrations and event store.
    QElapsedTimer fill;
    fill.start();
    qint64 existing = 0;
    {
        QString error;
        auto url = storage::DatabaseUrl::parse(QStringLiteral("sqlite:") + path, dir.path(), &error);
        if (!url) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        storage::Database database(*url);
        if (!database.open(&error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        existing = bench::fillSecurityEvents(database, count, QDateTime::currentMSecsSinceEpoch(), &error);
        if (existing < 0) {
            std::fprintf(stderr, "insert failed: %s\n", qPrintable(error));
            return 1;
        }
    }
    const double fillSecs = double(fill.elapsed()) / 1000;

    test::TestServer server;
    server.setEnv(QStringLiteral("DATABASE_URL"), QStringLiteral("sqlite:") + path);
    // The data directory (the master key that seals the signing keys) lives
    // beside the database, so a reused file starts again.
    const QString dataDir = path + QStringLiteral(".data");
    QDir().mkpath(dataDir);
    QFile::setPermissions(dataDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    server.setEnv(QStringLiteral("DATA_DIR"), dataDir);
    server.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_EMAIL"), AdminEmail);
    server.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_PASSWORD"), AdminPassword);
    server.setEnv(QStringLiteral("LOG_LEVEL"), QStringLiteral("info"));
    server.setEnv(QStringLiteral("RATE_LIMIT_PER_IP_PER_MINUTE"), QStringLiteral("100000"));
    server.setEnv(QStringLiteral("RATE_LIMIT_BURST"), QStringLiteral("100000"));
    if (!server.start(60000)) {
        std::fprintf(stderr, "auth-service did not start:\n%s\n", server.processOutput().constData());
        return 1;
    }

    ApiClient client;
    ServerProfile profile;
    profile.url = QUrl(server.baseUrl());
    profile.pinnedSha256 = server.certificateSha256();
    if (const QString error = client.setProfile(profile); !error.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    SecretStore secrets;
    secrets.setMemoryOnly(true, QStringLiteral("benchmark"));
    AuthSession session(client, secrets);
    session.signIn(AdminEmail, AdminPassword);
    if (!QTest::qWaitFor([&] { return session.isSignedIn(); }, 30000)) {
        std::fprintf(stderr, "sign-in failed (state %d)\n", int(session.state()));
        return 1;
    }

    ApiEventSource source(session);
    LogView view(source, client);
    view.resize(1280, 800);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view))
        return 1;

    const int tickMs = 2;
    StallMeter meter(tickMs);
    QList<Phase> phases;
    QRandomGenerator random(7);
    auto measure = [&](const QString& name, const std::function<void()>& script) {
        QTest::qWait(200); // let the previous phase's paint and network settle
        meter.start();
        QElapsedTimer wall;
        wall.start();
        script();
        meter.stop();
        phases.append({name, wall.elapsed(), view.model()->rowCount(), meter.longestMs(),
                       meter.percentileMs(0.99), meter.over(16), meter.over(50)});
    };

    const QString tenDaysAgo = QDateTime::currentDateTimeUtc().addDays(-10).toString(Qt::ISODate);
    const QString tenDaysAgoPlus6h
        = QDateTime::currentDateTimeUtc().addDays(-10).addSecs(6 * 3600).toString(Qt::ISODate);

    measure(QStringLiteral("baseline: idle window, 5 s"), [] { QTest::qWait(5000); });
    measure(QStringLiteral("first page, no filter"), [&] {
        view.reload();
        waitLoaded(view);
    });
    measure(QStringLiteral("scroll 150 pages deep (30,000 rows)"), [&] { scrollDeep(view, 150); });
    measure(QStringLiteral("jump around + PageDown x40 + Ctrl+End"), [&] { browse(view, random); });
    measure(QStringLiteral("type + apply: type:authentication_failure"), [&] {
        typeFilter(view, QStringLiteral("type:authentication_failure"));
        scrollDeep(view, 40);
    });
    measure(QStringLiteral("type + apply: ip:10.3.0.0/16"), [&] {
        typeFilter(view, QStringLiteral("ip:10.3.0.0/16"));
        scrollDeep(view, 20);
    });
    measure(QStringLiteral("type + apply: user:user4242@example.com"), [&] {
        typeFilter(view, QStringLiteral("user:user4242@example.com"));
        scrollDeep(view, 5);
    });
    measure(QStringLiteral("text + 6 h window 10 days ago, -type"), [&] {
        typeFilter(view,
                   QStringLiteral("\"invalid_password\" since:%1 until:%2 -type:jwt_generation")
                       .arg(tenDaysAgo, tenDaysAgoPlus6h));
        scrollDeep(view, 20);
    });
    measure(QStringLiteral("clear filter, scroll 100 pages, browse"), [&] {
        view.setFilter(QString());
        waitLoaded(view);
        scrollDeep(view, 100);
        browse(view, random);
    });
    measure(QStringLiteral("filter changes while pages are in flight"), [&] {
        const QStringList filters {QStringLiteral("type:authentication_failure"),
                                   QStringLiteral("ip:10.0.0.0/8"), QStringLiteral("severity:high"),
                                   QStringLiteral("-type:jwt_generation"), QString()};
        for (int round = 0; round < 4; ++round) {
            for (const QString& filter : filters) {
                view.setFilter(filter);
                view.table()->scrollToBottom();
                QTest::qWait(15);
            }
        }
        waitLoaded(view);
    });

    const Phase& baseline = phases.first();
    double worst = 0;
    for (int i = 1; i < phases.size(); ++i)
        worst = std::max(worst, phases.at(i).longestMs);
    std::printf("console log stall benchmark, %lld events in SQLite (%s, %.1f s), page %d, ticker %d ms, "
                "platform %s\n",
                count, existing >= count ? "reused file" : "filled", fillSecs,
                EventTableModel::DefaultPageSize, tickMs, qPrintable(QGuiApplication::platformName()));
    std::printf("%-46s %8s %8s %11s %8s %6s %6s\n", "phase", "wall ms", "rows", "longest ms", "p99 ms",
                ">16ms", ">50ms");
    for (const Phase& p : phases)
        std::printf("%-46s %8lld %8d %11.1f %8.1f %6d %6d\n", qPrintable(p.name), p.wallMs, p.rows,
                    p.longestMs, p.p99Ms, p.over16, p.over50);
    std::printf("longest stall while scrolling/filtering: %.1f ms (baseline idle %.1f ms, ratio %.2f); "
                "target 100 ms: %s\n",
                worst, baseline.longestMs, baseline.longestMs > 0 ? worst / baseline.longestMs : 0.0,
                worst <= 100 ? "met" : "MISSED");
    return worst <= 100 ? 0 : 3;
}
