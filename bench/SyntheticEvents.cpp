#include "SyntheticEvents.h"

#include "storage/Database.h"

#include <QSqlQuery>

namespace auth::bench {

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

} // namespace

events::StoredEvent syntheticEvent(QRandomGenerator& random, qint64 timeMs)
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
    events::StoredEvent event;
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

qint64 fillSecurityEvents(storage::Database& database, qint64 count, qint64 nowMs, QString* error)
{
    const qint64 spanMs = 30LL * 86'400'000; // 30 days of history
    return database
        .run([&](QSqlDatabase& db) -> qint64 {
            QSqlQuery q(db);
            q.exec(QStringLiteral("SELECT COUNT(*) FROM security_events"));
            const qint64 existing = q.next() ? q.value(0).toLongLong() : 0;
            q.finish();
            if (existing >= count)
                return existing;
            // A throwaway benchmark file: no fsync, and a cache big enough that the
            // random-order indexes (user, ip) are updated in memory.
            q.exec(QStringLiteral("PRAGMA synchronous=OFF"));
            q.exec(QStringLiteral("PRAGMA cache_size=-524288"));
            QRandomGenerator random(20261128);
            QList<events::StoredEvent> batch;
            for (qint64 i = existing; i < count; ++i) {
                batch.append(syntheticEvent(random, nowMs - spanMs + i * spanMs / count));
                if (batch.size() == 20'000 || i == count - 1) {
                    if (!events::EventStore::insertBatch(db, batch, error))
                        return -1;
                    batch.clear();
                }
            }
            q.exec(QStringLiteral("ANALYZE"));
            q.exec(QStringLiteral("PRAGMA synchronous=FULL"));
            return existing;
        })
        .result();
}

} // namespace auth::bench
