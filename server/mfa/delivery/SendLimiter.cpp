#include "mfa/delivery/SendLimiter.h"

#include "core/Clock.h"

#include <QMutexLocker>

namespace auth::mfa::delivery {
namespace {

constexpr qsizetype kSweepAbove = 10000; // users tracked before expired entries are swept

} // namespace

MemorySendLimiter::MemorySendLimiter(int maxPerWindow, qint64 windowMs, qint64 minIntervalMs)
    : m_maxPerWindow(qMax(1, maxPerWindow))
    , m_windowMs(qMax<qint64>(1, windowMs))
    , m_minIntervalMs(qMax<qint64>(0, minIntervalMs))
{
}

void MemorySendLimiter::sweep(qint64 now)
{
    for (auto it = m_sends.begin(); it != m_sends.end();) {
        if (it->isEmpty() || it->last() <= now - m_windowMs)
            it = m_sends.erase(it);
        else
            ++it;
    }
}

SendDecision MemorySendLimiter::tryAcquire(const QString& userId)
{
    const qint64 now = Clock::nowMs();
    const QMutexLocker lock(&m_mutex);
    if (m_sends.size() > kSweepAbove)
        sweep(now);
    QList<qint64>& sends = m_sends[userId];
    while (!sends.isEmpty() && sends.first() <= now - m_windowMs)
        sends.removeFirst();
    qint64 wait = 0;
    if (!sends.isEmpty())
        wait = qMax(wait, sends.last() + m_minIntervalMs - now);
    if (sends.size() >= m_maxPerWindow)
        wait = qMax(wait, sends.first() + m_windowMs - now);
    if (wait > 0)
        return {false, wait};
    sends.append(now);
    return {true, 0};
}

} // namespace auth::mfa::delivery
