#include "state/MemoryStateStore.h"

#include "core/Clock.h"

#include <QMutexLocker>
#include <cmath>

namespace auth::state {

RateDecision MemoryStateStore::consume(const QString& key, int perMinute, int burst, qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    if (m_buckets.size() > 10'000 && nowMs - m_lastPruneMs > 1000)
        pruneBuckets(nowMs);
    const double refillPerMs = double(perMinute) / 60'000.0;
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, Bucket {double(burst), nowMs, nowMs});
    Bucket& bucket = *it;
    bucket.tokens = std::min(double(burst), bucket.tokens + double(nowMs - bucket.updatedMs) * refillPerMs);
    bucket.updatedMs = nowMs;
    RateDecision decision;
    decision.limit = burst;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        decision.allowed = true;
    } else {
        decision.allowed = false;
        decision.retryAfterMs = qint64(std::ceil((1.0 - bucket.tokens) / refillPerMs));
    }
    decision.remaining = int(std::floor(bucket.tokens));
    decision.resetMs = qint64(std::ceil((double(burst) - bucket.tokens) / refillPerMs));
    bucket.fullAtMs = nowMs + decision.resetMs;
    return decision;
}

void MemoryStateStore::pruneBuckets(qint64 nowMs)
{
    m_lastPruneMs = nowMs;
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (it->fullAtMs <= nowMs)
            it = m_buckets.erase(it); // a full bucket is the same as no bucket
        else
            ++it;
    }
}

void MemoryStateStore::revokeTokenId(const QString& jti, qint64 expiresAtSecs)
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = Clock::nowSecs();
    if (m_revoked.size() > 10'000) {
        for (auto it = m_revoked.begin(); it != m_revoked.end();)
            it = it.value() < now ? m_revoked.erase(it) : std::next(it);
    }
    m_revoked.insert(jti, expiresAtSecs);
}

bool MemoryStateStore::isTokenIdRevoked(const QString& jti)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_revoked.constFind(jti);
    return it != m_revoked.cend() && it.value() >= Clock::nowSecs();
}

void MemoryStateStore::setNotBefore(const QString& subject, qint64 secs)
{
    QMutexLocker lock(&m_mutex);
    qint64& mark = m_notBefore[subject];
    mark = std::max(mark, secs);
}

qint64 MemoryStateStore::notBefore(const QString& subject)
{
    QMutexLocker lock(&m_mutex);
    return m_notBefore.value(subject, 0);
}

void MemoryStateStore::publish(const QString& channel, const QByteArray& message)
{
    m_notices.deliver(channel, message); // one instance: every listener is local
}

void MemoryStateStore::subscribe(const QString& channel, QObject* context, NoticeHandler handler)
{
    m_notices.add(channel, context, std::move(handler));
}

bool MemoryStateStore::claimOnce(const QString& key, qint64 ttlMs)
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = Clock::nowMs();
    if (m_claims.size() > 10'000) {
        for (auto it = m_claims.begin(); it != m_claims.end();)
            it = it.value() <= now ? m_claims.erase(it) : std::next(it);
    }
    auto it = m_claims.find(key);
    if (it != m_claims.end() && it.value() > now)
        return false;
    m_claims.insert(key, now + std::max<qint64>(1, ttlMs));
    return true;
}

} // namespace auth::state
