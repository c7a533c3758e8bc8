#pragma once

#include "state/NoticeHub.h"
#include "state/RedisUrl.h"
#include "state/StateStore.h"

#include <QList>
#include <QMutex>
#include <atomic>
#include <memory>

namespace auth::state {

class RedisConnection;
class RedisSubscriber;
struct RedisReplyDeleter;

// The state shared by every instance, in Redis through hiredis. Calls come
// from pool threads and use synchronous connections from a small pool, each
// with the connect/command timeout. Read-modify-write operations (token
// buckets, not-before marks) are Lua scripts run atomically by the server
// (EVALSHA, EVAL after NOSCRIPT); claims are SET NX PX. After a failure the
// store fails fast (throws core::DependencyUnavailable without touching the
// network) for a backoff that grows from 100 ms to 2 s; healthy() always tries,
// so the health monitor notices the recovery. Notices use PUBLISH and one
// subscriber connection on its own thread (see RedisSubscriber).
class RedisStateStore : public StateStore
{
public:
    RedisStateStore(RedisUrl url, QString prefix, int timeoutMs);
    ~RedisStateStore() override;

    QString backendName() const override { return QStringLiteral("redis"); }
    QString describe() const { return m_url.redacted(); }
    bool healthy(QString* error) override;
    RateDecision consume(const QString& key, int perMinute, int burst, qint64 nowMs) override;
    void revokeTokenId(const QString& jti, qint64 expiresAtSecs) override;
    bool isTokenIdRevoked(const QString& jti) override;
    void setNotBefore(const QString& subject, qint64 secs) override;
    qint64 notBefore(const QString& subject) override;
    void publish(const QString& channel, const QByteArray& message) override;
    void subscribe(const QString& channel, QObject* context, NoticeHandler handler) override;
    bool claimOnce(const QString& key, qint64 ttlMs) override;

    // Deletes every key under the prefix (tests and `cluster-up --down` only).
    void clearPrefix();

private:
    struct Reply;
    Reply execute(const QList<QByteArray>& args, bool ignoreBackoff = false);
    Reply evalScript(const QByteArray& script, const QByteArray& sha, const QList<QByteArray>& keys,
                     const QList<QByteArray>& args);
    std::unique_ptr<RedisConnection> acquire(bool ignoreBackoff);
    void release(std::unique_ptr<RedisConnection> connection);
    void noteFailure();
    void noteSuccess();
    QByteArray key(const char* kind, const QString& name) const;
    [[noreturn]] void fail(const QString& detail) const;

    RedisUrl m_url;
    QByteArray m_prefix;
    int m_timeoutMs;
    QMutex m_mutex;
    QList<RedisConnection*> m_idle;
    std::atomic<qint64> m_retryAtMs {0};
    qint64 m_backoffMs = 0;
    NoticeHub m_notices;
    std::unique_ptr<RedisSubscriber> m_subscriber;
};

} // namespace auth::state
