#include "metrics/Metrics.h"

#include "core/Clock.h"
#include "events/EventCatalog.h"

#include <algorithm>
#include <cmath>

namespace auth::metrics {

namespace {

constexpr double FirstBucketMs = 0.05;
constexpr double BucketRatio = 1.1;

} // namespace

Metrics::Metrics()
    : m_seconds(WindowSeconds)
    , m_minutes(HistoryMinutes)
{
}

const std::array<double, 11>& Metrics::bucketBounds()
{
    static const std::array<double, 11> bounds {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    return bounds;
}

std::optional<bool> Metrics::outcome(const SecurityEvent& event)
{
    const QJsonValue result = event.details.value(QStringLiteral("result"));
    if (result.isString()) {
        const QString text = result.toString().toLower();
        if (text == QLatin1String("success") || text == QLatin1String("ok")
            || text == QLatin1String("verified"))
            return true;
        if (text.startsWith(QLatin1String("fail")) || text == QLatin1String("invalid")
            || text == QLatin1String("rejected"))
            return false;
    }
    const QJsonValue success = event.details.value(QStringLiteral("success"));
    if (success.isBool())
        return success.toBool();
    return std::nullopt;
}

int Metrics::latencyBucket(double ms)
{
    if (ms <= FirstBucketMs)
        return 0;
    const int bucket = int(std::ceil(std::log(ms / FirstBucketMs) / std::log(BucketRatio)));
    return std::clamp(bucket, 0, LatencyBuckets - 1);
}

double Metrics::bucketUpperMs(int bucket)
{
    return FirstBucketMs * std::pow(BucketRatio, bucket);
}

Metrics::Percentiles Metrics::percentiles(const Histogram& histogram)
{
    Percentiles result;
    for (quint32 n : histogram)
        result.count += n;
    if (result.count == 0)
        return result;
    auto at = [&](double q) {
        const auto rank = quint64(std::ceil(q * double(result.count)));
        quint64 seen = 0;
        for (int i = 0; i < LatencyBuckets; ++i) {
            seen += histogram[std::size_t(i)];
            if (seen >= rank)
                return std::round(bucketUpperMs(i) * 100) / 100;
        }
        return bucketUpperMs(LatencyBuckets - 1);
    };
    result.p50 = at(0.50);
    result.p95 = at(0.95);
    result.p99 = at(0.99);
    return result;
}

Metrics::Second& Metrics::slotFor(qint64 second)
{
    Second& slot = m_seconds[std::size_t(second % WindowSeconds)];
    if (slot.second != second) {
        slot.second = second;
        slot.counts.fill(0);
        slot.failuresByIp.clear();
        slot.limitedByIp.clear();
        slot.latency.fill(0);
    }
    rollMinute(second / 60);
    return slot;
}

void Metrics::rollMinute(qint64 minute)
{
    if (minute == m_currentMinute)
        return;
    if (m_currentMinute >= 0) {
        Minute& done = m_minutes[std::size_t(m_currentMinute % HistoryMinutes)];
        done.minute = m_currentMinute;
        done.counts = m_minuteCounts;
        done.latency = percentiles(m_minuteLatency);
    }
    m_currentMinute = minute;
    m_minuteCounts.fill(0);
    m_minuteLatency.fill(0);
}

void Metrics::count(Counter counter, const QString& ip, qint64 nowMs)
{
    Second& slot = slotFor(nowMs / 1000);
    ++slot.counts[counter];
    ++m_minuteCounts[counter];
    ++m_totals.counts[counter];
    // Per-IP tallies are bounded so a spoofed-address flood cannot grow them without limit.
    if (!ip.isEmpty() && counter == LoginFailure
        && (slot.failuresByIp.size() < 10'000 || slot.failuresByIp.contains(ip)))
        ++slot.failuresByIp[ip];
    if (!ip.isEmpty() && counter == RateLimited
        && (slot.limitedByIp.size() < 10'000 || slot.limitedByIp.contains(ip)))
        ++slot.limitedByIp[ip];
}

void Metrics::onEvent(const SecurityEvent& event)
{
    const qint64 now = Clock::nowMs();
    QMutexLocker lock(&m_mutex);
    ++m_totals.eventsByTypeSeverity[{event.type, int(event.severity)}];
    const QString& type = event.type;
    if (type == QLatin1String(events::AuthenticationSuccess))
        count(LoginSuccess, event.sourceIp, now);
    else if (type == QLatin1String(events::AuthenticationFailure))
        count(LoginFailure, event.sourceIp, now);
    else if (type == QLatin1String(events::MfaVerification)) {
        if (const auto ok = outcome(event))
            count(*ok ? MfaSuccess : MfaFailure, event.sourceIp, now);
    } else if (type == QLatin1String(events::AccountLocked))
        count(Lockouts, event.sourceIp, now);
    else if (type == QLatin1String(events::SuspiciousActivity))
        count(Suspicious, event.sourceIp, now);
    else if (type == QLatin1String(events::JwtGeneration))
        count(TokensIssued, event.sourceIp, now);
    // Alerts about critical events are critical themselves; they must not re-trigger the rule.
    if (event.severity == Severity::Critical && !type.startsWith(QLatin1String("alert_")))
        count(CriticalEvents, event.sourceIp, now);
}

void Metrics::onRequest(const QString& route, const QByteArray& method, int status, double seconds,
                        const QString& clientIp)
{
    const qint64 now = Clock::nowMs();
    QMutexLocker lock(&m_mutex);
    ++m_totals.requests[RequestKey {route, method, status}];
    const QPair<QString, QByteArray> key {route, method};
    auto found = m_routeIndex.constFind(key);
    if (found == m_routeIndex.cend()) {
        found = m_routeIndex.insert(key, int(m_totals.routes.size()));
        m_totals.routes.append(RouteStats {route, method, {}, 0, 0});
    }
    RouteStats& stats = m_totals.routes[*found];
    const auto& bounds = bucketBounds();
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        if (seconds <= bounds[i])
            ++stats.buckets[i];
    }
    ++stats.buckets[bounds.size()];
    stats.sumSeconds += seconds;
    ++stats.count;

    const int bucket = latencyBucket(seconds * 1000);
    Second& slot = slotFor(now / 1000);
    ++slot.latency[std::size_t(bucket)];
    ++m_minuteLatency[std::size_t(bucket)];
    if (status == 429)
        count(RateLimited, clientIp, now);
}

Metrics::Counts Metrics::window(int seconds) const
{
    const qint64 now = Clock::nowMs() / 1000;
    Counts sum {};
    QMutexLocker lock(&m_mutex);
    for (const Second& slot : m_seconds) {
        if (slot.second > now - seconds && slot.second <= now) {
            for (int i = 0; i < CounterCount; ++i)
                sum[std::size_t(i)] += slot.counts[std::size_t(i)];
        }
    }
    return sum;
}

QList<QPair<QString, quint64>> Metrics::topIps(int seconds, int n, bool failures) const
{
    const qint64 now = Clock::nowMs() / 1000;
    QHash<QString, quint64> merged;
    {
        QMutexLocker lock(&m_mutex);
        for (const Second& slot : m_seconds) {
            if (slot.second > now - seconds && slot.second <= now) {
                const auto& byIp = failures ? slot.failuresByIp : slot.limitedByIp;
                for (auto it = byIp.cbegin(); it != byIp.cend(); ++it)
                    merged[it.key()] += it.value();
            }
        }
    }
    QList<QPair<QString, quint64>> list;
    for (auto it = merged.cbegin(); it != merged.cend(); ++it)
        list.append({it.key(), it.value()});
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (list.size() > n)
        list.resize(n);
    return list;
}

QList<QPair<QString, quint64>> Metrics::topFailureIps(int seconds, int n) const
{
    return topIps(seconds, n, true);
}

QList<QPair<QString, quint64>> Metrics::topRateLimitedIps(int seconds, int n) const
{
    return topIps(seconds, n, false);
}

quint64 Metrics::maxFailuresFromOneIp(int seconds, QString* ip) const
{
    const auto top = topIps(seconds, 1, true);
    if (top.isEmpty())
        return 0;
    if (ip)
        *ip = top.first().first;
    return top.first().second;
}

Metrics::Percentiles Metrics::latency(int seconds) const
{
    const qint64 now = Clock::nowMs() / 1000;
    Histogram merged {};
    QMutexLocker lock(&m_mutex);
    for (const Second& slot : m_seconds) {
        if (slot.second > now - seconds && slot.second <= now) {
            for (int i = 0; i < LatencyBuckets; ++i)
                merged[std::size_t(i)] += slot.latency[std::size_t(i)];
        }
    }
    return percentiles(merged);
}

QList<Metrics::MinutePoint> Metrics::minutes(qint64 fromMinute, qint64 toMinute) const
{
    QList<MinutePoint> points;
    QMutexLocker lock(&m_mutex);
    const_cast<Metrics*>(this)->rollMinute(Clock::nowMs() / 60'000);
    fromMinute = std::max(fromMinute, m_currentMinute - HistoryMinutes + 1);
    for (qint64 minute = fromMinute; minute < toMinute && minute < m_currentMinute; ++minute) {
        const Minute& slot = m_minutes[std::size_t(minute % HistoryMinutes)];
        MinutePoint point;
        point.minute = minute;
        if (slot.minute == minute) {
            point.counts = slot.counts;
            point.latency = slot.latency;
        }
        points.append(point);
    }
    return points;
}

Metrics::Totals Metrics::totals() const
{
    QMutexLocker lock(&m_mutex);
    return m_totals;
}

} // namespace auth::metrics
