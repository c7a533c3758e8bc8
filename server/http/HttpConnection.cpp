#include "http/HttpConnection.h"

#include "core/DependencyUnavailable.h"
#include "http/HttpCounters.h"
#include "logging/LogCategories.h"
#include "logging/Logger.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslSocket>
#include <QTcpSocket>
#include <sys/socket.h>

namespace auth::http {

namespace {

constexpr int LingerMs = 2000;

QString newRequestId()
{
    quint64 words[2];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(words), sizeof words).toHex());
}

// A caller's request id is kept when it is short and harmless, so traces can be
// correlated across a proxy; anything else is replaced rather than logged.
bool acceptableRequestId(const QByteArray& id)
{
    if (id.isEmpty() || id.size() > 64)
        return false;
    for (char c : id) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
            return false;
    }
    return true;
}

// The answer when a store the request needs is down: fail closed, say which.
HttpResponse dependencyUnavailable(const core::DependencyUnavailable& e)
{
    qCWarning(lcHttp).noquote() << "request failed closed:" << e.what();
    HttpResponse response = HttpResponse::json(
        503,
        QJsonObject {
            {QStringLiteral("error"), QStringLiteral("dependency_unavailable")},
            {QStringLiteral("error_description"),
             QStringLiteral("A required service (%1) is unavailable; try again shortly").arg(e.dependency())},
            {QStringLiteral("dependency"), e.dependency()}});
    response.setHeader("Retry-After", "2");
    return response;
}

HttpConnection* self(http_parser* parser)
{
    return static_cast<HttpConnection*>(parser->data);
}

} // namespace

const http_parser_settings& HttpConnection::settings()
{
    static const http_parser_settings s = [] {
        http_parser_settings value {};
        value.on_message_begin = &HttpConnection::onMessageBegin;
        value.on_url = &HttpConnection::onUrl;
        value.on_header_field = &HttpConnection::onHeaderField;
        value.on_header_value = &HttpConnection::onHeaderValue;
        value.on_headers_complete = &HttpConnection::onHeadersComplete;
        value.on_body = &HttpConnection::onBody;
        value.on_message_complete = &HttpConnection::onMessageComplete;
        return value;
    }();
    return s;
}

HttpConnection::HttpConnection(QTcpSocket* socket, const ConnectionContext* context, QObject* parent)
    : QObject(parent)
    , m_socket(socket)
    , m_context(context)
{
    m_socket->setParent(this);
    // Bounded read buffer: while a request is being handled we stop reading, and
    // the kernel's window pushes back on a client that keeps sending.
    m_socket->setReadBufferSize(64 * 1024);
    http_parser_init(&m_parser, HTTP_REQUEST);
    m_parser.data = this;
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::finish);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_phase == Phase::Closing && m_socket->bytesToWrite() == 0)
            closeAfterWrite();
    });
    if (auto* ssl = qobject_cast<QSslSocket*>(m_socket)) {
        connect(ssl, &QSslSocket::encryptedBytesWritten, this, [this] {
            if (m_phase == Phase::Closing)
                closeAfterWrite();
        });
    }
    // The TLS handshake and the first request head share the header timeout.
    m_timer.start(m_context->limits.headerTimeoutMs);
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::drain()
{
    m_draining = true;
    if (m_phase == Phase::AwaitingRequest) {
        // Nothing in flight: a graceful TLS close could wait on a silent peer.
        m_socket->abort();
        finish();
    }
}

void HttpConnection::onReadyRead()
{
    if (m_phase == Phase::Closing) {
        m_socket->readAll(); // lingering close: discard so the kernel does not reset the reply away
        return;
    }
    if (m_phase == Phase::Handling)
        return; // stays in the socket until the response is out
    m_buffer += m_socket->readAll();
    parseBuffered();
}

