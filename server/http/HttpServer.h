#pragma once

#include "http/HttpConnection.h"
#include "http/HttpCounters.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QTcpServer>
#include <memory>
#include <optional>

class QThread;

namespace auth::http {

class HttpWorker;

// Accepts on one thread and hands each connection to one of N worker threads,
// each with its own event loop; handlers run on the worker and return futures, so
// slow work goes to a thread pool and no loop ever waits for it.
class HttpServer : public QObject
{
    Q_OBJECT
signals:
    void drained();

public:
    struct Options
    {
        HttpLimits limits;
        int workerThreads = 0; // 0: one per core
        std::optional<QSslConfiguration> tls;
    };

    HttpServer(Options options, std::function<QFuture<HttpResponse>(HttpRequest&)> dispatch,
               std::function<void(const HttpRequest&, HttpResponse&)> finalize, QObject* parent = nullptr);
    ~HttpServer() override;

    bool listen(const QHostAddress& address, quint16 port, QString* error);
    quint16 port() const;
    bool isTls() const { return m_options.tls.has_value(); }
    int workerCount() const { return int(m_workers.size()); }
    HttpCounters& counters() { return m_counters; }
    const HttpCounters& counters() const { return m_counters; }

    // Stops accepting, lets requests in flight finish (at most `graceMs`), then emits drained().
    void shutdown(int graceMs);

private:
    class Acceptor;
    void adopt(qintptr descriptor);

    Options m_options;
    HttpCounters m_counters;
    ConnectionContext m_context;
    std::unique_ptr<Acceptor> m_acceptor;
    QList<QThread*> m_threads;
    QList<HttpWorker*> m_workers;
    int m_next = 0;
};

// Owns the connections of one thread.
class HttpWorker : public QObject
{
    Q_OBJECT
public:
    HttpWorker(const ConnectionContext* context, std::optional<QSslConfiguration> tls);
    void adopt(qintptr descriptor);
    void drain();

private:
    const ConnectionContext* m_context;
    std::optional<QSslConfiguration> m_tls;
    bool m_draining = false;
};

} // namespace auth::http
