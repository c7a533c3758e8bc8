#include "core/Clock.h"

namespace auth {

std::atomic<qint64> Clock::s_fixedMs {0};

qint64 Clock::nowMs()
{
    const qint64 fixed = s_fixedMs.load(std::memory_order_relaxed);
    return fixed ? fixed : QDateTime::currentMSecsSinceEpoch();
}

QDateTime Clock::nowUtc()
{
    return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC);
}

void Clock::setFixedMs(qint64 ms)
{
    s_fixedMs.store(ms);
}

void Clock::advanceMs(qint64 ms)
{
    s_fixedMs.fetch_add(ms);
}

} // namespace auth
