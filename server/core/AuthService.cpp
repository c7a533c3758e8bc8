#include "core/AuthService.h"

#include "core/HealthController.h"
#include "core/HealthMonitor.h"
#include "events/SecurityEvent.h"
#include "http/HttpServer.h"
#include "http/TlsSettings.h"
#include "logging/LogCategories.h"
#include "logging/Logger.h"
#include "storage/Database.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>
#include <QUuid>

namespace auth::core {

namespace {

// In development an unwritable system directory falls back to ./var/...; in
// production the operator's choice stands and failing to use it is an error.
QString resolveDir(const Config& config, const QString& key, const QString& systemDefault,
                   const QString& devFallback)
{
    const QString configured = config.string(key);
    if (!configured.isEmpty())
        return configured;
    if (config.isProduction())
        return systemDefault;
    const QFileInfo info(systemDefault);
    if ((info.exists() && info.isWritable())
        || (!info.exists() && QFileInfo(info.absolutePath()).isWritable()))
        return systemDefault;
    return QDir::current().absoluteFilePath(devFallback);
}

} // namespace

AuthService::AuthService(Config config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
{
    m_context.config = &m_config;
    m_context.cpuPool = &m_cpuPool;
    m_context.instanceId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_context.trustedProxies = parseSubnets(m_config.list(QStringLiteral("server.trusted_proxies")));
    m_headers.enabled = m_config.boolean(QStringLiteral("security.headers_enabled"));
    m_headers.hstsMaxAge = m_config.integer(QStringLiteral("security.hsts_max_age"));
    m_headers.contentSecurityPolicy = m_config.string(QStringLiteral("security.csp_policy")).toUtf8();
    m_forceHttps = m_config.boolean(QStringLiteral("server.force_https"));
    m_cpuPool.setMaxThreadCount(qMax(1, QThread::idealThreadCount()));
    registerRoutes();
}

AuthService::~AuthService()
{
    m_http.reset();
    m_cpuPool.waitForDone();
}

QString AuthService::resolveLogDir(const Config& config)
{
    return resolveDir(config, QStringLiteral("log.dir"), QStringLiteral("/var/log/auth-service"),
                      QStringLiteral("var/log"));
}

QString AuthService::resolveDataDir(const Config& config)
{
    return resolveDir(config, QStringLiteral("storage.data_dir"), QStringLiteral("/var/lib/auth-service"),
                      QStringLiteral("var/lib"));
}

void AuthService::registerRoutes()
{
    m_healthController = std::make_unique<HealthController>(m_context);
    m_healthController->registerRoutes(m_router);
}

quint16 AuthService::port() const
{
    return m_http ? m_http->port() : 0;
}

bool AuthService::openStorage(QString* error)
{
    auto url = storage::DatabaseUrl::parse(m_config.string(QStringLiteral("storage.database_url")),
                                           m_context.dataDir, error);
    if (!url)
        return false;
    m_database = std::make_unique<storage::Database>(*url);
    if (!m_database->open(error))
        return false;
    m_context.database = m_database.get();
    // A stable id for this installation, shared by every instance on one database.
    m_context.installationId
        = m_database
              ->run([](QSqlDatabase& db) {
                  QSqlQuery query(db);
                  query.exec(QStringLiteral("SELECT id FROM installation"));
                  if (query.next())
                      return query.value(0).toString();
                  const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
                  query.prepare(QStringLiteral("INSERT INTO installation (id, created_at) VALUES (?, ?)"));
                  query.addBindValue(id);
                  query.addBindValue(QDateTime::currentSecsSinceEpoch());
                  if (query.exec())
                      return id;
                  query.exec(QStringLiteral("SELECT id FROM installation")); // another instance won the race
                  return query.next() ? query.value(0).toString() : QString();
              })
              .result();
    qCInfo(lcStorage).noquote() << "storage" << url->redacted() << "schema version"
                                << m_database->schemaVersion();
    return true;
}

bool AuthService::start(QString* error)
{
    m_context.logDir = resolveLogDir(m_config);
    m_context.dataDir = resolveDataDir(m_config);
    QString logError;
    if (!Logger::instance().open(m_context.logDir, &logError)) {
        *error = QStringLiteral("LOG_DIR: %1").arg(logError);
        return false;
    }
    if (!QDir().mkpath(m_context.dataDir)) {
        *error = QStringLiteral("DATA_DIR: cannot create %1").arg(m_context.dataDir);
        return false;
    }
    QFile::setPermissions(m_context.dataDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    http::HttpServer::Options options;
    options.limits.maxBodyBytes = m_config.integer(QStringLiteral("limits.max_body_bytes"));
    options.limits.maxHeaderBytes = m_config.integer(QStringLiteral("limits.max_header_bytes"));
    options.limits.maxHeaders = int(m_config.integer(QStringLiteral("limits.max_headers")));
    options.limits.maxUriBytes = m_config.integer(QStringLiteral("limits.max_uri_bytes"));
    options.limits.headerTimeoutMs = int(m_config.durationMs(QStringLiteral("limits.header_timeout")));
    options.limits.idleTimeoutMs = int(m_config.durationMs(QStringLiteral("limits.idle_timeout")));
    options.limits.maxConnections = int(m_config.integer(QStringLiteral("limits.max_connections")));
    options.workerThreads = int(m_config.integer(QStringLiteral("server.worker_threads")));

    const QString certPath = m_config.string(QStringLiteral("tls.cert_path"));
    const QString keyPath = m_config.string(QStringLiteral("tls.key_path"));
    if (!certPath.isEmpty() || !keyPath.isEmpty()) {
        options.tls = http::loadServerTls(certPath, keyPath, error);
        if (!options.tls)
            return false;
    } else if (!m_config.boolean(QStringLiteral("server.allow_plain_http")) || m_config.isProduction()) {
        *error = QStringLiteral("TLS_CERT_PATH/TLS_KEY_PATH: no TLS certificate configured "
                                "(set ALLOW_PLAIN_HTTP=true to serve plain HTTP outside production)");
        return false;
    } else {
        qCWarning(lcServer) << "serving plain HTTP: ALLOW_PLAIN_HTTP is set; never do this in production";
    }

    if (!openStorage(error))
        return false;
    m_health = std::make_unique<HealthMonitor>(m_database.get());
    m_context.health = m_health.get();

    m_http = std::make_unique<http::HttpServer>(
        options, [this](http::HttpRequest& request) { return dispatch(request); },
        [this](const http::HttpRequest& request, http::HttpResponse& response) {
            finalize(request, response);
        });
    m_context.http = m_http.get();
    m_context.counters = &m_http->counters();
    const QHostAddress address(m_config.string(QStringLiteral("server.bind_address")));
    const auto port = quint16(m_config.integer(QStringLiteral("server.port")));
    QString listenError;
    if (!m_http->listen(address, port, &listenError)) {
        *error
            = QStringLiteral("cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(listenError);
        return false;
    }
    m_context.startedAt = QDateTime::currentDateTimeUtc();
    m_health->start();
    qCInfo(lcServer).noquote() << QStringLiteral("listening on %1://%2:%3 with %4 worker threads")
                                      .arg(m_http->isTls() ? QStringLiteral("https") : QStringLiteral("http"),
                                           address.toString())
                                      .arg(m_http->port())
                                      .arg(m_http->workerCount());
    auto event = SecurityEvent::make(events::ServiceStarted, Severity::Info,
                                     {{QStringLiteral("instance_id"), m_context.instanceId},
                                      {QStringLiteral("tls"), m_http->isTls()},
                                      {QStringLiteral("port"), m_http->port()}});
    Logger::instance().security(event);
    return true;
}

void AuthService::stop(int graceMs)
{
    if (!m_http) {
        emit stopped();
        return;
    }
    qCInfo(lcServer) << "draining in-flight requests";
    connect(
        m_http.get(), &http::HttpServer::drained, this,
        [this] {
            Logger::instance().security(
                SecurityEvent::make(events::ServiceStopped, Severity::Info,
                                    {{QStringLiteral("instance_id"), m_context.instanceId}}));
            emit stopped();
        },
        Qt::SingleShotConnection);
    m_http->shutdown(graceMs);
}

QFuture<http::HttpResponse> AuthService::dispatch(http::HttpRequest& request)
{
    if (m_forceHttps && !isSecureRequest(request, m_context.trustedProxies)) {
        if (request.method == "GET" || request.method == "HEAD") {
            http::HttpResponse redirect;
            redirect.status = 308;
            const QByteArray host = request.header("host");
            redirect.setHeader(
                "Location", "https://" + (host.isEmpty() ? QByteArray("localhost") : host) + request.target);
            return http::ready(redirect);
        }
        return http::ready(
            http::HttpResponse::error(403, QStringLiteral("https_required"),
                                      QStringLiteral("This server only accepts HTTPS requests")));
    }
    const http::Router::Match match = m_router.match(request.method, request.path);
    if (!match.handler) {
        if (!match.allowedMethods.isEmpty()) {
            http::HttpResponse response = http::HttpResponse::error(
                405, QStringLiteral("method_not_allowed"),
                QStringLiteral("%1 is not allowed here").arg(QString::fromLatin1(request.method)));
            QByteArray allow = match.allowedMethods.join(", ");
            if (match.allowedMethods.contains("GET"))
                allow += ", HEAD";
            response.setHeader("Allow", allow);
            return http::ready(response);
        }
        return http::ready(
            http::HttpResponse::error(404, QStringLiteral("not_found"), QStringLiteral("No such resource")));
    }
    request.pathParams = match.params;
    return (*match.handler)(request);
}

void AuthService::finalize(const http::HttpRequest& request, http::HttpResponse& response)
{
    applySecurityHeaders(m_headers, isSecureRequest(request, m_context.trustedProxies), response);
    response.setHeader("X-Request-Id", request.requestId.toLatin1());
    if (Logger::instance().level() <= LogLevel::Debug) {
        Logger::instance().application(
            LogLevel::Debug, QStringLiteral("auth.server.http"), QStringLiteral("request"),
            {{QStringLiteral("method"), QString::fromLatin1(request.method)},
             {QStringLiteral("path"), request.path},
             {QStringLiteral("status"), response.status},
             {QStringLiteral("source_ip"), request.peerAddress.toString()},
             {QStringLiteral("duration_ms"), double(request.timer.nsecsElapsed()) / 1e6}});
    }
}

} // namespace auth::core
