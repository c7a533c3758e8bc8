#include "FakeGateway.h"

#include "TestTls.h"

#include <QFile>
#include <QSslConfiguration>
#include <QSslSocket>

namespace auth::test {
namespace {

constexpr qsizetype kMaxRequest = 1024 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 500:
        return "Internal Server Error";
    default:
        return "Status";
    }
}

} // namespace

struct FakeGateway::Connection
{
    QByteArray buffer;
    int record = -1; // index into m_sessions (SMTP)
    bool inData = false;
    QByteArray loginStage; // "user" or "password" during AUTH LOGIN
    QByteArray loginUser;
    bool done = false;
};

FakeGateway::FakeGateway(Protocol protocol, QObject* parent)
    : QTcpServer(parent)
    , m_protocol(protocol)
    , m_responseBody(R"({"sid":"SM00000000000000000000000000000001","status":"queued"})")
    , m_contentType("application/json")
{
}

bool FakeGateway::start(QString* error)
{
    const QString certPath = m_dir.filePath(QStringLiteral("gateway.pem"));
    const QString keyPath = m_dir.filePath(QStringLiteral("gateway.key"));
    if (!m_dir.isValid() || !writeSelfSignedCertificate(certPath, keyPath, error))
        return false;
    m_certificate = QSslCertificate::fromPath(certPath).value(0);
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        *error = keyFile.errorString();
        return false;
    }
    m_key = QSslKey(keyFile.readAll(), QSsl::Ec, QSsl::Pem);
    if (m_certificate.isNull() || m_key.isNull()) {
        *error = QStringLiteral("cannot load the gateway certificate");
        return false;
    }
    if (!listen(QHostAddress::LocalHost, 0)) {
        *error = errorString();
        return false;
    }
    return true;
}

QString FakeGateway::baseUrl() const
{
    return QStringLiteral("https://127.0.0.1:%1").arg(serverPort());
}

QString FakeGateway::caFile() const
{
    return m_dir.filePath(QStringLiteral("gateway.pem"));
}

void FakeGateway::setHttpResponse(int status, const QByteArray& body, const QByteArray& contentType,
                                  const QList<QPair<QByteArray, QByteArray>>& headers)
{
    m_status = status;
    m_responseBody = body;
    m_contentType = contentType;
    m_responseHeaders = headers;
}

void FakeGateway::incomingConnection(qintptr descriptor)
{
    auto* socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        socket->deleteLater();
        return;
    }
    socket->setLocalCertificate(m_certificate);
    socket->setPrivateKey(m_key);
    auto state = std::make_shared<Connection>();
    m_connections.insert(socket, state);
    connect(socket, &QSslSocket::disconnected, this, [this, socket] {
        m_connections.remove(socket);
        socket->deleteLater();
    });
    connect(socket, &QSslSocket::sslErrors, socket, [socket](const QList<QSslError>&) { socket->abort(); });
    if (m_silent)
        return;
    if (m_protocol == Protocol::Https) {
        connect(socket, &QSslSocket::readyRead, this, [this, socket, state] { onHttpData(socket, *state); });
        socket->startServerEncryption();
        return;
    }
    m_sessions.append(SmtpRecord());
    state->record = int(m_sessions.size() - 1);
    connect(socket, &QSslSocket::readyRead, this, [this, socket, state] { onSmtpData(socket, *state); });
    if (m_smtp.implicitTls) {
        m_sessions.last().tlsUsed = true;
        connect(socket, &QSslSocket::encrypted, socket,
                [socket] { socket->write("220 fake.test ESMTP\r\n"); });
        socket->startServerEncryption();
    } else {
        socket->write("220 fake.test ESMTP\r\n");
    }
}

void FakeGateway::onHttpData(QSslSocket* socket, Connection& state)
{
    state.buffer += socket->readAll();
    if (state.done)
        return;
    const qsizetype headerEnd = state.buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0 || state.buffer.size() > kMaxRequest) {
        if (state.buffer.size() > kMaxRequest)
            socket->abort();
        return;
    }
    HttpRequest request;
    const QByteArrayList lines = state.buffer.left(headerEnd).split('\n');
    const QByteArrayList requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.path = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                   lines[i].mid(colon + 1).trimmed());
    }
    if (request.headers.contains("transfer-encoding")) {
        socket->write("HTTP/1.1 411 Length Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
        state.done = true;
        return;
    }
    const qsizetype length = request.headers.value("content-length", "0").toLongLong();
    if (state.buffer.size() < headerEnd + 4 + length)
        return;
    request.body = state.buffer.mid(headerEnd + 4, length);
    m_requests.append(request);
    state.done = true;
    QByteArray response = "HTTP/1.1 " + QByteArray::number(m_status) + ' ' + reasonPhrase(m_status) + "\r\n";
    response += "Content-Type: " + m_contentType + "\r\n";
    for (const auto& [name, value] : m_responseHeaders)
        response += name + ": " + value + "\r\n";
    response
        += "Content-Length: " + QByteArray::number(m_responseBody.size()) + "\r\nConnection: close\r\n\r\n";
    socket->write(response + m_responseBody);
    socket->disconnectFromHost();
}

