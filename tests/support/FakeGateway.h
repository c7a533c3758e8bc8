#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>
#include <QTemporaryDir>
#include <memory>

class QSslSocket;

namespace auth::test {

// A small HTTPS or SMTP server on a free loopback port that records everything it
// receives and can be told to fail, standing in for Twilio, SendGrid and mail
// servers. Its TLS certificate is self-signed for 127.0.0.1/localhost; caFile()
// names the PEM file to trust.
class FakeGateway : public QTcpServer
{
    Q_OBJECT

public:
    enum class Protocol { Https, Smtp };

    struct HttpRequest
    {
        QByteArray method;
        QByteArray path;
        QMap<QByteArray, QByteArray> headers; // names lower-cased
        QByteArray body;
    };

    struct SmtpBehaviour
    {
        bool offerStartTls = true;
        bool implicitTls = false;
        QByteArrayList authMechanisms = {"PLAIN", "LOGIN"};
        QByteArray user; // AUTH succeeds only with these
        QByteArray password;
        QByteArray failCommand; // a command prefix ("RCPT TO", "MAIL FROM") or "END-OF-DATA"
        QByteArray failReply = "554 5.7.1 Message rejected";
        bool injectAfterStartTls = false; // send plain text right after "220" to STARTTLS
    };

    struct SmtpRecord
    {
        QByteArrayList commands; // client lines outside DATA, as received
        QByteArray data; // the DATA section as sent on the wire (dot-stuffed), without the final ".\r\n"
        bool tlsUsed = false;
        bool authenticated = false;
    };

    explicit FakeGateway(Protocol protocol, QObject* parent = nullptr);

    // Listens on 127.0.0.1 on a free port; false with `error` on failure.
    bool start(QString* error);
    QString baseUrl() const; // https://127.0.0.1:PORT
    QString caFile() const;

    // HTTPS: the answer to every request (default 201 with a Twilio-like JSON body).
    void setHttpResponse(int status, const QByteArray& body,
                         const QByteArray& contentType = "application/json",
                         const QList<QPair<QByteArray, QByteArray>>& headers = {});
    // Accept connections but never answer (HTTP or SMTP), to test timeouts.
    void setSilent(bool silent) { m_silent = silent; }
    SmtpBehaviour& smtp() { return m_smtp; }

    QList<HttpRequest> requests() const { return m_requests; }
    QList<SmtpRecord> smtpSessions() const { return m_sessions; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    struct Connection;
    void onHttpData(QSslSocket* socket, Connection& state);
    void onSmtpData(QSslSocket* socket, Connection& state);
    void smtpCommand(QSslSocket* socket, Connection& state, const QByteArray& line);

    Protocol m_protocol;
    QTemporaryDir m_dir;
    QSslCertificate m_certificate;
    QSslKey m_key;
    bool m_silent = false;
    int m_status = 201;
    QByteArray m_responseBody;
    QByteArray m_contentType;
    QList<QPair<QByteArray, QByteArray>> m_responseHeaders;
    SmtpBehaviour m_smtp;
    QList<HttpRequest> m_requests;
    QList<SmtpRecord> m_sessions;
    QMap<QSslSocket*, std::shared_ptr<Connection>> m_connections;
};

} // namespace auth::test
