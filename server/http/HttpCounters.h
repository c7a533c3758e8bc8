#pragma once

#include <QJsonObject>
#include <atomic>

namespace auth::http {

// Process-wide request counters, updated from every worker thread.
struct HttpCounters
{
    std::atomic<quint64> requestsTotal {0};
    std::atomic<quint64> responses2xx {0};
    std::atomic<quint64> responses3xx {0};
    std::atomic<quint64> responses4xx {0};
    std::atomic<quint64> responses5xx {0};
    std::atomic<quint64> rejectedTooLarge {0};
    std::atomic<quint64> rejectedMalformed {0};
    std::atomic<quint64> rejectedTimeout {0};
    std::atomic<quint64> rejectedHeaders {0};
    std::atomic<quint64> rejectedConnections {0};
    std::atomic<int> connectionsOpen {0};

    void countStatus(int status)
    {
        auto& counter = status >= 500 ? responses5xx
            : status >= 400           ? responses4xx
            : status >= 300           ? responses3xx
                                      : responses2xx;
        counter.fetch_add(1, std::memory_order_relaxed);
    }

    QJsonObject toJson() const
    {
        auto n = [](const std::atomic<quint64>& v) { return double(v.load(std::memory_order_relaxed)); };
        return {{QStringLiteral("requests_total"), n(requestsTotal)},
                {QStringLiteral("responses_2xx"), n(responses2xx)},
                {QStringLiteral("responses_3xx"), n(responses3xx)},
                {QStringLiteral("responses_4xx"), n(responses4xx)},
                {QStringLiteral("responses_5xx"), n(responses5xx)},
                {QStringLiteral("rejected_too_large"), n(rejectedTooLarge)},
                {QStringLiteral("rejected_malformed"), n(rejectedMalformed)},
                {QStringLiteral("rejected_timeout"), n(rejectedTimeout)},
                {QStringLiteral("rejected_headers"), n(rejectedHeaders)},
                {QStringLiteral("rejected_connections"), n(rejectedConnections)}};
    }
};

} // namespace auth::http
