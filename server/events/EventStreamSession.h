#pragma once

#include "events/EventFilter.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <atomic>
#include <memory>

class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace auth::events {

// One live /admin/events/stream client: the WebSocket handshake and framing are
// Qt WebSockets' (QWebSocketServer::handleConnection on the socket our HTTP
// layer handed over), events arrive from the EventBus on this thread and go out
// as one JSON text frame each when they match the filter. A client whose unsent
// bytes pass the bound is closed (1008) and counted, never buffered further.
class EventStreamSession : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        qint64 maxBufferedBytes = 1 << 20;
        int pingIntervalMs = 30'000;
        int handshakeTimeoutMs = 10'000;
    };
    struct Stats
    {
        std::atomic<int> active {0};
        std::atomic<quint64> opened {0};
        std::atomic<quint64> droppedSlow {0};
        std::atomic<quint64> messagesSent {0};
    };
    static Stats& stats();
    // One of `max` stream slots, or null when all are taken; the slot is free
    // again when the last copy goes, whether or not a session ever used it.
    using Slot = std::shared_ptr<void>;
    static Slot reserve(int max);

    // `socket` holds the handshake request in its read buffer.
    EventStreamSession(Slot slot, EventFilter filter, Limits limits, QTcpSocket* socket, QObject* parent);
    ~EventStreamSession() override;

private:
    void onUpgraded();
    void onEvent(const StoredEvent& event);
    qint64 unsentBytes() const;

    Slot m_slot;
    EventFilter m_filter;
    Limits m_limits;
    QWebSocketServer* m_server;
    QPointer<QTcpSocket> m_socket;
    QPointer<QWebSocket> m_webSocket;
    QTimer m_ping;
    bool m_dropped = false;
};

} // namespace auth::events
