#include "core/AuthService.h"

#include "accounts/AuthController.h"
#include "accounts/PasswordHasher.h"
#include "accounts/PasswordPolicy.h"
#include "accounts/UserRepository.h"
#include "admin/AdminController.h"
#include "admin/SecurityOperations.h"
#include "core/Clock.h"
#include "core/DependencyUnavailable.h"
#include "core/Events.h"
#include "core/HealthController.h"
#include "core/HealthMonitor.h"
#include "core/RateLimiter.h"
#include "crypto/Aead.h"
#include "crypto/Random.h"
#include "events/EventsModule.h"
#include "events/SecurityEvent.h"
#include "http/HttpServer.h"
#include "http/TlsSettings.h"
#include "logging/LogCategories.h"
#include "logging/Logger.h"
#include "mfa/CodeController.h"
#include "mfa/MfaController.h"
#include "mfa/MfaService.h"
#include "mfa/TotpMethod.h"
#include "mfa/WebAuthnController.h"
#include "oauth/OAuthModule.h"
#include "state/MemoryStateStore.h"
#include "storage/Database.h"
#include "threats/ThreatModule.h"
#include "tokens/KeyManager.h"
#include "tokens/TokenService.h"
#include "tokens/WellKnownController.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>
#include <QUuid>
#include <cstdio>

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
    m_health.reset(); // its checks use the state store, which goes first
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
    m_wellKnown = std::make_unique<tokens::WellKnownController>(m_context);
    m_wellKnown->registerRoutes(m_router);
    m_authController = std::make_unique<accounts::AuthController>(m_context);
    m_authController->registerRoutes(m_router);
    m_adminController = std::make_unique<admin::AdminController>(m_context);
    m_adminController->registerRoutes(m_router);
    m_oauth = std::make_unique<oauth::OAuthModule>(m_context);
    m_oauth->registerRoutes(m_router);
    m_mfa = std::make_unique<mfa::MfaController>(m_context);
    m_mfa->registerRoutes(m_router);
    m_events = std::make_unique<events::EventsModule>(m_context);
    m_events->registerRoutes(m_router);
    m_threats = std::make_unique<threats::ThreatModule>(m_context);
    m_threats->registerRoutes(m_router);
    m_secops = std::make_unique<admin::SecurityOperations>(m_context);
    m_secops->registerRoutes(m_router);
    m_webAuthn = std::make_unique<mfa::WebAuthnController>(m_context);
    m_webAuthn->registerRoutes(m_router);
    m_mfaCodes = std::make_unique<mfa::CodeController>(m_context);
    m_mfaCodes->registerRoutes(m_router);
}

namespace {

// MASTER_KEY when set; otherwise (outside production) a random key kept in
// DATA_DIR/master.key, created once with mode 0600.
QByteArray resolveMasterKey(const Config& config, const QString& dataDir, QString* error)
{
    const QString configured = config.string(QStringLiteral("jwt.master_key"));
    if (!configured.isEmpty())
        return configured.toUtf8();
    QFile file(QDir(dataDir).filePath(QStringLiteral("master.key")));
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("MASTER_KEY: cannot read %1").arg(file.fileName());
            return {};
        }
        return file.readAll();
    }
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)
        || !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)) {
        *error = QStringLiteral("MASTER_KEY: cannot create %1").arg(file.fileName());
        return {};
    }
    const QByteArray key = crypto::randomBytes(32).toHex();
    file.write(key);
    qCWarning(lcServer).noquote() << "MASTER_KEY is not set: generated" << file.fileName()
                                  << "(set MASTER_KEY in production)";
    return key;
}

} // namespace