void FakeGateway::onSmtpData(QSslSocket* socket, Connection& state)
{
    state.buffer += socket->readAll();
    for (;;) {
        if (state.done)
            return;
        const qsizetype end = state.buffer.indexOf("\r\n");
        if (end < 0) {
            if (state.buffer.size() > kMaxRequest)
                socket->abort();
            return;
        }
        const QByteArray line = state.buffer.left(end);
        state.buffer.remove(0, end + 2);
        SmtpRecord& record = m_sessions[state.record];
        if (state.inData) {
            if (line == ".") {
                state.inData = false;
                socket->write(m_smtp.failCommand == "END-OF-DATA" ? m_smtp.failReply + "\r\n"
                                                                  : QByteArray("250 2.0.0 Ok: queued\r\n"));
            } else {
                record.data += line + "\r\n";
            }
            continue;
        }
        record.commands.append(line);
        smtpCommand(socket, state, line);
    }
}

void FakeGateway::smtpCommand(QSslSocket* socket, Connection& state, const QByteArray& line)
{
    SmtpRecord& record = m_sessions[state.record];
    const QByteArray upper = line.toUpper();
    const auto reply = [socket](const QByteArray& text) { socket->write(text + "\r\n"); };
    if (!state.loginStage.isEmpty()) {
        const QByteArray value = QByteArray::fromBase64(line);
        if (state.loginStage == "user") {
            state.loginUser = value;
            state.loginStage = "password";
            return reply("334 UGFzc3dvcmQ6");
        }
        state.loginStage.clear();
        record.authenticated = state.loginUser == m_smtp.user && value == m_smtp.password;
        return reply(record.authenticated ? "235 2.7.0 Authentication successful"
                                          : "535 5.7.8 Bad credentials");
    }
    if (!m_smtp.failCommand.isEmpty() && upper.startsWith(m_smtp.failCommand))
        return reply(m_smtp.failReply);
    if (upper.startsWith("EHLO ")) {
        QByteArray text = "250-fake.test greets you\r\n";
        if (m_smtp.offerStartTls && !socket->isEncrypted())
            text += "250-STARTTLS\r\n";
        if (!m_smtp.authMechanisms.isEmpty())
            text += "250-AUTH " + m_smtp.authMechanisms.join(' ') + "\r\n";
        return reply(text + "250 8BITMIME");
    }
    if (upper == "STARTTLS" && m_smtp.offerStartTls && !socket->isEncrypted()) {
        reply(m_smtp.injectAfterStartTls ? QByteArray("220 Go ahead\r\n250 injected")
                                         : QByteArray("220 Go ahead"));
        record.tlsUsed = true;
        socket->startServerEncryption();
        return;
    }
    if (upper.startsWith("AUTH PLAIN ") && m_smtp.authMechanisms.contains("PLAIN")) {
        const QByteArrayList parts = QByteArray::fromBase64(line.mid(11)).split('\0');
        record.authenticated = parts.size() == 3 && parts[1] == m_smtp.user && parts[2] == m_smtp.password;
        return reply(record.authenticated ? "235 2.7.0 Authentication successful"
                                          : "535 5.7.8 Bad credentials");
    }
    if (upper == "AUTH LOGIN" && m_smtp.authMechanisms.contains("LOGIN")) {
        state.loginStage = "user";
        return reply("334 VXNlcm5hbWU6");
    }
    if (upper.startsWith("MAIL FROM:<") || upper.startsWith("RCPT TO:<")) {
        if (!m_smtp.user.isEmpty() && !record.authenticated)
            return reply("530 5.7.0 Authentication required");
        return reply("250 2.1.0 Ok");
    }
    if (upper == "DATA") {
        state.inData = true;
        return reply("354 End data with <CR><LF>.<CR><LF>");
    }
    if (upper == "QUIT") {
        reply("221 2.0.0 Bye");
        state.done = true;
        socket->disconnectFromHost();
        return;
    }
    reply("502 5.5.2 Command not recognized");
}

} // namespace auth::test
