#include "RawHttpClient.h"

#include <QDeadlineTimer>
#include <QHostAddress>

namespace auth::test {

RawHttpClient::RawHttpClient(quint16 port, bool tls)
    : m_port(port)
    , m_tls(tls)
    , m_socket(std::make_unique<QSslSocket>())
{
    m_socket->setPeerVerifyMode(QSslSocket::VerifyNone);
}

bool RawHttpClient::connectToServer(int timeoutMs)
{
    if (m_tls) {
        m_socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_port);
        return m_socket->waitForEncrypted(timeoutMs);
    }
    m_socket->connectToHost(QHostAddress::LocalHost, m_port);
    return m_socket->waitForConnected(timeoutMs);
}

bool RawHttpClient::send(const QByteArray& bytes)
{
    if (m_socket->write(bytes) != bytes.size())
        return false;
    QDeadlineTimer deadline(5000);
    while (m_socket->bytesToWrite() > 0 || m_socket->encryptedBytesToWrite() > 0) {
        if (deadline.hasExpired() || !m_socket->waitForBytesWritten(int(deadline.remainingTime())))
            return m_socket->bytesToWrite() == 0;
    }
    return true;
}

QByteArray RawHttpClient::read(int timeoutMs, const QByteArray& until)
{
    QByteArray received;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        received += m_socket->readAll();
        if (!until.isEmpty() && received.contains(until))
            break;
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            break;
        m_socket->waitForReadyRead(int(qMin<qint64>(deadline.remainingTime(), 200)));
    }
    received += m_socket->readAll();
    return received;
}

bool RawHttpClient::peerClosed() const
{
    return m_socket->state() != QAbstractSocket::ConnectedState;
}

QByteArray RawHttpClient::exchange(quint16 port, const QByteArray& bytes, int timeoutMs)
{
    RawHttpClient client(port);
    if (!client.connectToServer())
        return {};
    client.send(bytes);
    return client.read(timeoutMs);
}

int RawHttpClient::statusOf(const QByteArray& response)
{
    // "HTTP/1.1 413 ..." possibly after a "100 Continue" interim response.
    qsizetype at = 0;
    while (true) {
        if (!response.mid(at).startsWith("HTTP/1."))
            return 0;
        const int status = response.mid(at + 9, 3).toInt();
        if (status != 100)
            return status;
        const qsizetype next = response.indexOf("\r\n\r\n", at);
        if (next < 0)
            return status;
        at = next + 4;
    }
}

} // namespace auth::test
