// The table of every setting auth-service understands. Names follow the runbook's
// environment variables; the TOML path groups them the way config.toml is written.

#include "config/Config.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>

namespace auth {
namespace {

using Type = Config::Type;

QString checkIpAddress(const QString& value)
{
    QHostAddress address;
    return address.setAddress(value) ? QString() : QStringLiteral("must be an IP address");
}

QString checkCidr(const QString& value)
{
    return QHostAddress::parseSubnet(value).first.isNull()
        ? QStringLiteral("must be a network in CIDR notation such as 10.0.0.0/8 or fd00::/8")
        : QString();
}

// StrictMode so a typo such as a stray space is an error here, not a failed connect
// minutes later in the storage layer.
bool isStrictUrl(const QString& value)
{
    return QUrl(value, QUrl::StrictMode).isValid();
}

QString checkDatabaseUrl(const QString& value)
{
    if (value.isEmpty())
        return {}; // SQLite in the data directory
    if (value.startsWith(QLatin1String("sqlite:"))) {
        if (value.size() == int(qstrlen("sqlite:")))
            return QStringLiteral(
                "must name a database after sqlite:, e.g. sqlite:///var/lib/auth-service/auth.db");
        return isStrictUrl(value) ? QString() : QStringLiteral("is not a valid URL");
    }
    if (value.startsWith(QLatin1String("postgres://")) || value.startsWith(QLatin1String("postgresql://")))
        return isStrictUrl(value) ? QString() : QStringLiteral("is not a valid URL");
    return QStringLiteral("must start with sqlite:, postgres:// or postgresql://");
}

QString checkRedisUrl(const QString& value)
{
    if (value.isEmpty())
        return {}; // in-process state, single instance
    if (!value.startsWith(QLatin1String("redis://")) && !value.startsWith(QLatin1String("rediss://"))
        && !value.startsWith(QLatin1String("unix://")))
        return QStringLiteral("must start with redis://, rediss:// or unix://");
    const QUrl url(value, QUrl::StrictMode);
    if (value.startsWith(QLatin1String("unix://")))
        return url.isValid() && !url.path().isEmpty() ? QString()
                                                      : QStringLiteral("must be unix:///path/to/redis.sock");
    if (!url.isValid() || url.host().isEmpty())
        return QStringLiteral("is not a valid URL with a host");
    return {};
}

QString checkHttpsUrl(const QString& value)
{
    const QUrl url(value, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty())
        return QStringLiteral("must be an https:// URL with a host");
    return {};
}

QString checkRedisPrefix(const QString& value)
{
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9_.:-]{0,64}$"));
    return allowed.match(value).hasMatch()
        ? QString()
        : QStringLiteral("must be at most 64 letters, digits, '_', '.', ':' or '-'");
}

// Accepts what operators already put in RUST_LOG: a level, or comma-separated
// `target=level` directives (env_logger syntax without span filters).
QString checkLogFilter(const QString& value)
{
    static const QStringList levels
        = {QStringLiteral("trace"), QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warn"),
           QStringLiteral("error")};
    static const QRegularExpression target(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_:.-]*$"));
    const QString reason = QStringLiteral("must be trace, debug, info, warn or error, or a filter such as "
                                          "\"auth_service=debug,tower=info\"");
    if (value.isEmpty())
        return reason;
    for (const QString& item : value.split(QLatin1Char(','))) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        const QString level = (eq < 0 ? item : item.mid(eq + 1)).toLower();
        if (!levels.contains(level))
            return reason;
        if (eq >= 0 && !target.match(item.left(eq)).hasMatch())
            return reason;
    }
    return {};
}

// A threat-intel list source: an absolute file path or an https:// URL.
QString checkIntelSource(const QString& value)
{
    if (value.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)) {
        const QUrl url(value, QUrl::StrictMode);
        return url.isValid() && !url.host().isEmpty() ? QString()
                                                      : QStringLiteral("is not a valid https:// URL");
    }
    return value.startsWith(QLatin1Char('/'))
        ? QString()
        : QStringLiteral("must be an absolute file path or an https:// URL");
}

} // namespace

