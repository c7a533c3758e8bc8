#include "state/RedisStateStore.h"

#include "core/Clock.h"
#include "core/DependencyUnavailable.h"
#include "logging/LogCategories.h"
#include "state/RedisConnection.h"
#include "state/RedisSubscriber.h"

#include <QCryptographicHash>
#include <QMutexLocker>
#include <hiredis/hiredis.h>

namespace auth::state {

namespace {

constexpr int kMaxIdleConnections = 16;
constexpr qint64 kMaxBackoffMs = 2000;

// KEYS[1] bucket; ARGV: per minute, burst, now (ms). The same arithmetic as
// MemoryStateStore, run inside Redis so that concurrent instances never both
// take the last token. The bucket expires once it would be full again.
const QByteArray kConsumeScript = R"lua(
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 't', 'u')
local tokens = tonumber(state[1])
local updated = tonumber(state[2])
if tokens == nil or updated == nil then
  tokens = burst
  updated = now
end
local refill = rate / 60000
local elapsed = now - updated
if elapsed < 0 then elapsed = 0 end
tokens = math.min(burst, tokens + elapsed * refill)
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.ceil((1 - tokens) / refill)
end
local reset = math.ceil((burst - tokens) / refill)
redis.call('HSET', KEYS[1], 't', string.format('%.17g', tokens), 'u', string.format('%.17g', math.max(now, updated)))
redis.call('PEXPIRE', KEYS[1], reset + 1000)
return {allowed, math.floor(tokens), retry, reset}
)lua";

// KEYS[1] mark; ARGV[1] seconds. Marks only move forward.
const QByteArray kNotBeforeScript = R"lua(
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local wanted = tonumber(ARGV[1])
if wanted > current then
  redis.call('SET', KEYS[1], ARGV[1])
  return wanted
end
return current
)lua";

QByteArray sha1Hex(const QByteArray& script)
{
    return QCryptographicHash::hash(script, QCryptographicHash::Sha1).toHex();
}

const QByteArray kConsumeSha = sha1Hex(kConsumeScript);
const QByteArray kNotBeforeSha = sha1Hex(kNotBeforeScript);

QString replyText(const redisReply* reply)
{
    return QString::fromUtf8(reply->str, int(reply->len));
}

} // namespace

struct RedisStateStore::Reply
{
    RedisReplyPtr ptr;
    const redisReply* operator->() const { return ptr.get(); }
    bool isError(const char* prefix = nullptr) const
    {
        return ptr->type == REDIS_REPLY_ERROR
            && (!prefix || replyText(ptr.get()).startsWith(QLatin1String(prefix)));
    }
    qint64 integer() const
    {
        if (ptr->type == REDIS_REPLY_INTEGER)
            return ptr->integer;
        if (ptr->type == REDIS_REPLY_STRING)
            return replyText(ptr.get()).toLongLong();
        return 0;
    }
};

RedisStateStore::RedisStateStore(RedisUrl url, QString prefix, int timeoutMs)
    : m_url(std::move(url))
    , m_prefix(prefix.toUtf8())
    , m_timeoutMs(timeoutMs)
    , m_subscriber(std::make_unique<RedisSubscriber>(m_url, m_prefix + "notice:", timeoutMs, &m_notices))
{
}

RedisStateStore::~RedisStateStore()
{
    m_subscriber.reset();
    qDeleteAll(m_idle);
}

void RedisStateStore::fail(const QString& detail) const
{
    throw core::DependencyUnavailable(QStringLiteral("redis"), detail);
}

QByteArray RedisStateStore::key(const char* kind, const QString& name) const
{
    return m_prefix + kind + ':' + name.toUtf8();
}

std::unique_ptr<RedisConnection> RedisStateStore::acquire(bool ignoreBackoff)
{
    {
        QMutexLocker lock(&m_mutex);
        if (!m_idle.isEmpty())
            return std::unique_ptr<RedisConnection>(m_idle.takeLast());
        if (!ignoreBackoff && Clock::nowMs() < m_retryAtMs)
            fail(QStringLiteral("reconnecting"));
    }
    QString error;
    auto connection = RedisConnection::open(m_url, m_timeoutMs, &error);
    if (!connection) {
        noteFailure();
        fail(error);
    }
    return connection;
}

void RedisStateStore::release(std::unique_ptr<RedisConnection> connection)
{
    QMutexLocker lock(&m_mutex);
    if (m_idle.size() < kMaxIdleConnections)
        m_idle.append(connection.release());
}

void RedisStateStore::noteFailure()
{
    QMutexLocker lock(&m_mutex);
    m_backoffMs = std::min(kMaxBackoffMs, std::max<qint64>(100, m_backoffMs * 2));
    m_retryAtMs = Clock::nowMs() + m_backoffMs;
    // Pooled connections to a server that failed are suspect: start afresh.
    qDeleteAll(m_idle);
    m_idle.clear();
}

void RedisStateStore::noteSuccess()
{
    QMutexLocker lock(&m_mutex);
    m_backoffMs = 0;
    m_retryAtMs = 0;
}

