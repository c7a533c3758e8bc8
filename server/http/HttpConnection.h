#pragma once

#include "http/HttpLimits.h"
#include "http/HttpRequest.h"
#include "http/HttpResponse.h"

#include <QFuture>
#include <QObject>
#include <QTimer>
#include <functional>
#include <http_parser.h>

class QTcpSocket;

namespace auth::http {

struct HttpCounters;

// What a connection needs from its server; shared by all connections.
struct ConnectionContext
{
    HttpLimits limits;
    std::function<QFuture<HttpResponse>(HttpRequest&)> dispatch;
    std::function<void(const HttpRequest&, HttpResponse&)> finalize;
    HttpCounters* counters = nullptr;
};

// One client connection: HTTP/1.1 parsed by http-parser, limits enforced while the
// bytes arrive (a too-large body is refused from its Content-Length, before it is
// read), one request in flight at a time (pipelined requests wait in the socket,
// which gives TCP back-pressure), keep-alive with idle and header timeouts.
class HttpConnection : public QObject
{
    Q_OBJECT
signals:
    void closed();

public:
    HttpConnection(QTcpSocket* socket, const ConnectionContext* context, QObject* parent = nullptr);
    ~HttpConnection() override;

    // Finish the request in flight (if any), then close.
    void drain();

private slots:
    void onReadyRead();
    void onTimeout();

private:
    enum class Phase { AwaitingRequest, ReadingRequest, Handling, Closing };

    static int onMessageBegin(http_parser* parser);
    static int onUrl(http_parser* parser, const char* at, size_t length);
    static int onHeaderField(http_parser* parser, const char* at, size_t length);
    static int onHeaderValue(http_parser* parser, const char* at, size_t length);
    static int onHeadersComplete(http_parser* parser);
    static int onBody(http_parser* parser, const char* at, size_t length);
    static int onMessageComplete(http_parser* parser);
    static const http_parser_settings& settings();

    void parseBuffered();
    void reject(int status, const QString& code, const QString& description);
    void dispatchRequest();
    void send(HttpResponse response);
    void closeAfterWrite();
    void handOver(const HttpResponse& response);
    bool finishHeaderPair();
    // Keeps the answer for parseBuffered() to send and returns the parser's
    // stop value (-1).
    int stopParsing(int status, const QString& code, const QString& description);
    // Counts header bytes against the limit (0, or a 431 stop).
    int countHeaderBytes(size_t length);
    int bodyTooLarge();
    void startRequestTimer();
    void finish();

    QTcpSocket* m_socket;
    const ConnectionContext* m_context;
    http_parser m_parser;
    QTimer m_timer;
    Phase m_phase = Phase::AwaitingRequest;
    QByteArray m_buffer; // received but not yet parsed (while a request is handled)
    HttpRequest m_request;
    QByteArray m_field;
    QByteArray m_value;
    bool m_lastWasValue = false;
    qint64 m_headerBytes = 0;
    bool m_keepAlive = true;
    bool m_draining = false;
    bool m_messageComplete = false;
    bool m_finished = false;
    int m_rejectStatus = 0;
    QString m_rejectCode;
    QString m_rejectDescription;
};

} // namespace auth::http
