#pragma once

#include <QByteArray>
#include <QSslSocket>
#include <memory>

namespace auth::test {

// Speaks raw bytes to the server over TLS (certificate checks off: the test
// owns both ends), for requests no well-behaved HTTP client would send.
class RawHttpClient
{
public:
    explicit RawHttpClient(quint16 port, bool tls = true);
    bool connectToServer(int timeoutMs = 5000);
    bool send(const QByteArray& bytes);
    // Reads until `until` appears in the received data, the peer closes, or the timeout.
    QByteArray read(int timeoutMs = 5000, const QByteArray& until = {});
    bool peerClosed() const;
    QAbstractSocket* socket() { return m_socket.get(); }

    // Connect, send, read until the peer closes or the timeout.
    static QByteArray exchange(quint16 port, const QByteArray& bytes, int timeoutMs = 5000);
    static int statusOf(const QByteArray& response);

private:
    quint16 m_port;
    bool m_tls;
    std::unique_ptr<QSslSocket> m_socket;
};

} // namespace auth::test
