#include "state/RedisConnection.h"

#include <cerrno>
#include <hiredis/hiredis.h>
#include <vector>

namespace auth::state {

void RedisReplyDeleter::operator()(redisReply* reply) const
{
    freeReplyObject(reply);
}

RedisConnection::~RedisConnection()
{
    redisFree(m_context);
}

std::unique_ptr<RedisConnection> RedisConnection::open(const RedisUrl& url, int timeoutMs, QString* error)
{
    const timeval timeout {timeoutMs / 1000, (timeoutMs % 1000) * 1000};
    redisContext* context = url.socketPath.isEmpty()
        ? redisConnectWithTimeout(url.host.toUtf8().constData(), url.port, timeout)
        : redisConnectUnixWithTimeout(url.socketPath.toUtf8().constData(), timeout);
    if (!context) {
        *error = QStringLiteral("out of memory");
        return nullptr;
    }
    std::unique_ptr<RedisConnection> connection(new RedisConnection(context));
    if (context->err) {
        *error = connection->error();
        return nullptr;
    }
    if (redisSetTimeout(context, timeout) != REDIS_OK) {
        *error = connection->error();
        return nullptr;
    }
    if (url.socketPath.isEmpty())
        redisEnableKeepAlive(context);
    const auto expectOk = [&](const QList<QByteArray>& args, const char* what) {
        RedisReplyPtr reply = connection->command(args);
        if (!reply) {
            *error = connection->error();
            return false;
        }
        if (reply->type == REDIS_REPLY_ERROR) {
            // The server's words, never the password we sent.
            *error = QStringLiteral("%1 refused: %2")
                         .arg(QLatin1String(what), QString::fromUtf8(reply->str, int(reply->len)));
            return false;
        }
        return true;
    };
    if (!url.password.isEmpty()) {
        QList<QByteArray> args {"AUTH"};
        if (!url.user.isEmpty())
            args.append(url.user.toUtf8());
        args.append(url.password.toUtf8());
        if (!expectOk(args, "AUTH"))
            return nullptr;
    }
    if (url.db != 0 && !expectOk({"SELECT", QByteArray::number(url.db)}, "SELECT"))
        return nullptr;
    return connection;
}

RedisReplyPtr RedisConnection::command(const QList<QByteArray>& args)
{
    std::vector<const char*> argv;
    std::vector<size_t> lengths;
    argv.reserve(size_t(args.size()));
    lengths.reserve(size_t(args.size()));
    for (const QByteArray& arg : args) {
        argv.push_back(arg.constData());
        lengths.push_back(size_t(arg.size()));
    }
    errno = 0;
    auto* reply = static_cast<redisReply*>(
        redisCommandArgv(m_context, int(argv.size()), argv.data(), lengths.data()));
    if (!reply) {
        const int code = errno;
        m_lost = m_context->err == REDIS_ERR_EOF
            || (m_context->err == REDIS_ERR_IO && (code == ECONNRESET || code == EPIPE));
    }
    return RedisReplyPtr(reply);
}

QString RedisConnection::error() const
{
    if (!m_context->err)
        return {};
    const QString text = QString::fromUtf8(m_context->errstr);
    if (m_context->err == REDIS_ERR_IO
        && (text.contains(QLatin1String("temporarily unavailable"))
            || text.contains(QLatin1String("timed out"))))
        return QStringLiteral("timed out");
    return text.isEmpty() ? QStringLiteral("connection error") : text;
}

} // namespace auth::state
