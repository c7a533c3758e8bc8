#pragma once

#include "state/RedisUrl.h"

#include <QByteArray>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace auth::state {

class NoticeHub;

// The receiving end of change notices: one connection on its own thread,
// PSUBSCRIBEd to "<prefix>notice:*", feeding `hub`. It polls with a short
// timeout (so it can stop promptly), PINGs every two seconds to notice a dead
// or hanging server, reconnects with backoff, and after a reconnect tells every
// listener that notices may have been missed (an empty message).
class RedisSubscriber
{
public:
    RedisSubscriber(RedisUrl url, QByteArray channelPrefix, int timeoutMs, NoticeHub* hub);
    ~RedisSubscriber();

    bool isConnected() const { return m_connected.load(); }

private:
    void run();
    bool waitStop(int ms);

    RedisUrl m_url;
    QByteArray m_channelPrefix;
    int m_timeoutMs;
    NoticeHub* m_hub;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::atomic<bool> m_connected {false};
    std::thread m_thread;
};

} // namespace auth::state
