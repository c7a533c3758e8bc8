#pragma once

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

namespace auth::mfa::delivery {

struct SendDecision
{
    bool allowed = false;
    qint64 retryAfterMs = 0; // when refused: wait at least this long
};

// Limits how often codes are sent to one user, so nobody can use the service to
// flood a phone or mailbox (or run up the SMS bill). A shared store (Redis) can
// implement the same interface for several instances.
class SendLimiter
{
public:
    virtual ~SendLimiter() = default;
    // Records a send for `userId` when allowed; a refusal records nothing.
    virtual SendDecision tryAcquire(const QString& userId) = 0;
};

// In-process limiter: at most `maxPerWindow` sends in any sliding `windowMs`, and at
// least `minIntervalMs` between two sends. Thread-safe; time from auth::Clock.
class MemorySendLimiter : public SendLimiter
{
public:
    explicit MemorySendLimiter(int maxPerWindow = 5, qint64 windowMs = 15 * 60 * 1000,
                               qint64 minIntervalMs = 30 * 1000);

    SendDecision tryAcquire(const QString& userId) override;

private:
    void sweep(qint64 now);

    const int m_maxPerWindow;
    const qint64 m_windowMs;
    const qint64 m_minIntervalMs;
    QMutex m_mutex;
    QHash<QString, QList<qint64>> m_sends; // per user, oldest first, within the window
};

} // namespace auth::mfa::delivery