const QList<Config::KeyInfo>& Config::keys()
{
    // Designated initializers keep each row readable; min/max only matter for Int.
    static const QList<KeyInfo> table = {
        {.key = "app.env",
         .envVar = "APP_ENV",
         .type = Type::String,
         .defaultValue = "development",
         .choices = "development|staging|production|test",
         .help = "Deployment environment; production enables the strict checks of --check-config"},

        {.key = "server.port",
         .envVar = "PORT",
         .type = Type::Int,
         .defaultValue = "3000",
         .min = 1,
         .max = 65535,
         .help = "TCP port the HTTP(S) API listens on"},
        {.key = "server.bind_address",
         .envVar = "BIND_ADDRESS",
         .type = Type::String,
         .defaultValue = "127.0.0.1",
         .help = "IP address to listen on (0.0.0.0 or :: for all)",
         .check = checkIpAddress},
        {.key = "server.worker_threads",
         .envVar = "WORKER_THREADS",
         .type = Type::Int,
         .defaultValue = "0",
         .min = 0,
         .max = 64,
         .help = "Request worker threads; 0 uses the number of CPU cores"},
        {.key = "server.allow_plain_http",
         .envVar = "ALLOW_PLAIN_HTTP",
         .type = Type::Bool,
         .defaultValue = "false",
         .help = "Serve plain HTTP when no certificate is configured (not in production)"},
        {.key = "server.force_https",
         .envVar = "FORCE_HTTPS",
         .type = Type::Bool,
         .defaultValue = "false",
         .help = "Redirect plain HTTP requests to HTTPS"},
        {.key = "server.trusted_proxies",
         .envVar = "TRUSTED_PROXIES",
         .type = Type::StringList,
         .defaultValue = "",
         .help = "Comma-separated CIDRs whose X-Forwarded-For is believed (load balancers)",
         .check = checkCidr},

        {.key = "tls.cert_path",
         .envVar = "TLS_CERT_PATH",
         .type = Type::String,
         .defaultValue = "",
         .help = "PEM certificate chain for HTTPS"},
        {.key = "tls.key_path",
         .envVar = "TLS_KEY_PATH",
         .type = Type::String,
         .defaultValue = "",
         .help = "PEM private key for HTTPS"},

        {.key = "security.headers_enabled",
         .envVar = "SECURITY_HEADERS_ENABLED",
         .type = Type::Bool,
         .defaultValue = "true",
         .help = "Send HSTS, CSP, X-Frame-Options and related headers"},
        {.key = "security.hsts_max_age",
         .envVar = "HSTS_MAX_AGE",
         .type = Type::Int,
         .defaultValue = "31536000",
         .min = 0,
         .max = 63072000,
         .help = "Strict-Transport-Security max-age in seconds"},
        {.key = "security.csp_policy",
         .envVar = "CSP_POLICY",
         .type = Type::String,
         .defaultValue = "default-src 'self'; frame-ancestors 'none'",
         .help = "Content-Security-Policy header value"},

        {.key = "limits.max_body_bytes",
         .envVar = "MAX_BODY_BYTES",
         .type = Type::Int,
         .defaultValue = "1048576",
         .min = 1024,
         .max = 67108864,
         .help = "Largest request body accepted (larger gets 413)"},
        {.key = "limits.max_header_bytes",
         .envVar = "MAX_HEADER_BYTES",
         .type = Type::Int,
         .defaultValue = "16384",
         .min = 1024,
         .max = 1048576,
         .help = "Largest total size of request headers"},
        {.key = "limits.max_headers",
         .envVar = "MAX_HEADERS",
         .type = Type::Int,
         .defaultValue = "100",
         .min = 8,
         .max = 1000,
         .help = "Most request header fields accepted"},
        {.key = "limits.max_uri_bytes",
         .envVar = "MAX_URI_BYTES",
         .type = Type::Int,
         .defaultValue = "8192",
         .min = 256,
         .max = 1048576,
         .help = "Longest request target accepted (longer gets 414)"},
        {.key = "limits.header_timeout",
         .envVar = "HEADER_TIMEOUT",
         .type = Type::Duration,
         .defaultValue = "10s",
         .help = "Time a client has to send the complete request headers"},
        {.key = "limits.idle_timeout",
         .envVar = "IDLE_TIMEOUT",
         .type = Type::Duration,
         .defaultValue = "60s",
         .help = "Keep-alive connections idle this long are closed"},
        {.key = "limits.max_connections",
         .envVar = "MAX_CONNECTIONS",
         .type = Type::Int,
         .defaultValue = "10000",
         .min = 1,
         .max = 1000000,
         .help = "Concurrent client connections accepted"},

        {.key = "log.dir",
         .envVar = "LOG_DIR",
         .type = Type::String,
         .defaultValue = "",
         .help = "Directory for security.log and application.log; empty is /var/log/auth-service "
                 "(./var/log in development when that is not writable)"},
        {.key = "log.level",
         .envVar = "LOG_LEVEL",
         .type = Type::String,
         .defaultValue = "info",
         .help = "trace|debug|info|warn|error or a filter like auth_service=debug,tower=info "
                 "(RUST_LOG is read when LOG_LEVEL is unset)",
         .envAlias = "RUST_LOG",
         .check = checkLogFilter},

        {.key = "storage.database_url",
         .envVar = "DATABASE_URL",
         .type = Type::String,
         .defaultValue = "",
         .help = "sqlite:PATH or postgres://user:pass@host/db; empty is SQLite in the data directory",
         .check = checkDatabaseUrl},
        {.key = "storage.data_dir",
         .envVar = "DATA_DIR",
         .type = Type::String,
         .defaultValue = "",
         .help = "Directory for the SQLite database, generated keys and the bootstrap file"},
        {.key = "storage.redis_url",
         .envVar = "REDIS_URL",
         .type = Type::String,
         .defaultValue = "",
         .help = "redis:// or rediss:// URL shared by all instances; empty keeps state in-process",
         .check = checkRedisUrl},
        {.key = "storage.redis_prefix",
         .envVar = "REDIS_KEY_PREFIX",
         .type = Type::String,
         .defaultValue = "auth:",
         .help = "Prefix of every Redis key and channel, so several deployments can share one Redis",
         .check = checkRedisPrefix},
        {.key = "storage.redis_timeout",
         .envVar = "REDIS_TIMEOUT",
         .type = Type::Duration,
         .defaultValue = "500ms",
         .help = "Connect and command timeout of each Redis call; past it the request gets 503"},

        {.key = "jwt.secret",
         .envVar = "JWT_SECRET",
         .type = Type::String,
         .defaultValue = "",
         .secret = true,
         .help = "HMAC secret for internal tokens (openssl rand -hex 32)"},
        {.key = "jwt.rsa_private_key",
         .envVar = "RSA_PRIVATE_KEY",
         .type = Type::String,
         .defaultValue = "",
         .secret = true,
         .help = "Base64-encoded PEM RSA key to import as the first signing key"},
        {.key = "jwt.master_key",
         .envVar = "MASTER_KEY",
         .type = Type::String,
         .defaultValue = "",
         .secret = true,
         .help = "Key that encrypts signing keys and TOTP secrets at rest"},
        {.key = "jwt.key_rotation_days",
         .envVar = "KEY_ROTATION_DAYS",
         .type = Type::Int,
         .defaultValue = "90",
         .min = 1,
         .max = 3650,
         .help = "Age at which the signing key is rotated"},
        {.key = "jwt.access_token_ttl",
         .envVar = "ACCESS_TOKEN_TTL",
         .type = Type::Duration,
         .defaultValue = "15m",
         .help = "Lifetime of access tokens"},
        {.key = "jwt.refresh_token_ttl",
         .envVar = "REFRESH_TOKEN_TTL",
         .type = Type::Duration,
         .defaultValue = "30d",
         .help = "Lifetime of refresh tokens, and the absolute lifetime of a session"},
        {.key = "jwt.leeway",
         .envVar = "JWT_LEEWAY",
         .type = Type::Duration,
         .defaultValue = "60s",
         .help = "Clock skew tolerated when checking exp, nbf and iat"},
        {.key = "session.idle_timeout",
         .envVar = "SESSION_IDLE_TIMEOUT",
         .type = Type::Duration,
         .defaultValue = "24h",
         .help = "A session not refreshed for this long ends"},
        {.key = "jwt.issuer",
         .envVar = "JWT_ISSUER",
         .type = Type::String,
         .defaultValue = "",
         .help = "iss claim and OpenID issuer; empty derives it from the request's host"},
        {.key = "jwt.algorithm",
         .envVar = "JWT_ALGORITHM",
         .type = Type::String,
         .defaultValue = "RS256",
         .choices = "RS256|ES256|EdDSA",
         .help = "Algorithm of newly created signing keys"},

        {.key = "rate_limit.per_ip_per_minute",
         .envVar = "RATE_LIMIT_PER_IP_PER_MINUTE",
         .type = Type::Int,
         .defaultValue = "100",
         .min = 1,
         .max = 1000000,
         .help = "Requests allowed per client IP per minute"},
        {.key = "rate_limit.burst",
         .envVar = "RATE_LIMIT_BURST",
         .type = Type::Int,
         .defaultValue = "10",
         .min = 1,
         .max = 100000,
         .help = "Requests allowed above the steady rate in a burst"},

        {.key = "lockout.threshold",
         .envVar = "LOCKOUT_THRESHOLD",
         .type = Type::Int,
         .defaultValue = "5",
         .min = 1,
         .max = 100,
         .help = "Failed logins before an account is locked"},
        {.key = "lockout.base_duration",
         .envVar = "LOCKOUT_DURATION",
         .type = Type::Duration,
         .defaultValue = "5m",
         .help = "First lockout period; repeated lockouts grow from it"},

        {.key = "mfa.totp_window",
         .envVar = "MFA_TOTP_WINDOW",
         .type = Type::Int,
         .defaultValue = "1",
         .min = 0,
         .max = 10,
         .help = "TOTP steps accepted either side of now (clock drift)"},
        {.key = "mfa.required_for_admin",
         .envVar = "MFA_REQUIRED_FOR_ADMIN",
         .type = Type::Bool,
         .defaultValue = "true",
         .help = "Administrators must complete MFA to use admin routes"},
        {.key = "mfa.backup_codes_count",
         .envVar = "MFA_BACKUP_CODES_COUNT",
         .type = Type::Int,
         .defaultValue = "10",
         .min = 1,
         .max = 50,
         .help = "Backup codes generated per request"},
        {.key = "mfa.lockout_threshold",
         .envVar = "MFA_LOCKOUT_THRESHOLD",
         .type = Type::Int,
         .defaultValue = "5",
         .min = 1,
         .max = 100,
         .help = "Wrong MFA codes in a row tolerated; the next one locks MFA for the user"},
        {.key = "mfa.lockout_duration",
         .envVar = "MFA_LOCKOUT_DURATION",
         .type = Type::Duration,
         .defaultValue = "15m",
         .help = "How long MFA stays locked after too many wrong codes"},
        {.key = "mfa.step_up_max_age",
         .envVar = "MFA_STEP_UP_MAX_AGE",
         .type = Type::Duration,
         .defaultValue = "10m",
         .help = "Sensitive actions need an MFA check at most this old (step-up)"},
        {.key = "mfa.totp_issuer",
         .envVar = "MFA_TOTP_ISSUER",
         .type = Type::String,
         .defaultValue = "auth-service",
         .help = "Issuer name authenticator apps show for TOTP enrolments"},
        {.key = "mfa.challenge_ttl",
         .envVar = "MFA_CHALLENGE_TTL",
         .type = Type::Duration,
         .defaultValue = "5m",
         .help = "Lifetime of the mfa_token between the password and the second factor"},

        {.key = "admin.bootstrap_email",
         .envVar = "ADMIN_BOOTSTRAP_EMAIL",
         .type = Type::String,
         .defaultValue = "",
         .help = "Email of the first admin, created when no admin exists"},
        {.key = "admin.bootstrap_password",
         .envVar = "ADMIN_BOOTSTRAP_PASSWORD",
         .type = Type::String,
         .defaultValue = "",
         .secret = true,
         .help = "Password of the first admin; empty generates one into a 0600 file"},
        {.key = "admin.allowed_networks",
         .envVar = "ADMIN_ALLOWED_NETWORKS",
         .type = Type::StringList,
         .defaultValue = "",
         .help = "Comma-separated CIDRs allowed to call /admin routes; empty allows all",
         .check = checkCidr},

        {.key = "password.argon2_memory_kib",
         .envVar = "ARGON2_MEMORY_KIB",
         .type = Type::Int,
         .defaultValue = "19456",
         .min = 8192,
         .max = 4194304,
         .help = "Argon2id memory cost in KiB"},
        {.key = "password.argon2_iterations",
         .envVar = "ARGON2_ITERATIONS",
         .type = Type::Int,
         .defaultValue = "2",
         .min = 1,
         .max = 20,
         .help = "Argon2id time cost"},
        {.key = "password.argon2_parallelism",
         .envVar = "ARGON2_PARALLELISM",
         .type = Type::Int,
         .defaultValue = "1",
         .min = 1,
         .max = 16,
         .help = "Argon2id lanes"},

        {.key = "mfa.sms_provider",
         .envVar = "SMS_PROVIDER",
         .type = Type::String,
         .defaultValue = "none",
         .choices = "twilio|none",
         .help = "Gateway for SMS codes"},
        {.key = "mfa.twilio_base_url",
         .envVar = "TWILIO_BASE_URL",
         .type = Type::String,
         .defaultValue = "https://api.twilio.com",
         .help = "Twilio REST API base URL (https)",
         .check = checkHttpsUrl},
        {.key = "mfa.twilio_account_sid",
         .envVar = "TWILIO_ACCOUNT_SID",
         .type = Type::String,
         .defaultValue = "",
         .help = "Twilio Account SID (AC...)",
         .envAlias = "TWILIO_SID"},
        {.key = "mfa.twilio_auth_token",
         .envVar = "TWILIO_AUTH_TOKEN",
         .type = Type::String,
         .defaultValue = "",
         .secret = true,
         .help = "Twilio auth token",
         .envAlias = "TWILIO_TOKEN"},
        {.key = "mfa.twilio_from",
         .envVar = "TWILIO_FROM",
         .type = Type::String,
         .defaultValue = "",
         .help = "Sender: an E.164 number, or a Messaging Service SID (MG...)"},
        {.key = "mfa.email_provider",
         .envVar = "EMAIL_PROVIDER",
         .type = Type::String,
         .defaultValue = "none",
         .choices = "sendgrid|smtp|none",
         .help = "Gateway for e-mail codes"},
        {.key = "mfa.sendgrid_base_url",
         .envVar = "SENDGRID_BASE_URL",
         .type = Type::String,
         .defaultValue = "https://api.sendgrid.com",
         .help = "SendGrid v3 API base URL (https)",
         .check = checkHttpsUrl},
        {.key = "mfa.sendgrid_api_key",
         .envVar = "SENDGRID_API_KEY",
         .type = Type::String,
         .defaultValue = "",
         .secret = true,
         .help = "SendGrid API key"},
        {.key = "mfa.email_from",
         .envVar = "EMAIL_FROM",
         .type = Type::String,
         .defaultValue = "",
         .help = "Sender address of code e-mails"},
        {.key = "mfa.email_from_name",
         .envVar = "EMAIL_FROM_NAME",
         .type = Type::String,
         .defaultValue = "auth-service",
         .help = "Sender display name of code e-mails"},
        {.key = "mfa.smtp_host",
         .envVar = "SMTP_HOST",
         .type = Type::String,
         .defaultValue = "",
         .help = "SMTP server for e-mail codes"},
        {.key = "mfa.smtp_port",
         .envVar = "SMTP_PORT",
         .type = Type::Int,
         .defaultValue = "587",
         .min = 1,
         .max = 65535,
         .help = "SMTP port (587 submission with STARTTLS, 465 implicit TLS)"},
        {.key = "mfa.smtp_username",
         .envVar = "SMTP_USERNAME",
         .type = Type::String,
         .defaultValue = "",
         .help = "SMTP AUTH user; empty sends without AUTH"},
        {.key = "mfa.smtp_password",
         .envVar = "SMTP_PASSWORD",
         .type = Type::String,
         .defaultValue = "",
         .secret = true,
         .help = "SMTP AUTH password"},
        {.key = "mfa.smtp_starttls",
         .envVar = "SMTP_STARTTLS",
         .type = Type::String,
         .defaultValue = "required",
         .choices = "required|opportunistic|none",
         .help = "STARTTLS policy; AUTH is only ever sent over TLS"},
        {.key = "mfa.smtp_implicit_tls",
         .envVar = "SMTP_IMPLICIT_TLS",
         .type = Type::Bool,
         .defaultValue = "false",
         .help = "Connect with TLS from the first byte (port 465) instead of STARTTLS"},
        {.key = "mfa.delivery_timeout",
         .envVar = "MFA_DELIVERY_TIMEOUT",
         .type = Type::Duration,
         .defaultValue = "10s",
         .help = "Time a gateway has to accept one SMS or e-mail"},
        {.key = "mfa.delivery_ca_file",
         .envVar = "MFA_DELIVERY_CA_FILE",
         .type = Type::String,
         .defaultValue = "",
         .help = "Extra PEM CA certificates trusted for the SMS and e-mail gateways"},
        {.key = "mfa.webauthn_rp_id",
         .envVar = "MFA_WEBAUTHN_RP_ID",
         .type = Type::String,
         .defaultValue = "",
         .help = "WebAuthn relying party id (a registrable domain); empty uses the issuer's host"},
        {.key = "mfa.webauthn_rp_name",
         .envVar = "MFA_WEBAUTHN_RP_NAME",
         .type = Type::String,
         .defaultValue = "",
         .help = "Name authenticators show for the relying party; empty uses the RP id"},
        {.key = "mfa.webauthn_origins",
         .envVar = "MFA_WEBAUTHN_ORIGINS",
         .type = Type::String,
         .defaultValue = "",
         .help = "Comma-separated exact WebAuthn origins; empty uses the issuer's origin"},
        {.key = "mfa.code_send_limit",
         .envVar = "MFA_CODE_SEND_LIMIT",
         .type = Type::Int,
         .defaultValue = "5",
         .min = 1,
         .max = 100,
         .help = "SMS/e-mail codes sent to one user in any 15 minutes"},
        {.key = "mfa.code_send_interval",
         .envVar = "MFA_CODE_SEND_INTERVAL",
         .type = Type::Duration,
         .defaultValue = "30s",
         .help = "Least time between two SMS/e-mail codes to one user"},
        {.key = "events.retention_days",
         .envVar = "EVENTS_RETENTION_DAYS",
         .type = Type::Int,
         .defaultValue = "90",
         .min = 1,
         .max = 3650,
         .help = "Security events older than this are purged from the event table (hourly)"},
        {.key = "events.queue_max",
         .envVar = "EVENTS_QUEUE_MAX",
         .type = Type::Int,
         .defaultValue = "50000",
         .min = 100,
         .max = 10000000,
         .help = "Events waiting to be written to the event table; beyond this they are dropped and counted"},
        {.key = "events.stream_max_clients",
         .envVar = "EVENTS_STREAM_MAX_CLIENTS",
         .type = Type::Int,
         .defaultValue = "32",
         .min = 1,
         .max = 1000,
         .help = "Concurrent /admin/events/stream WebSockets"},
        {.key = "events.stream_max_buffer_bytes",
         .envVar = "EVENTS_STREAM_MAX_BUFFER_BYTES",
         .type = Type::Int,
         .defaultValue = "1048576",
         .min = 4096,
         .max = 67108864,
         .help = "Unsent bytes after which a slow event stream client is disconnected (close code 1008)"},
        {.key = "events.stream_ping_interval",
         .envVar = "EVENTS_STREAM_PING_INTERVAL",
         .type = Type::Duration,
         .defaultValue = "30s",
         .help = "WebSocket ping interval of the event stream"},
        {.key = "metrics.allowed_networks",
         .envVar = "METRICS_ALLOWED_NETWORKS",
         .type = Type::StringList,
         .defaultValue = "127.0.0.1/32,::1/128",
         .help = "CIDRs that may read /metrics and /security/threats/metrics without a token; "
                 "others need an admin Bearer token",
         .check = checkCidr},
        {.key = "alerts.evaluation_interval",
         .envVar = "ALERTS_EVALUATION_INTERVAL",
         .type = Type::Duration,
         .defaultValue = "5s",
         .help = "How often the alert rules are evaluated"},
        {.key = "alerts.failed_logins_5m",
         .envVar = "ALERT_FAILED_LOGINS_5M",
         .type = Type::Int,
         .defaultValue = "1000",
         .min = 1,
         .max = 100000000,
         .help = "P0 when more failed logins than this in 5 minutes"},
        {.key = "alerts.failed_logins_per_ip_5m",
         .envVar = "ALERT_FAILED_LOGINS_PER_IP_5M",
         .type = Type::Int,
         .defaultValue = "100",
         .min = 1,
         .max = 100000000,
         .help = "P1 when more failed logins than this from one IP in 5 minutes"},
        {.key = "alerts.latency_p95_ms",
         .envVar = "ALERT_LATENCY_P95_MS",
         .type = Type::Int,
         .defaultValue = "500",
         .min = 1,
         .max = 600000,
         .help = "P1 when the p95 response time stays above this"},
        {.key = "alerts.latency_duration",
         .envVar = "ALERT_LATENCY_DURATION",
         .type = Type::Duration,
         .defaultValue = "2m",
         .help = "... for at least this long"},
        {.key = "alerts.mfa_failures_5m",
         .envVar = "ALERT_MFA_FAILURES_5M",
         .type = Type::Int,
         .defaultValue = "50",
         .min = 1,
         .max = 100000000,
         .help = "P1 when more MFA failures than this in 5 minutes"},
        {.key = "alerts.compliance_violations",
         .envVar = "ALERT_COMPLIANCE_VIOLATIONS",
         .type = Type::Bool,
         .defaultValue = "true",
         .help = "P1 while high or critical compliance violations exist"},
        {.key = "threats.enabled",
         .envVar = "THREATS_ENABLED",
         .type = Type::Bool,
         .defaultValue = "true",
         .help = "Score every login for risk (profiles, stuffing, spraying, IP reputation) and act on it"},
        {.key = "threats.stepup_score",
         .envVar = "THREATS_STEPUP_SCORE",
         .type = Type::Int,
         .defaultValue = "50",
         .min = 1,
         .max = 100,
         .help
         = "Risk score (0-100) from which a login needs an MFA step-up (flagged when the user has no MFA)"},
        {.key = "threats.block_score",
         .envVar = "THREATS_BLOCK_SCORE",
         .type = Type::Int,
         .defaultValue = "85",
         .min = 1,
         .max = 100,
         .help = "Risk score (0-100) from which a login is refused with 403 login_blocked"},
        {.key = "threats.ip_failure_limit",
         .envVar = "THREATS_IP_FAILURE_LIMIT",
         .type = Type::Int,
         .defaultValue = "20",
         .min = 2,
         .max = 100000,
         .help = "Failed logins from one address in 5 minutes that block it (failure velocity)"},
        {.key = "threats.stuffing_accounts",
         .envVar = "THREATS_STUFFING_ACCOUNTS",
         .type = Type::Int,
         .defaultValue = "10",
         .min = 2,
         .max = 100000,
         .help = "Distinct accounts failing from one address in 10 minutes that mark credential stuffing"},
        {.key = "threats.spraying_accounts",
         .envVar = "THREATS_SPRAYING_ACCOUNTS",
         .type = Type::Int,
         .defaultValue = "10",
         .min = 2,
         .max = 100000,
         .help = "Distinct accounts one password fails against in an hour that mark password spraying"},
        {.key = "threats.distributed_addresses",
         .envVar = "THREATS_DISTRIBUTED_ADDRESSES",
         .type = Type::Int,
         .defaultValue = "10",
         .min = 2,
         .max = 100000,
         .help = "Distinct addresses failing against one account in an hour that mark a distributed attack"},
        {.key = "threats.block_duration",
         .envVar = "THREATS_BLOCK_DURATION",
         .type = Type::Duration,
         .defaultValue = "15m",
         .help = "How long an address caught stuffing or at failure velocity stays blocked"},
        {.key = "threats.deny_lists",
         .envVar = "THREATS_DENY_LISTS",
         .type = Type::StringList,
         .defaultValue = "",
         .help = "Comma-separated files (absolute paths) or https:// URLs of CIDR lists whose addresses "
                 "may not sign in; reloaded by POST /admin/threat-intel/update",
         .check = checkIntelSource},
        {.key = "threats.allow_lists",
         .envVar = "THREATS_ALLOW_LISTS",
         .type = Type::StringList,
         .defaultValue = "",
         .help = "Comma-separated files or https:// URLs of CIDR lists exempt from deny lists and "
                 "velocity blocks (office NATs, monitoring)",
         .check = checkIntelSource},
        {.key = "threats.intel_max_bytes",
         .envVar = "THREATS_INTEL_MAX_BYTES",
         .type = Type::Int,
         .defaultValue = "16777216",
         .min = 1024,
         .max = 268435456,
         .help = "Largest threat-intel list read or downloaded"},
        {.key = "threats.intel_timeout",
         .envVar = "THREATS_INTEL_TIMEOUT",
         .type = Type::Duration,
         .defaultValue = "30s",
         .help = "Time a threat-intel download may take"},
    };
    return table;
}

const Config::KeyInfo* Config::find(const QString& key)
{
    static const QHash<QString, const KeyInfo*> index = [] {
        QHash<QString, const KeyInfo*> result;
        for (const KeyInfo& info : keys())
            result.insert(QString::fromLatin1(info.key), &info);
        return result;
    }();
    return index.value(key, nullptr);
}

} // namespace auth
