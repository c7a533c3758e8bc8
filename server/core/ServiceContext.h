#pragma once

#include "config/Config.h"
#include "core/ClientAddress.h"

#include <QDateTime>
#include <QMap>
#include <QString>
#include <QThreadPool>
#include <functional>

namespace auth::storage {
class Database;
}
namespace auth::http {
struct HttpCounters;
class HttpServer;
} // namespace auth::http
namespace auth::state {
class StateStore;
}
namespace auth::tokens {
class KeyManager;
class TokenService;
} // namespace auth::tokens
namespace auth::accounts {
class PasswordHasher;
class PasswordPolicy;
} // namespace auth::accounts
namespace auth::mfa {
class MfaService;
struct MfaMetrics;
} // namespace auth::mfa

namespace auth::metrics {
class Metrics;
}
namespace auth::threats {
class ThreatDetector;
}
namespace auth::containment {
class Containment;
}

namespace auth::core {

class HealthMonitor;
class RateLimiter;

// What feature controllers share: configuration, stores, pools, and what the
// service tells the world about itself (/health features, /api/v1/status).
struct ServiceContext
{
    const Config* config = nullptr;
    storage::Database* database = nullptr;
    HealthMonitor* health = nullptr;
    http::HttpServer* http = nullptr;
    http::HttpCounters* counters = nullptr;
    QThreadPool* cpuPool = nullptr; // hashing and signing bursts
    state::StateStore* state = nullptr;
    tokens::KeyManager* keys = nullptr;
    tokens::TokenService* tokens = nullptr;
    accounts::PasswordHasher* hasher = nullptr;
    accounts::PasswordPolicy* passwordPolicy = nullptr;
    RateLimiter* rateLimiter = nullptr;
    QList<Subnet> trustedProxies;
    QDateTime startedAt;
    QString instanceId;
    QString installationId;
    QString logDir;
    QString dataDir;
    // Set by the modules that are really serving them.
    QMap<QString, bool> features {{QStringLiteral("user_registration"), false},
                                  {QStringLiteral("oauth2_flows"), false},
                                  {QStringLiteral("jwt_authentication"), false},
                                  {QStringLiteral("multi_factor_auth"), false},
                                  {QStringLiteral("session_management"), false}};
    // Multi-factor authentication: the policy and second step of logins, and its
    // counters (success rate, lockouts) for /api/v1/status and other readers.
    mfa::MfaService* mfa = nullptr;
    mfa::MfaMetrics* mfaMetrics = nullptr;
    QByteArray mfaKey; // seals MFA secrets at rest; derived from MASTER_KEY
    metrics::Metrics* metrics = nullptr;
    // High-severity compliance violations right now (the compliance module sets
    // it; the P1 alert rule reads it); unset means none known.
    std::function<int()> highComplianceViolations;
    threats::ThreatDetector* threats = nullptr; // login risk, attack windows, token replay
    // Security operations: the lockdown state, the key that wraps the evidence
    // signing key (derived from the master key), and the count of failed
    // compliance checks of severity high or critical (for the alert rules).
    containment::Containment* containment = nullptr;
    QByteArray evidenceWrapKey;
};

} // namespace auth::core
