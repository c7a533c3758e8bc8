#include "core/RateLimiter.h"

#include "core/Clock.h"
#include "core/Events.h"
#include "events/SecurityEvent.h"
#include "logging/Logger.h"
#include "state/StateStore.h"

#include <QJsonArray>
#include <algorithm>

namespace auth::core {

RateLimiter::RateLimiter(state::StateStore* store, int perMinute, int burst)
    : m_store(store)
    , m_perMinute(perMinute)
    , m_burst(burst)
{
}

std::optional<http::HttpResponse> RateLimiter::check(const QHostAddress& client, const QString& bucket)
{
    m_checked.fetch_add(1, std::memory_order_relaxed);
    const QString ip = client.toString();
    const state::RateDecision decision
        = m_store->consume(bucket + QLatin1Char(':') + ip, m_perMinute, m_burst, Clock::nowMs());
    if (decision.allowed)
        return std::nullopt;
    m_triggered.fetch_add(1, std::memory_order_relaxed);
    bool firstTrigger = false;
    {
        QMutexLocker lock(&m_mutex);
        if (m_triggersByIp.size() < 100'000 || m_triggersByIp.contains(ip))
            firstTrigger = m_triggersByIp[ip]++ == 0;
    }
    const qint64 retrySecs = std::max<qint64>(1, (decision.retryAfterMs + 999) / 1000);
    http::HttpResponse response = http::HttpResponse::error(
        429, QStringLiteral("rate_limited"),
        QStringLiteral("Too many requests from this address; retry in %1 s").arg(retrySecs));
    response.setHeader("Retry-After", QByteArray::number(retrySecs));
    response.setHeader("RateLimit-Limit", QByteArray::number(decision.limit));
    response.setHeader("RateLimit-Remaining", "0");
    response.setHeader("RateLimit-Reset",
                       QByteArray::number(std::max<qint64>(1, (decision.resetMs + 999) / 1000)));
    response.setHeader("RateLimit-Policy",
                       QByteArray::number(m_burst)
                           + ";w=" + QByteArray::number(60 * m_burst / std::max(1, m_perMinute)));
    // One event per address and burst of refusals is enough to see an attack.
    if (firstTrigger || m_triggered.load() % 100 == 0) {
        auto event = SecurityEvent::make(
            events::RateLimitExceeded, Severity::Medium,
            {{QStringLiteral("bucket"), bucket}, {QStringLiteral("retry_after"), retrySecs}});
        event.sourceIp = ip;
        recordEvent(event);
    }
    return response;
}

QJsonObject RateLimiter::metrics() const
{
    QList<std::pair<QString, quint64>> top;
    {
        QMutexLocker lock(&m_mutex);
        for (auto it = m_triggersByIp.cbegin(); it != m_triggersByIp.cend(); ++it)
            top.append({it.key(), it.value()});
    }
    std::sort(top.begin(), top.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    QJsonArray topIps;
    for (qsizetype i = 0; i < std::min<qsizetype>(10, top.size()); ++i)
        topIps.append(QJsonObject {{QStringLiteral("ip"), top[i].first},
                                   {QStringLiteral("triggers"), double(top[i].second)}});
    return {{QStringLiteral("enabled"), true},
            {QStringLiteral("per_ip_per_minute"), m_perMinute},
            {QStringLiteral("burst"), m_burst},
            {QStringLiteral("requests_checked"), double(m_checked.load())},
            {QStringLiteral("triggers_total"), double(m_triggered.load())},
            {QStringLiteral("top_limited_ips"), topIps}};
}

} // namespace auth::core
