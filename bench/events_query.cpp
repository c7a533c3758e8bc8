// Filtered pages of GET /admin/events over one million security events in SQLite:
//   bench-events [database file (default: a temporary file)] [events, default 1000000]
// Fills a fresh database through the real migrations and EventStore::insertBatch,
// then times EventStore::query() (the handler's query, limit 100) for typical
// filters, each run 7 times after one warm-up; prints median and max in ms, the
// rows returned, and the baseline unfiltered page of the same run.
#include "SyntheticEvents.h"
#include "events/EventFilter.h"
#include "events/EventStore.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <algorithm>
#include <cstdio>
#include <cstdlib>

using namespace auth;
using auth::events::EventFilter;
using auth::events::EventStore;
using auth::events::StoredEvent;

namespace {

struct Timing
{
    double median = 0;
    double max = 0;
    int rows = 0;
};

Timing timeQuery(storage::Database& database, const EventFilter& filter, qint64 before)
{
    return database
        .run([&](QSqlDatabase& db) {
            QList<double> runs;
            int rows = 0;
            for (int i = 0; i < 8; ++i) {
                QElapsedTimer timer;
                timer.start();
                QString error;
                const auto page = EventStore::query(db, filter, before, 100, &error);
                const double ms = double(timer.nsecsElapsed()) / 1e6;
                if (!page) {
                    std::fprintf(stderr, "query failed: %s\n", qPrintable(error));
                    return Timing {};
                }
                rows = int(page->events.size());
                if (i > 0)
                    runs.append(ms);
            }
            std::sort(runs.begin(), runs.end());
            return Timing {runs[runs.size() / 2], runs.last(), rows};
        })
        .result();
}

EventFilter filterOf(const QString& query)
{
    auto parsed = EventFilter::parse(QUrlQuery(query));
    if (!std::holds_alternative<EventFilter>(parsed)) {
        std::fprintf(stderr, "bad filter %s\n", qPrintable(query));
        std::exit(2);
    }
    return std::get<EventFilter>(parsed);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTemporaryDir dir;
    const QString path = args.size() > 1 ? args.at(1) : dir.filePath(QStringLiteral("events.db"));
    const qint64 count = args.size() > 2 ? args.at(2).toLongLong() : 1'000'000;

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

    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    QElapsedTimer fill;
    fill.start();
    const qint64 existing = bench::fillSecurityEvents(database, count, nowMs, &error);
    if (existing < 0) {
        std::fprintf(stderr, "insert failed: %s\n", qPrintable(error));
        return 1;
    }
    const double fillSecs = double(fill.elapsed()) / 1000;

    const qint64 dayAgo10 = (nowMs - 10LL * 86'400'000) / 1000;
    const QString window = QStringLiteral("since=%1&until=%2").arg(dayAgo10).arg(dayAgo10 + 3600);
    struct Case
    {
        const char* name;
        QString query;
        qint64 before = 0;
    };
    const QList<Case> cases = {
        {"baseline: no filter, newest page", QString()},
        {"type=authentication_failure", QStringLiteral("type=authentication_failure")},
        {"type=account_locked,refresh_token_reuse",
         QStringLiteral("type=account_locked,refresh_token_reuse")},
        {"severity=high (minimum)", QStringLiteral("severity=high")},
        {"ip=10.3.0.0/16 (CIDR)", QStringLiteral("ip=10.3.0.0/16")},
        {"ip=10.3.7.0/24 (CIDR)", QStringLiteral("ip=10.3.7.0/24")},
        {"ip=2001:db8:2a::/48 (IPv6 CIDR)", QStringLiteral("ip=2001:db8:2a::/48")},
        {"user=user4242@example.com", QStringLiteral("user=user4242%40example.com")},
        {"user=<id>", QStringLiteral("user=8f1d2c3a-0000-4000-8000-000000004242")},
        {"since/until: one hour, 10 days ago", window},
        {"type + one hour window", QStringLiteral("type=authentication_failure&") + window},
        {"q=unknown_user (common text)", QStringLiteral("q=unknown_user")},
        {"q=needle-7 (rare text, ~5 matches)", QStringLiteral("q=needle-7")},
        {"q=needle-7 + one hour window", QStringLiteral("q=needle-7&") + window},
        {"deep cursor: no filter, id < 500000", QString(), 500'000},
        {"deep cursor: type=authentication_failure, id < 200000",
         QStringLiteral("type=authentication_failure"), 200'000},
        {"deep cursor: ip=10.3.0.0/16, id < 100000", QStringLiteral("ip=10.3.0.0/16"), 100000},
    };
    std::printf("events query benchmark, %lld events in SQLite (%s), filled in %.1f s, limit 100\n", count,
                existing >= count ? "reused file" : "fresh", fillSecs);
    std::printf("%-52s %10s %10s %6s\n", "filter", "median ms", "max ms", "rows");
    for (const Case& c : cases) {
        const Timing t = timeQuery(database, filterOf(c.query), c.before);
        std::printf("%-52s %10.2f %10.2f %6d\n", c.name, t.median, t.max, t.rows);
    }
    return 0;
}
