// Filtered pages of GET /admin/events over one million security events in SQLite:
//   bench-events [database file (default: a temporary file)] [events, default 1000000]
// Fills a fresh database through the real migrations and EventStore::insertBatch,
// then times EventStore::query() (the handler's query, limit 100) for typical
// filters, each run 7 times after one warm-up; prints median and max in ms, the
// rows returned, and the baseline unfiltered page of the same run.
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

struct Weighted
{
    const char* type;
    Severity severity;
    int weight;
};

constexpr Weighted kTypes[] = {
    {"authentication_success", Severity::Info, 380}, {"authentication_failure", Severity::Low, 250},
    {"jwt_generation", Severity::Info, 200},         {"mfa_verification", Severity::Info, 60},
    {"token_revoked", Severity::Info, 30},           {"rate_limit_exceeded", Severity::Medium, 25},
    {"admin_action", Severity::Medium, 15},          {"security_violation", Severity::High, 10},
    {"account_locked", Severity::High, 8},           {"suspicious_activity", Severity::High, 8},
    {"password_changed", Severity::Medium, 5},       {"key_rotation", Severity::Info, 1},
    {"refresh_token_reuse", Severity::High, 2},      {"alert_fired", Severity::Critical, 1},
};

const char* kReasons[] = {"invalid_password", "unknown_user",  "account_locked",
                          "mfa_required",     "expired_token", "admin_network_not_allowed"};
const char* kAgents[] = {"Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0", "curl/7.88.1",
                         "python-requests/2.31", "okhttp/4.12.0", "Mozilla/5.0 (Macintosh) Safari/17.1"};

StoredEvent synthetic(QRandomGenerator& random, qint64 timeMs)
{
    int total = 0;
    for (const Weighted& w : kTypes)
        total += w.weight;
    int pick = int(random.bounded(total));
    const Weighted* chosen = &kTypes[0];
    for (const Weighted& w : kTypes) {
        if (pick < w.weight) {
            chosen = &w;
            break;
        }
        pick -= w.weight;
    }
    StoredEvent event;
    event.timeMs = timeMs;
    event.type = QLatin1String(chosen->type);
    event.severity = chosen->severity;
    const int user = int(random.bounded(20000));
    event.userId = QStringLiteral("8f1d2c3a-0000-4000-8000-%1").arg(user, 12, 10, QLatin1Char('0'));
    event.userEmail = QStringLiteral("user%1@example.com").arg(user);
    // Mostly a few busy networks, some scattered addresses, a little IPv6.
    const quint32 r = random.generate();
    if (r % 10 < 6)
        event.sourceIp
            = QStringLiteral("10.%1.%2.%3").arg(r % 40).arg((r >> 8) % 256).arg((r >> 16) % 254 + 1);
    else if (r % 10 < 9)
        event.sourceIp = QStringLiteral("%1.%2.%3.%4")
                             .arg((r >> 3) % 200 + 11)
                             .arg((r >> 11) % 256)
                             .arg((r >> 19) % 256)
                             .arg(r % 254 + 1);
    else
        event.sourceIp = QStringLiteral("2001:db8:%1::%2").arg((r >> 4) % 64, 0, 16).arg(r % 4096, 0, 16);
    event.requestId = QString::number(random.generate64(), 16);
    event.details = {{QStringLiteral("reason"), QLatin1String(kReasons[random.bounded(6)])},
                     {QStringLiteral("user_agent"), QLatin1String(kAgents[random.bounded(5)])},
                     {QStringLiteral("path"), QStringLiteral("/api/v1/auth/login")}};
    if (random.bounded(20000) == 0)
        event.details.insert(QStringLiteral("note"), QStringLiteral("needle-%1").arg(random.bounded(10)));
    return event;
}

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
    const qint64 spanMs = 30LL * 86'400'000; // 30 days of history
    QElapsedTimer fill;
    fill.start();
    const qint64 existing = database
                                .run([](QSqlDatabase& db) {
                                    QSqlQuery q(db);
                                    q.exec(QStringLiteral("SELECT COUNT(*) FROM security_events"));
                                    return q.next() ? q.value(0).toLongLong() : 0;
                                })
                                .result();
    if (existing < count) {
        database
            .run([&](QSqlDatabase& db) {
                QRandomGenerator random(20261128);
                QList<StoredEvent> batch;
                for (qint64 i = existing; i < count; ++i) {
                    batch.append(synthetic(random, nowMs - spanMs + i * spanMs / count));
                    if (batch.size() == 20'000 || i == count - 1) {
                        QString insertError;
                        if (!EventStore::insertBatch(db, batch, &insertError)) {
                            std::fprintf(stderr, "insert failed: %s\n", qPrintable(insertError));
                            std::exit(1);
                        }
                        batch.clear();
                    }
                }
                QSqlQuery(db).exec(QStringLiteral("ANALYZE"));
            })
            .waitForFinished();
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