void HttpConnection::parseBuffered()
{
    while (!m_buffer.isEmpty() && m_phase != Phase::Handling && m_phase != Phase::Closing) {
        const size_t parsed
            = http_parser_execute(&m_parser, &settings(), m_buffer.constData(), m_buffer.size());
        m_buffer.remove(0, qsizetype(parsed));
        const auto error = HTTP_PARSER_ERRNO(&m_parser);
        if (m_rejectStatus) {
            reject(m_rejectStatus, m_rejectCode, m_rejectDescription);
            return;
        }
        if (error == HPE_PAUSED && m_messageComplete) {
            dispatchRequest();
            return;
        }
        if (error != HPE_OK) {
            reject(400, QStringLiteral("invalid_request"),
                   QStringLiteral("Malformed HTTP request: %1")
                       .arg(QString::fromLatin1(http_errno_description(error))));
            return;
        }
        if (parsed == 0)
            break;
    }
}

void HttpConnection::startRequestTimer()
{
    m_timer.start(m_context->limits.headerTimeoutMs);
}

int HttpConnection::onMessageBegin(http_parser* parser)
{
    HttpConnection* c = self(parser);
    c->m_request = HttpRequest {};
    c->m_request.timer.start();
    c->m_field.clear();
    c->m_value.clear();
    c->m_lastWasValue = false;
    c->m_headerBytes = 0;
    c->m_messageComplete = false;
    c->m_phase = Phase::ReadingRequest;
    c->startRequestTimer();
    return 0;
}

int HttpConnection::onUrl(http_parser* parser, const char* at, size_t length)
{
    HttpConnection* c = self(parser);
    c->m_request.target.append(at, qsizetype(length));
    if (c->m_request.target.size() > c->m_context->limits.maxUriBytes)
        return c->stopParsing(
            414, QStringLiteral("uri_too_long"),
            QStringLiteral("The request URI exceeds %1 bytes").arg(c->m_context->limits.maxUriBytes));
    return 0;
}

bool HttpConnection::finishHeaderPair()
{
    if (m_request.headers.size() >= m_context->limits.maxHeaders) {
        stopParsing(431, QStringLiteral("request_header_fields_too_large"),
                    QStringLiteral("More than %1 header fields").arg(m_context->limits.maxHeaders));
        return false;
    }
    m_request.headers.append({m_field.toLower(), m_value.trimmed()});
    m_field.clear();
    m_value.clear();
    m_lastWasValue = false;
    return true;
}

int HttpConnection::stopParsing(int status, const QString& code, const QString& description)
{
    m_rejectStatus = status;
    m_rejectCode = code;
    m_rejectDescription = description;
    return -1;
}

int HttpConnection::countHeaderBytes(size_t length)
{
    m_headerBytes += qint64(length);
    if (m_headerBytes > m_context->limits.maxHeaderBytes)
        return stopParsing(
            431, QStringLiteral("request_header_fields_too_large"),
            QStringLiteral("Request headers exceed %1 bytes").arg(m_context->limits.maxHeaderBytes));
    return 0;
}

int HttpConnection::bodyTooLarge()
{
    return stopParsing(
        413, QStringLiteral("payload_too_large"),
        QStringLiteral("The request body exceeds %1 bytes").arg(m_context->limits.maxBodyBytes));
}

int HttpConnection::onHeaderField(http_parser* parser, const char* at, size_t length)
{
    HttpConnection* c = self(parser);
    if (c->m_lastWasValue && !c->finishHeaderPair())
        return -1;
    c->m_field.append(at, qsizetype(length));
    return c->countHeaderBytes(length);
}

int HttpConnection::onHeaderValue(http_parser* parser, const char* at, size_t length)
{
    HttpConnection* c = self(parser);
    c->m_value.append(at, qsizetype(length));
    c->m_lastWasValue = true;
    return c->countHeaderBytes(length);
}

