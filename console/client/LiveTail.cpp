#include "client/LiveTail.h"

#include "client/ApiClient.h"
#include "logging/LogCategories.h"

#include <QJsonDocument>
#include <QSslError>

namespace auth::console {

LiveTail::LiveTail(ApiClient& client, QObject* parent)
    : QObject(parent)
    , m_client(client)
{
    m_socket.setParent(this);
    m_socket.setMaxAllowedIncomingFrameSize(MaxFrameBytes);
    m_socket.setMaxAllowedIncomingMessageSize(MaxFrameBytes);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &LiveTail::open);
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        // A publicly trusted certificate raises no sslErrors: check the pin here too.
        if (m_client.profile().trustMode() == ServerProfile::TrustMode::Pinned
            && !m_client.acceptsPinnedCertificate(m_socket.sslConfiguration().peerCertificate())) {
            m_pinRefused = true;
            m_socket.abort();
            return;
        }
        m_retryDelayMs = 1000;
        m_error.clear();
        setState(State::Live);
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &LiveTail::onTextMessage);
    connect(&m_socket, &QWebSocket::disconnected, this, &LiveTail::onClosed);
    connect(&m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
        const QSslCertificate presented = errors.isEmpty() ? QSslCertificate() : errors.first().certificate();
        if (m_client.acceptsPinnedCertificate(presented))
            m_socket.ignoreSslErrors(errors);
        else
            m_pinRefused = true;
    });
    // Qt 6.4 names this signal error(); errorOccurred() arrives in 6.5.
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) { m_error = m_socket.errorString(); });
}

void LiveTail::start(const EventQuery& query)
{
    m_query = query;
    m_retryDelayMs = 1000;
    m_retry.stop();
    if (m_socket.state() != QAbstractSocket::UnconnectedState)
        m_socket.abort();
    setState(State::Connecting);
    open();
}

void LiveTail::stop()
{
    m_retry.stop();
    setState(State::Stopped);
    m_socket.abort();
}

void LiveTail::open()
{
    if (m_state == State::Stopped)
        return;
    m_pinRefused = false;
    QUrl url = m_client.profile().endpoint(QStringLiteral("/admin/events/stream"));
    url.setScheme(url.scheme() == QLatin1String("http") ? QStringLiteral("ws") : QStringLiteral("wss"));
    const QUrlQuery query = m_query.toUrlQuery();
    if (!query.isEmpty())
        url.setQuery(query);
    QNetworkRequest request = m_client.prepareRequest(url);
    if (m_client.profile().trustMode() != ServerProfile::TrustMode::PlainHttp)
        m_socket.setSslConfiguration(request.sslConfiguration());
    setState(State::Connecting);
    m_socket.open(request);
}

void LiveTail::onTextMessage(const QString& message)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(message.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        qCInfo(lcConsole) << "live tail: a frame that is not a JSON object was ignored";
        return;
    }
    emit eventReceived(document.object());
}

void LiveTail::onClosed()
{
    if (m_state == State::Stopped)
        return;
    if (m_pinRefused) {
        m_error = tr("The stream's certificate does not match the trusted one; live tail stopped.");
        setState(State::Stopped);
        emit failed(m_error);
        return;
    }
    if (m_error.isEmpty())
        m_error = tr("The stream closed (%1).").arg(int(m_socket.closeCode()));
    emit failed(m_error);
    setState(State::Retrying);
    m_retry.start(m_retryDelayMs);
    m_retryDelayMs = std::min(m_retryDelayMs * 2, 30000);
}

void LiveTail::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace auth::console
