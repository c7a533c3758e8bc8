#pragma once

#include "state/RedisUrl.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <memory>

struct redisContext;
struct redisReply;

namespace auth::state {

struct RedisReplyDeleter
{
    void operator()(redisReply* reply) const;
};
using RedisReplyPtr = std::unique_ptr<redisReply, RedisReplyDeleter>;

// One synchronous hiredis connection: connected, authenticated and on its
// database, with `timeoutMs` on connect and on every command. After any I/O
// error hiredis contexts are unusable, so a failed connection is thrown away.
class RedisConnection
{
public:
    ~RedisConnection();
    static std::unique_ptr<RedisConnection> open(const RedisUrl& url, int timeoutMs, QString* error);

    // The reply (possibly a Redis error reply), or null when the connection
    // broke or timed out (then error() says why and the connection is dead).
    RedisReplyPtr command(const QList<QByteArray>& args);
    QString error() const;
    // The server closed or reset the connection (a command on a stale pooled
    // connection): the command did not run, so trying once more is safe.
    bool lostConnection() const { return m_lost; }
    redisContext* context() { return m_context; }

private:
    explicit RedisConnection(redisContext* context)
        : m_context(context)
    {
    }
    redisContext* m_context;
    bool m_lost = false;
};

} // namespace auth::state
