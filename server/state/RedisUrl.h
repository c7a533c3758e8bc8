#pragma once

#include <QString>
#include <optional>

namespace auth::state {

// Where the shared state lives, parsed from REDIS_URL:
// "redis://[[user]:password@]host[:port][/db]" or "unix:///path/redis.sock[?db=N]".
// "rediss://" is refused: Debian 12's hiredis 0.14 has no TLS, and falling back
// to plain TCP silently would send the password and tokens in clear.
struct RedisUrl
{
    QString host;
    int port = 6379;
    QString socketPath; // unix socket instead of host:port
    QString user; // Redis 6 ACL user; empty for the default user
    QString password;
    int db = 0;

    static std::optional<RedisUrl> parse(const QString& url, QString* error);
    QString redacted() const; // for logs and status: never the password
};

} // namespace auth::state
