#include "http/HttpServer.h"

#include "logging/LogCategories.h"

#include <QDeadlineTimer>
#include <QSslSocket>
#include <QThread>
#include <QTimer>
#include <unistd.h>

namespace auth::http {

class HttpServer::Acceptor : public QTcpServer
{
public:
    explicit Acceptor(HttpServer* server)
        : m_server(server)
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override { m_server->adopt(descriptor); }

private:
    HttpServer* m_server;
};

HttpServer::HttpServer(Options options, std::function<QFuture<HttpResponse>(HttpRequest&)> dispatch,
                       std::function<void(const HttpRequest&, HttpResponse&)> finalize, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_acceptor(std::make_unique<Acceptor>(this))
{
    m_context.limits = m_options.limits;
    m_context.dispatch = std::move(dispatch);
    m_context.finalize = std::move(finalize);
    m_context.counters = &m_counters;
    const int count
        = m_options.workerThreads > 0 ? m_options.workerThreads : qMax(1, QThread::idealThreadCount());
    for (int i = 0; i < count; ++i) {
        auto* thread = new QThread;
        thread->setObjectName(QStringLiteral("http-%1").arg(i));
        auto* worker = new HttpWorker(&m_context, m_options.tls);
        worker->moveToThread(thread);
        connect(thread, &QThread::finished, worker, &QObject::deleteLater);
        thread->start();
        m_threads.append(thread);
        m_workers.append(worker);
    }
}

HttpServer::~HttpServer()
{
    m_acceptor->close();
    for (QThread* thread : std::as_const(m_threads)) {
        thread->quit();
        thread->wait();
        delete thread;
    }
}

bool HttpServer::listen(const QHostAddress& address, quint16 port, QString* error)
{
    m_acceptor->setListenBacklogSize(1024);
    if (!m_acceptor->listen(address, port)) {
        if (error)
            *error = m_acceptor->errorString();
        return false;
    }
    return true;
}

quint16 HttpServer::port() const
{
    return m_acceptor->serverPort();
}

void HttpServer::adopt(qintptr descriptor)
{
    if (m_counters.connectionsOpen.load() >= m_options.limits.maxConnections) {
        m_counters.rejectedConnections.fetch_add(1, std::memory_order_relaxed);
        ::close(int(descriptor));
        return;
    }
    m_counters.connectionsOpen.fetch_add(1);
    HttpWorker* worker = m_workers.at(m_next++ % m_workers.size());
    QMetaObject::invokeMethod(
        worker, [worker, descriptor] { worker->adopt(descriptor); }, Qt::QueuedConnection);
}

void HttpServer::shutdown(int graceMs)
{
    m_acceptor->close();
    for (HttpWorker* worker : std::as_const(m_workers))
        QMetaObject::invokeMethod(
            worker, [worker] { worker->drain(); }, Qt::QueuedConnection);
    auto* poll = new QTimer(this);
    const QDeadlineTimer deadline(graceMs);
    connect(poll, &QTimer::timeout, this, [this, poll, deadline] {
        if (m_counters.connectionsOpen.load() > 0 && !deadline.hasExpired())
            return;
        if (m_counters.connectionsOpen.load() > 0)
            qCWarning(lcHttp) << "shutdown grace expired with" << m_counters.connectionsOpen.load()
                              << "connections open";
        poll->deleteLater();
        emit drained();
    });
    poll->start(25);
}

HttpWorker::HttpWorker(const ConnectionContext* context, std::optional<QSslConfiguration> tls)
    : m_context(context)
    , m_tls(std::move(tls))
{
}

void HttpWorker::adopt(qintptr descriptor)
{
    QTcpSocket* socket = m_tls ? new QSslSocket : new QTcpSocket;
    if (m_draining || !socket->setSocketDescriptor(descriptor)) {
        ::close(int(descriptor));
        delete socket;
        m_context->counters->connectionsOpen.fetch_sub(1);
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    auto* connection = new HttpConnection(socket, m_context, this);
    connect(connection, &HttpConnection::closed, this,
            [counters = m_context->counters] { counters->connectionsOpen.fetch_sub(1); });
    if (auto* ssl = qobject_cast<QSslSocket*>(socket)) {
        ssl->setSslConfiguration(*m_tls);
        connect(ssl, &QSslSocket::sslErrors, ssl, [ssl](const QList<QSslError>&) { ssl->abort(); });
        ssl->startServerEncryption();
    }
}

void HttpWorker::drain()
{
    m_draining = true;
    for (HttpConnection* connection : findChildren<HttpConnection*>(Qt::FindDirectChildrenOnly))
        connection->drain();
}

} // namespace auth::http
