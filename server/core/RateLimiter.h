#pragma once

#include "http/HttpResponse.h"

#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QMutex>
#include <atomic>
#include <optional>

namespace auth::state {
class StateStore;
}

namespace auth::core {

// Per-source-IP token buckets on the authentication endpoints
// (RATE_LIMIT_PER_IP_PER_MINUTE refill, RATE_LIMIT_BURST capacity). A refusal
// is a 429 with Retry-After and the RateLimit-* fields, and is counted for the
// `rate_limiting` object of /security/threats/metrics.
class RateLimiter
{
public:
    RateLimiter(state::StateStore* store, int perMinute, int burst);

    // nullopt when allowed; otherwise the response to send.
    std::optional<http::HttpResponse> check(const QHostAddress& client,
                                            const QString& bucket = QStringLiteral("auth"));
    QJsonObject metrics() const;
    int perMinute() const { return m_perMinute; }
    int burst() const { return m_burst; }

private:
    state::StateStore* m_store;
    int m_perMinute;
    int m_burst;
    std::atomic<quint64> m_checked {0};
    std::atomic<quint64> m_triggered {0};
    mutable QMutex m_mutex;
    QHash<QString, quint64> m_triggersByIp;
};

} // namespace auth::core