int HttpConnection::onHeadersComplete(http_parser* parser)
{
    HttpConnection* c = self(parser);
    if (!c->m_field.isEmpty() && !c->finishHeaderPair())
        return -1;
    HttpRequest& request = c->m_request;
    request.method = http_method_str(static_cast<http_method>(parser->method));

    http_parser_url url;
    http_parser_url_init(&url);
    const bool isConnect = parser->method == HTTP_CONNECT;
    if (http_parser_parse_url(request.target.constData(), size_t(request.target.size()), isConnect, &url) != 0
        || !(url.field_set & (1 << UF_PATH)))
        return c->stopParsing(400, QStringLiteral("invalid_request"),
                              QStringLiteral("Malformed request target"));
    const QByteArray rawPath = request.target.mid(url.field_data[UF_PATH].off, url.field_data[UF_PATH].len);
    if (url.field_set & (1 << UF_QUERY))
        request.rawQuery = request.target.mid(url.field_data[UF_QUERY].off, url.field_data[UF_QUERY].len);
    const QByteArray decoded = QByteArray::fromPercentEncoding(rawPath);
    request.path = QString::fromUtf8(decoded);
    if (decoded.contains('\0') || request.path.toUtf8() != decoded)
        return c->stopParsing(400, QStringLiteral("invalid_request"),
                              QStringLiteral("The request path is not valid UTF-8"));

    // Refused from the declared length, before a byte of the body is buffered.
    if ((parser->flags & F_CONTENTLENGTH)
        && qint64(parser->content_length) > c->m_context->limits.maxBodyBytes)
        return c->bodyTooLarge();
    if (request.header("expect").compare("100-continue", Qt::CaseInsensitive) == 0)
        c->m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    return 0;
}

int HttpConnection::onBody(http_parser* parser, const char* at, size_t length)
{
    HttpConnection* c = self(parser);
    if (c->m_request.body.size() + qint64(length) > c->m_context->limits.maxBodyBytes)
        return c->bodyTooLarge();
    c->m_request.body.append(at, qsizetype(length));
    c->startRequestTimer(); // a stalled body times out like a stalled head
    return 0;
}

int HttpConnection::onMessageComplete(http_parser* parser)
{
    HttpConnection* c = self(parser);
    c->m_keepAlive = http_should_keep_alive(parser) != 0;
    c->m_messageComplete = true;
    http_parser_pause(parser, 1);
    return 0;
}

void HttpConnection::dispatchRequest()
{
    m_timer.stop();
    m_phase = Phase::Handling;
    HttpRequest& request = m_request;
    request.peerAddress = m_socket->peerAddress();
    bool isV4 = false;
    const quint32 v4 = request.peerAddress.toIPv4Address(&isV4);
    if (isV4)
        request.peerAddress = QHostAddress(v4);
    request.peerPort = m_socket->peerPort();
    request.tls = qobject_cast<QSslSocket*>(m_socket) != nullptr;
    const QByteArray incomingId = request.header("x-request-id");
    request.requestId = acceptableRequestId(incomingId) ? QString::fromLatin1(incomingId) : newRequestId();
    m_context->counters->requestsTotal.fetch_add(1, std::memory_order_relaxed);

    RequestIdScope scope(request.requestId);
    QFuture<HttpResponse> future;
    try {
        future = m_context->dispatch(request);
        if (future.isFinished()) {
            send(future.isValid() ? future.result()
                                  : HttpResponse::error(500, QStringLiteral("server_error"),
                                                        QStringLiteral("Internal error")));
            return;
        }
    } catch (const core::DependencyUnavailable& e) {
        send(dependencyUnavailable(e));
        return;
    } catch (const std::exception& e) {
        qCCritical(lcHttp) << "handler threw:" << e.what();
        send(HttpResponse::error(500, QStringLiteral("server_error"), QStringLiteral("Internal error")));
        return;
    }
    future.then(this, [this](HttpResponse response) { send(std::move(response)); })
        .onFailed(this, [this](const core::DependencyUnavailable& e) { send(dependencyUnavailable(e)); })
        .onFailed(this, [this] {
            send(HttpResponse::error(500, QStringLiteral("server_error"), QStringLiteral("Internal error")));
        });
}

