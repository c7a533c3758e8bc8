#include "events/EventStreamSession.h"

#include "events/EventBus.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

Q_LOGGING_CATEGORY(lcEventStream, "auth.server.events.stream", QtInfoMsg)

namespace auth::events {

EventStreamSession::Stats& EventStreamSession::stats()
{
    static Stats instance;
    return instance;
}

EventStreamSession::Slot EventStreamSession::reserve(int max)
{
    if (stats().active.fetch_add(1) >= max) {
        stats().active.fetch_sub(1);
        return nullptr;
    }
    return Slot(&stats(), [](void*) { stats().active.fetch_sub(1); });
}

EventStreamSession::EventStreamSession(Slot slot, EventFilter filter, Limits limits, QTcpSocket* socket,
                                       QObject* parent)
    : QObject(parent)
    , m_slot(std::move(slot))
    , m_filter(std::move(filter))
    , m_limits(limits)
    , m_server(new QWebSocketServer(QStringLiteral("auth-service"), QWebSocketServer::NonSecureMode, this))
    , m_socket(socket)
{
    socket->setParent(this);
    m_server->setMaxPendingConnections(1);
    connect(m_server, &QWebSocketServer::newConnection, this, &EventStreamSession::onUpgraded);
    // A handshake Qt refuses closes the socket; nothing else would end this session.
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        if (!m_webSocket)
            deleteLater();
    });
    QTimer::singleShot(m_limits.handshakeTimeoutMs, this, [this] {
        if (!m_webSocket) {
            if (m_socket)
                m_socket->abort();
            deleteLater();
        }
    });
    m_server->handleConnection(socket);
}

EventStreamSession::~EventStreamSession() = default;

void EventStreamSession::onUpgraded()
{
    m_webSocket = m_server->nextPendingConnection();
    if (!m_webSocket) {
        deleteLater();
        return;
    }
    m_webSocket->setParent(this);
    stats().opened.fetch_add(1);
    // Clients only answer pings and close; anything large is a protocol abuse.
    m_webSocket->setMaxAllowedIncomingFrameSize(4096);
    m_webSocket->setMaxAllowedIncomingMessageSize(4096);
    connect(m_webSocket, &QWebSocket::disconnected, this, &QObject::deleteLater);
    connect(&EventBus::instance(), &EventBus::stored, this, &EventStreamSession::onEvent);
    connect(&m_ping, &QTimer::timeout, this, [this] {
        if (m_webSocket)
            m_webSocket->ping();
    });
    m_ping.start(m_limits.pingIntervalMs);
}

qint64 EventStreamSession::unsentBytes() const
{
    qint64 bytes = m_webSocket ? m_webSocket->bytesToWrite() : 0;
    if (auto* ssl = qobject_cast<QSslSocket*>(m_socket.data()))
        bytes += ssl->encryptedBytesToWrite();
    return bytes;
}

void EventStreamSession::onEvent(const StoredEvent& event)
{
    if (!m_webSocket || m_dropped || !m_filter.matches(event))
        return;
    if (unsentBytes() > m_limits.maxBufferedBytes) {
        m_dropped = true;
        stats().droppedSlow.fetch_add(1);
        qCWarning(lcEventStream).noquote()
            << "dropping a slow event stream client at" << m_webSocket->peerAddress().toString() << "with"
            << unsentBytes() << "bytes unsent";
        m_webSocket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("client too slow"));
        m_webSocket->abort();
        deleteLater();
        return;
    }
    m_webSocket->sendTextMessage(
        QString::fromUtf8(QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact)));
    stats().messagesSent.fetch_add(1, std::memory_order_relaxed);
}

} // namespace auth::events