bool AuthService::openTokens(QString* error)
{
    if (!openState(error))
        return false;
    const QByteArray masterKey = resolveMasterKey(m_config, m_context.dataDir, error);
    if (masterKey.isEmpty())
        return false;
    m_context.mfaKey = crypto::deriveKey(masterKey, "auth-service mfa-secret wrap v1");
    // The runbook checks the TOTP window with grep "totp_window" application.log.
    Logger::instance().application(
        LogLevel::Info, QStringLiteral("auth.server.mfa"), QStringLiteral("mfa settings"),
        {{QStringLiteral("totp_window"), double(m_config.integer(QStringLiteral("mfa.totp_window")))},
         {QStringLiteral("required_for_admin"), m_config.boolean(QStringLiteral("mfa.required_for_admin"))},
         {QStringLiteral("backup_codes_count"),
          double(m_config.integer(QStringLiteral("mfa.backup_codes_count")))},
         {QStringLiteral("lockout_threshold"),
          double(m_config.integer(QStringLiteral("mfa.lockout_threshold")))}});
    m_context.evidenceWrapKey = crypto::deriveKey(masterKey, "auth-service evidence-key wrap v1");
    const auto algorithm = crypto::parseAlgorithm(m_config.string(QStringLiteral("jwt.algorithm")));
    const qint64 accessTtl = m_config.durationMs(QStringLiteral("jwt.access_token_ttl")) / 1000;
    const qint64 leeway = m_config.durationMs(QStringLiteral("jwt.leeway")) / 1000;
    m_keys = std::make_unique<tokens::KeyManager>(
        m_database.get(), masterKey, algorithm.value_or(crypto::JwsAlgorithm::RS256), accessTtl + leeway);
    const QByteArray importPem
        = QByteArray::fromBase64(m_config.string(QStringLiteral("jwt.rsa_private_key")).toLatin1());
    bool loaded = false;
    m_database->run([&](QSqlDatabase&) { loaded = m_keys->load(importPem, error); }).waitForFinished();
    if (!loaded)
        return false;
    m_context.keys = m_keys.get();
    QString issuer = m_config.string(QStringLiteral("jwt.issuer"));
    if (issuer.isEmpty()) {
        QString host = m_config.string(QStringLiteral("server.bind_address"));
        if (host == QLatin1String("0.0.0.0") || host == QLatin1String("::"))
            host = QStringLiteral("localhost");
        else if (host.contains(QLatin1Char(':')))
            host = QLatin1Char('[') + host + QLatin1Char(']');
        issuer
            = QStringLiteral("%1://%2:%3")
                  .arg(m_config.string(QStringLiteral("tls.cert_path")).isEmpty() ? QStringLiteral("http")
                                                                                  : QStringLiteral("https"),
                       host)
                  .arg(m_config.integer(QStringLiteral("server.port")));
    }
    m_tokens = std::make_unique<tokens::TokenService>(m_keys.get(), m_state.get(), issuer, accessTtl, leeway);
    m_context.tokens = m_tokens.get();
    try {
        m_database->run([this](QSqlDatabase& db) { m_tokens->loadRevocations(db); }).waitForFinished();
    } catch (const DependencyUnavailable& e) {
        // Redis down at start: serve degraded (requests fail closed) until it is back.
        qCWarning(lcServer).noquote() << "cannot copy revocations to the state store:" << e.what();
    }

    accounts::Argon2Params params;
    params.memoryKiB = uint32_t(m_config.integer(QStringLiteral("password.argon2_memory_kib")));
    params.iterations = uint32_t(m_config.integer(QStringLiteral("password.argon2_iterations")));
    params.parallelism = uint32_t(m_config.integer(QStringLiteral("password.argon2_parallelism")));
    const QString invalid = accounts::PasswordHasher::validate(params);
    if (!invalid.isEmpty()) {
        *error = QStringLiteral("ARGON2_MEMORY_KIB/ARGON2_ITERATIONS/ARGON2_PARALLELISM: ") + invalid;
        return false;
    }
    m_hasher = std::make_unique<accounts::PasswordHasher>(params);
    m_context.hasher = m_hasher.get();
    m_passwordPolicy = std::make_unique<accounts::PasswordPolicy>();
    m_context.passwordPolicy = m_passwordPolicy.get();
    m_rateLimiter = std::make_unique<RateLimiter>(
        m_state.get(), int(m_config.integer(QStringLiteral("rate_limit.per_ip_per_minute"))),
        int(m_config.integer(QStringLiteral("rate_limit.burst"))));
    m_context.rateLimiter = m_rateLimiter.get();
    m_context.features[QStringLiteral("jwt_authentication")] = true;
    return true;
}