void HttpConnection::reject(int status, const QString& code, const QString& description)
{
    auto& counters = *m_context->counters;
    if (status == 413)
        counters.rejectedTooLarge.fetch_add(1, std::memory_order_relaxed);
    else if (status == 431 || status == 414)
        counters.rejectedHeaders.fetch_add(1, std::memory_order_relaxed);
    else if (status == 408)
        counters.rejectedTimeout.fetch_add(1, std::memory_order_relaxed);
    else
        counters.rejectedMalformed.fetch_add(1, std::memory_order_relaxed);
    if (m_request.requestId.isEmpty())
        m_request.requestId = newRequestId();
    m_request.peerAddress = m_socket->peerAddress();
    RequestIdScope scope(m_request.requestId);
    qCInfo(lcHttp).noquote() << "rejected request from" << m_request.peerAddress.toString() << status << code;
    HttpResponse response = HttpResponse::error(status, code, description);
    response.closeConnection = true;
    send(std::move(response));
}

void HttpConnection::send(HttpResponse response)
{
    if (m_phase == Phase::Closing && !m_rejectStatus)
        return;
    RequestIdScope scope(m_request.requestId);
    m_context->finalize(m_request, response);
    m_context->counters->countStatus(response.status);
    if (response.takeOver) {
        handOver(response);
        return;
    }
    const bool keepAlive = m_keepAlive && !response.closeConnection && !m_draining && !m_rejectStatus;
    m_socket->write(response.serialize(keepAlive, m_request.method == "HEAD"));
    if (!keepAlive) {
        m_phase = Phase::Closing;
        m_timer.start(LingerMs);
        closeAfterWrite();
        return;
    }
    m_phase = Phase::AwaitingRequest;
    m_messageComplete = false;
    http_parser_pause(&m_parser, 0);
    m_timer.start(m_context->limits.idleTimeoutMs);
    m_buffer += m_socket->readAll();
    if (!m_buffer.isEmpty())
        parseBuffered();
}

void HttpConnection::handOver(const HttpResponse& response)
{
    m_timer.stop();
    disconnect(m_socket, nullptr, this, nullptr);
    if (auto* ssl = qobject_cast<QSslSocket*>(m_socket))
        disconnect(ssl, nullptr, this, nullptr);
    QTcpSocket* socket = m_socket;
    socket->setParent(nullptr);
    socket->setReadBufferSize(0);
    // The new owner parses the request head itself (e.g. QWebSocketServer::
    // handleConnection): rebuild it from what we parsed and put it back in front
    // of whatever is still unread. The bearer token is left out.
    QByteArray head = m_request.method + ' ' + m_request.target + " HTTP/1.1\r\n";
    for (const auto& [name, value] : std::as_const(m_request.headers)) {
        if (name != "authorization")
            head += name + ": " + value + "\r\n";
    }
    head += "\r\n";
    const QByteArray replay = head + m_buffer;
    m_buffer.clear();
    for (auto it = replay.crbegin(); it != replay.crend(); ++it)
        socket->ungetChar(*it);
    QObject* owner = parent();
    m_socket = nullptr;
    finish();
    response.takeOver(socket, owner);
}

void HttpConnection::closeAfterWrite()
{
    auto* ssl = qobject_cast<QSslSocket*>(m_socket);
    m_socket->flush(); // QSslSocket encrypts lazily; this moves the reply into the TCP buffer
    if (m_socket->bytesToWrite() > 0 || (ssl && ssl->encryptedBytesToWrite() > 0))
        return; // called again from bytesWritten
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    // Half-close: the reply is out; keep reading (and discarding) until the peer
    // closes or the linger timer fires, so unread input does not turn into a RST
    // that destroys the reply before the client reads it.
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
}

void HttpConnection::onTimeout()
{
    switch (m_phase) {
    case Phase::AwaitingRequest:
        m_phase = Phase::Closing;
        m_socket->abort();
        finish();
        break;
    case Phase::ReadingRequest:
        reject(408, QStringLiteral("request_timeout"),
               QStringLiteral("The request was not received in time"));
        break;
    case Phase::Handling:
        break;
    case Phase::Closing:
        m_socket->abort();
        finish();
        break;
    }
}

void HttpConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_phase = Phase::Closing;
    m_timer.stop();
    emit closed();
    deleteLater();
}

} // namespace auth::http