RedisStateStore::Reply RedisStateStore::execute(const QList<QByteArray>& args, bool ignoreBackoff)
{
    for (int attempt = 0;; ++attempt) {
        std::unique_ptr<RedisConnection> connection = acquire(ignoreBackoff);
        Reply reply {connection->command(args)};
        if (!reply.ptr) {
            // A pooled connection the server closed (Redis restarted): the
            // command never ran, so one more try on a fresh connection is safe.
            if (connection->lostConnection() && attempt == 0)
                continue;
            const QString error = connection->error();
            connection.reset();
            noteFailure();
            fail(error);
        }
        // Error replies other than NOSCRIPT (OOM, READONLY replica, LOADING, ...)
        // mean the store cannot do its job: fail closed like an outage.
        if (reply.isError() && !reply.isError("NOSCRIPT")) {
            const QString error = replyText(reply.ptr.get());
            release(std::move(connection));
            fail(error);
        }
        release(std::move(connection));
        if (m_retryAtMs.load() != 0)
            noteSuccess();
        return reply;
    }
}

RedisStateStore::Reply RedisStateStore::evalScript(const QByteArray& script, const QByteArray& sha,
                                                   const QList<QByteArray>& keys,
                                                   const QList<QByteArray>& args)
{
    QList<QByteArray> command {"EVALSHA", sha, QByteArray::number(keys.size())};
    command += keys;
    command += args;
    Reply reply = execute(command);
    if (!reply.isError("NOSCRIPT"))
        return reply;
    command[0] = "EVAL";
    command[1] = script; // the server caches it under its SHA1 for the next EVALSHA
    return execute(command);
}

bool RedisStateStore::healthy(QString* error)
{
    try {
        Reply reply = execute({"PING"}, true);
        return true;
    } catch (const core::DependencyUnavailable& e) {
        if (error)
            *error = e.detail();
        return false;
    }
}

RateDecision RedisStateStore::consume(const QString& name, int perMinute, int burst, qint64 nowMs)
{
    Reply reply = evalScript(
        kConsumeScript, kConsumeSha, {key("rl", name)},
        {QByteArray::number(std::max(1, perMinute)), QByteArray::number(burst), QByteArray::number(nowMs)});
    if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 4)
        fail(QStringLiteral("unexpected reply to the rate-limit script"));
    RateDecision decision;
    decision.limit = burst;
    decision.allowed = reply->element[0]->integer == 1;
    decision.remaining = int(reply->element[1]->integer);
    decision.retryAfterMs = reply->element[2]->integer;
    decision.resetMs = reply->element[3]->integer;
    return decision;
}

void RedisStateStore::revokeTokenId(const QString& jti, qint64 expiresAtSecs)
{
    const qint64 ttlMs = expiresAtSecs * 1000 - Clock::nowMs();
    if (ttlMs <= 0)
        return; // expired already: nothing left to refuse
    execute({"SET", key("revoked", jti), "1", "PX", QByteArray::number(ttlMs + 1000)});
}

bool RedisStateStore::isTokenIdRevoked(const QString& jti)
{
    return execute({"EXISTS", key("revoked", jti)}).integer() > 0;
}

void RedisStateStore::setNotBefore(const QString& subject, qint64 secs)
{
    evalScript(kNotBeforeScript, kNotBeforeSha, {key("nbf", subject)}, {QByteArray::number(secs)});
}

qint64 RedisStateStore::notBefore(const QString& subject)
{
    Reply reply = execute({"GET", key("nbf", subject)});
    return reply->type == REDIS_REPLY_NIL ? 0 : reply.integer();
}

bool RedisStateStore::claimOnce(const QString& name, qint64 ttlMs)
{
    Reply reply = execute(
        {"SET", key("claim", name), "1", "NX", "PX", QByteArray::number(std::max<qint64>(1, ttlMs))});
    return reply->type == REDIS_REPLY_STATUS; // "OK"; nil when the key existed
}

void RedisStateStore::publish(const QString& channel, const QByteArray& message)
{
    // Every instance, this one included, hears it through its subscriber.
    execute({"PUBLISH", m_prefix + "notice:" + channel.toUtf8(), message});
}

void RedisStateStore::subscribe(const QString& channel, QObject* context, NoticeHandler handler)
{
    m_notices.add(channel, context, std::move(handler));
}

void RedisStateStore::clearPrefix()
{
    QByteArray cursor = "0";
    do {
        Reply reply = execute({"SCAN", cursor, "MATCH", m_prefix + '*', "COUNT", "500"});
        if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 2)
            return;
        cursor = QByteArray(reply->element[0]->str, int(reply->element[0]->len));
        const redisReply* keys = reply->element[1];
        if (keys->elements == 0)
            continue;
        QList<QByteArray> command {"UNLINK"};
        for (size_t i = 0; i < keys->elements; ++i)
            command.append(QByteArray(keys->element[i]->str, int(keys->element[i]->len)));
        execute(command);
    } while (cursor != "0");
}

} // namespace auth::state
