#pragma once

#include "events/SecurityEvent.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>
#include <array>
#include <optional>
#include <vector>

namespace auth::metrics {

// In-process counters fed from the event path (every recorded security event)
// and from the HTTP layer (every response): sliding 1- and 5-minute windows with
// per-IP tallies, request latency percentiles, per-minute history for 7 days,
// and monotonic totals for Prometheus. Thread-safe; all methods are cheap.
class Metrics
{
public:
    enum Counter {
        LoginSuccess,
        LoginFailure,
        MfaSuccess,
        MfaFailure,
        RateLimited,
        Lockouts,
        Suspicious,
        TokensIssued,
        CriticalEvents,
        CounterCount
    };
    using Counts = std::array<quint64, CounterCount>;

    struct Percentiles
    {
        quint64 count = 0;
        double p50 = 0;
        double p95 = 0;
        double p99 = 0;
    };
    struct MinutePoint
    {
        qint64 minute = 0; // unix minutes
        Counts counts {};
        Percentiles latency;
    };
    struct RouteStats
    {
        QString route;
        QByteArray method;
        std::array<quint64, 12> buckets {}; // cumulative counts per bucketBounds(), last is +Inf
        double sumSeconds = 0;
        quint64 count = 0;
    };
    struct RequestKey
    {
        QString route;
        QByteArray method;
        int status = 0;
        friend bool operator==(const RequestKey& a, const RequestKey& b)
        {
            return a.status == b.status && a.route == b.route && a.method == b.method;
        }
        friend size_t qHash(const RequestKey& key, size_t seed = 0)
        {
            return qHashMulti(seed, key.route, key.method, key.status);
        }
    };
    struct Totals
    {
        Counts counts {};
        QHash<QPair<QString, int>, quint64> eventsByTypeSeverity;
        QHash<RequestKey, quint64> requests;
        QList<RouteStats> routes;
    };

    Metrics();

    void onEvent(const SecurityEvent& event);
    // `route` is the matched pattern ("/admin/users/{id}/lock") or "unmatched".
    void onRequest(const QString& route, const QByteArray& method, int status, double seconds,
                   const QString& clientIp);

    Counts window(int seconds) const; // seconds <= 300
    QList<QPair<QString, quint64>> topFailureIps(int seconds, int n) const;
    QList<QPair<QString, quint64>> topRateLimitedIps(int seconds, int n) const;
    quint64 maxFailuresFromOneIp(int seconds, QString* ip = nullptr) const;
    Percentiles latency(int seconds) const; // seconds <= 300
    // Complete minutes in [fromMinute, toMinute), oldest first; at most 7 days back.
    QList<MinutePoint> minutes(qint64 fromMinute, qint64 toMinute) const;
    Totals totals() const;

    static const std::array<double, 11>& bucketBounds(); // seconds, Prometheus histogram
    // Whether `event` reports a success (true), a failure (false) or neither.
    static std::optional<bool> outcome(const SecurityEvent& event);

private:
    static constexpr int WindowSeconds = 300;
    static constexpr int HistoryMinutes = 7 * 24 * 60;
    static constexpr int LatencyBuckets = 160;
    using Histogram = std::array<quint32, LatencyBuckets>;

    struct Second
    {
        qint64 second = -1;
        Counts counts {};
        QHash<QString, quint32> failuresByIp;
        QHash<QString, quint32> limitedByIp;
        Histogram latency {};
    };
    struct Minute
    {
        qint64 minute = -1;
        Counts counts {};
        Percentiles latency;
    };

    Second& slotFor(qint64 second); // locked
    void rollMinute(qint64 minute); // locked
    void count(Counter counter, const QString& ip, qint64 nowMs); // locked
    static int latencyBucket(double ms);
    static double bucketUpperMs(int bucket);
    static Percentiles percentiles(const Histogram& histogram);
    QList<QPair<QString, quint64>> topIps(int seconds, int n, bool failures) const;

    mutable QMutex m_mutex;
    std::vector<Second> m_seconds;
    std::vector<Minute> m_minutes;
    qint64 m_currentMinute = -1;
    Counts m_minuteCounts {};
    Histogram m_minuteLatency {};
    Totals m_totals;
    QHash<QPair<QString, QByteArray>, int> m_routeIndex;
};

} // namespace auth::metrics
