#include "state/RedisSubscriber.h"

#include "logging/LogCategories.h"
#include "state/NoticeHub.h"
#include "state/RedisConnection.h"

#include <QElapsedTimer>
#include <cerrno>
#include <hiredis/hiredis.h>
#include <poll.h>

namespace auth::state {

namespace {

constexpr int kPingIntervalMs = 2000;
constexpr int kPollMs = 200;

bool flush(redisContext* context)
{
    int done = 0;
    while (!done) {
        if (redisBufferWrite(context, &done) != REDIS_OK)
            return false;
    }
    return true;
}

} // namespace

RedisSubscriber::RedisSubscriber(RedisUrl url, QByteArray channelPrefix, int timeoutMs, NoticeHub* hub)
    : m_url(std::move(url))
    , m_channelPrefix(std::move(channelPrefix))
    , m_timeoutMs(timeoutMs)
    , m_hub(hub)
    , m_thread([this] { run(); })
{
}

RedisSubscriber::~RedisSubscriber()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

bool RedisSubscriber::waitStop(int ms)
{
    std::unique_lock lock(m_mutex);
    return m_wake.wait_for(lock, std::chrono::milliseconds(ms), [this] { return m_stop; });
}

void RedisSubscriber::run()
{
    int backoffMs = 0;
    bool everConnected = false;
    while (!waitStop(backoffMs)) {
        QString error;
        auto connection = RedisConnection::open(m_url, m_timeoutMs, &error);
        redisContext* context = connection ? connection->context() : nullptr;
        if (context) {
            const QByteArray pattern = m_channelPrefix + '*';
            redisAppendCommand(context, "PSUBSCRIBE %b", pattern.constData(), size_t(pattern.size()));
            if (!flush(context))
                context = nullptr;
        }
        if (!context) {
            backoffMs = std::min(2000, std::max(100, backoffMs * 2));
            if (!connection)
                qCDebug(lcStorage).noquote() << "redis subscriber: cannot connect:" << error;
            continue;
        }
        backoffMs = 0;
        QElapsedTimer sincePing;
        QElapsedTimer sinceData;
        sincePing.start();
        sinceData.start();
        bool subscribed = false;
        bool broken = false;
        while (!broken && !waitStop(0)) {
            void* raw = nullptr;
            if (redisGetReplyFromReader(context, &raw) != REDIS_OK)
                break;
            if (raw) {
                RedisReplyPtr reply(static_cast<redisReply*>(raw));
                sinceData.restart();
                if (reply->type != REDIS_REPLY_ARRAY || reply->elements < 3)
                    continue;
                const QByteArray kind(reply->element[0]->str, int(reply->element[0]->len));
                if (kind == "psubscribe" && !subscribed) {
                    subscribed = true;
                    m_connected = true;
                    // Anything published while we were away is lost: have listeners reload.
                    if (everConnected) {
                        qCInfo(lcStorage) << "redis subscriber reconnected";
                        m_hub->deliverResync();
                    }
                    everConnected = true;
                } else if (kind == "pmessage" && reply->elements == 4) {
                    const QByteArray channel(reply->element[2]->str, int(reply->element[2]->len));
                    if (channel.startsWith(m_channelPrefix))
                        m_hub->deliver(QString::fromUtf8(channel.mid(m_channelPrefix.size())),
                                       QByteArray(reply->element[3]->str, int(reply->element[3]->len)));
                }
                continue;
            }
            pollfd descriptor {context->fd, POLLIN, 0};
            const int ready = ::poll(&descriptor, 1, kPollMs);
            if (ready < 0 && errno != EINTR)
                break;
            if (ready > 0 && redisBufferRead(context) != REDIS_OK)
                break;
            if (sincePing.elapsed() >= kPingIntervalMs) {
                redisAppendCommand(context, "PING");
                broken = !flush(context);
                sincePing.restart();
            }
            // No reply to two PINGs: the server hangs or the network dropped us.
            if (sinceData.elapsed() > 2 * kPingIntervalMs + m_timeoutMs)
                broken = true;
        }
        if (m_connected.exchange(false) && !waitStop(0))
            qCWarning(lcStorage) << "redis subscriber lost its connection; reconnecting";
        backoffMs = 100;
    }
}

} // namespace auth::state
