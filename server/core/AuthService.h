#pragma once

#include "config/Config.h"
#include "core/SecurityHeaders.h"
#include "core/ServiceContext.h"
#include "http/Router.h"

#include <QObject>
#include <QThreadPool>
#include <QTimer>
#include <memory>

namespace auth::http {
class HttpServer;
}
namespace auth::storage {
class Database;
}
namespace auth::state {
class StateStore;
}
namespace auth::tokens {
class KeyManager;
class TokenService;
class WellKnownController;
} // namespace auth::tokens
namespace auth::accounts {
class PasswordHasher;
class PasswordPolicy;
class AuthController;
} // namespace auth::accounts
namespace auth::admin {
class AdminController;
class SecurityOperations;
} // namespace auth::admin
namespace auth::oauth {
class OAuthModule;
}
namespace auth::mfa {
class MfaController;
}
namespace auth::mfa {
class WebAuthnController;
class CodeController;
} // namespace auth::mfa
namespace auth::events {
class EventsModule;
}
namespace auth::threats {
class ThreatModule;
}

namespace auth::core {

class HealthMonitor;
class HealthController;
class RateLimiter;

// The daemon as one object: opens logs and storage, registers every feature's
// routes, serves them, and drains on stop. main.cpp only parses the command line.
class AuthService : public QObject
{
    Q_OBJECT
signals:
    void stopped();

public:
    explicit AuthService(Config config, QObject* parent = nullptr);
    ~AuthService() override;

    bool start(QString* error);
    void stop(int graceMs = 10'000);

    QList<http::RouteInfo> routes() const { return m_router.routes(); }
    quint16 port() const;
    const Config& config() const { return m_config; }

    // Log and data directories after the development fallbacks.
    static QString resolveLogDir(const Config& config);
    static QString resolveDataDir(const Config& config);
    // Why REDIS_URL / REDIS_TIMEOUT cannot be used, or empty (for --check-config).
    static QString checkStateConfig(const Config& config);

private:
    void registerRoutes();
    bool openStorage(QString* error);
    bool openTokens(QString* error);
    // AuthServiceState.cpp: the state store REDIS_URL selects, and the change
    // notices that keep this instance's caches in step with the others.
    bool openState(QString* error);
    void listenForNotices();
    bool bootstrapAdmin(QString* error);
    void maintainKeys();
    QFuture<http::HttpResponse> dispatch(http::HttpRequest& request);
    void finalize(const http::HttpRequest& request, http::HttpResponse& response);

    Config m_config;
    ServiceContext m_context;
    SecurityHeaderSettings m_headers;
    bool m_forceHttps = false;
    http::Router m_router;
    QThreadPool m_cpuPool;
    std::unique_ptr<storage::Database> m_database;
    std::unique_ptr<HealthMonitor> m_health;
    std::unique_ptr<http::HttpServer> m_http;
    std::unique_ptr<HealthController> m_healthController;
    std::unique_ptr<state::StateStore> m_state;
    std::unique_ptr<tokens::KeyManager> m_keys;
    std::unique_ptr<tokens::TokenService> m_tokens;
    std::unique_ptr<accounts::PasswordHasher> m_hasher;
    std::unique_ptr<accounts::PasswordPolicy> m_passwordPolicy;
    std::unique_ptr<RateLimiter> m_rateLimiter;
    std::unique_ptr<tokens::WellKnownController> m_wellKnown;
    std::unique_ptr<accounts::AuthController> m_authController;
    std::unique_ptr<admin::AdminController> m_adminController;
    std::unique_ptr<oauth::OAuthModule> m_oauth;
    std::unique_ptr<mfa::MfaController> m_mfa;
    std::unique_ptr<threats::ThreatModule> m_threats;
    std::unique_ptr<admin::SecurityOperations> m_secops;
    QTimer* m_keyTimer = nullptr;
    std::unique_ptr<events::EventsModule> m_events;
    std::unique_ptr<mfa::WebAuthnController> m_webAuthn;
    std::unique_ptr<mfa::CodeController> m_mfaCodes;
};

} // namespace auth::core
