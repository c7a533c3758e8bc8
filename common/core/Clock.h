#pragma once

#include <QDateTime>
#include <atomic>

namespace auth {

// Injectable time source: production code asks Clock, tests move it without sleeping.
class Clock
{
public:
    static QDateTime nowUtc();
    static qint64 nowMs();
    static qint64 nowSecs() { return nowMs() / 1000; }

    // Test seam: a fixed time (ms since epoch), or 0 to return to the real clock.
    static void setFixedMs(qint64 ms);
    static void advanceMs(qint64 ms);

private:
    static std::atomic<qint64> s_fixedMs;
};

} // namespace auth