bool AuthService::bootstrapAdmin(QString* error)
{
    const QString email = m_config.string(QStringLiteral("admin.bootstrap_email"));
    const QString password = m_config.string(QStringLiteral("admin.bootstrap_password"));
    QString createdPassword;
    QString createdEmail;
    bool ok = true;
    m_database
        ->run([&](QSqlDatabase& db) {
            if (accounts::UserRepository::countAdmins(db) > 0)
                return;
            accounts::User user;
            user.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            const auto normalized = accounts::normalizeEmail(
                email.isEmpty() ? QStringLiteral("admin@auth-service.local") : email);
            if (!normalized) {
                *error = QStringLiteral("ADMIN_BOOTSTRAP_EMAIL: not a valid e-mail address");
                ok = false;
                return;
            }
            user.email = *normalized;
            user.name = QStringLiteral("Administrator");
            user.roles = {QStringLiteral("user"), QStringLiteral("admin")};
            createdPassword = password.isEmpty() ? crypto::randomToken(18) : password;
            const accounts::PasswordCheck check
                = m_passwordPolicy->check(createdPassword, user.email, user.name);
            if (!password.isEmpty() && !check.ok) {
                *error = QStringLiteral("ADMIN_BOOTSTRAP_PASSWORD: ") + check.description;
                ok = false;
                return;
            }
            user.passwordHash = m_hasher->hash(createdPassword);
            user.passwordStrength = check.strength;
            user.createdAt = Clock::nowSecs();
            if (accounts::UserRepository::create(db, user)
                == accounts::UserRepository::CreateResult::Failed) {
                *error = QStringLiteral("cannot create the first admin");
                ok = false;
                return;
            }
            createdEmail = user.email;
            auto event = SecurityEvent::make(events::AccountCreated, Severity::High,
                                             {{QStringLiteral("bootstrap_admin"), true}});
            event.userId = user.id;
            recordEvent(event);
        })
        .waitForFinished();
    if (!ok || createdEmail.isEmpty() || !password.isEmpty())
        return ok;
    // A generated password is shown once, in a file only the service user can read.
    const QString path = QDir(m_context.dataDir).filePath(QStringLiteral("initial-admin.txt"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)) {
        *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    file.write(QStringLiteral("email: %1\npassword: %2\n").arg(createdEmail, createdPassword).toUtf8());
    // MFA_REQUIRED_FOR_ADMIN holds the admin API until MFA: the first admin gets
    // a confirmed TOTP seed beside the password, to load into an authenticator app.
    QString totpUri;
    if (m_context.mfa) {
        m_database
            ->run([&](QSqlDatabase& db) {
                const auto user = accounts::UserRepository::findByEmail(db, createdEmail);
                const auto totp
                    = user ? m_context.mfa->totp().enrollConfirmed(db, user->id, createdEmail) : std::nullopt;
                if (totp)
                    totpUri = totp->uri;
            })
            .waitForFinished();
    }
    if (!totpUri.isEmpty())
        file.write(QStringLiteral("totp_uri: %1\n").arg(totpUri).toUtf8());
    std::fprintf(stdout, "auth-service: created the first admin %s; its password is in %s (mode 0600)\n",
                 qPrintable(createdEmail), qPrintable(path));
    std::fflush(stdout);
    return true;
}

void AuthService::maintainKeys()
{
    const qint64 rotationSecs = m_config.integer(QStringLiteral("jwt.key_rotation_days")) * 86400;
    m_database->run([this, rotationSecs](QSqlDatabase&) {
        for (const QString& kid : m_keys->retireExpired()) {
            recordEvent(SecurityEvent::make(
                events::KeyRotation, Severity::Info,
                {{QStringLiteral("retired_kid"), kid}, {QStringLiteral("automatic"), true}}));
        }
        if (m_keys->activeKeyAgeSecs() >= rotationSecs) {
            QString error;
            if (const auto rotation = m_keys->rotate(false, &error)) {
                recordEvent(SecurityEvent::make(events::KeyRotation, Severity::Info,
                                                {{QStringLiteral("new_kid"), rotation->active.kid},
                                                 {QStringLiteral("automatic"), true}}));
            }
        }
    });
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
    m_events->start();
    if (!openTokens(error) || !bootstrapAdmin(error))
        return false;
    m_threats->start();
    m_secops->start();
    m_keyTimer = new QTimer(this);
    connect(m_keyTimer, &QTimer::timeout, this, &AuthService::maintainKeys);
    m_keyTimer->start(30'000);
    m_health = std::make_unique<HealthMonitor>(m_database.get());
    m_health->setStateStore(m_state.get());
    m_context.health = m_health.get();
    listenForNotices();

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
    if (auto refused = m_secops->gate(request))
        return http::ready(*refused);
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
    request.routePattern = match.pattern;
    return (*match.handler)(request);
}

void AuthService::finalize(const http::HttpRequest& request, http::HttpResponse& response)
{
    applySecurityHeaders(m_headers, isSecureRequest(request, m_context.trustedProxies), response);
    response.setHeader("X-Request-Id", request.requestId.toLatin1());
    if (m_events)
        m_events->observeResponse(request, response);
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
