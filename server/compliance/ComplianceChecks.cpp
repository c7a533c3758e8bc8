#include "compliance/ComplianceChecks.h"

#include <QJsonArray>

namespace auth::compliance {

namespace {

constexpr auto Nist = "nist-800-63b";
constexpr auto Asvs = "owasp-asvs-l2";
constexpr auto Soc2 = "soc2-cc6";

constexpr qint64 kOwaspArgon2MemoryKiB = 19456;
constexpr qint64 kOwaspArgon2Iterations = 2;

const QStringList& weakSecretWords()
{
    static const QStringList words = {
        QStringLiteral("secret"),   QStringLiteral("changeme"),    QStringLiteral("change-me"),
        QStringLiteral("changeit"), QStringLiteral("password"),    QStringLiteral("your-secret-key"),
        QStringLiteral("default"),  QStringLiteral("development"),
    };
    return words;
}

// Why a configured secret is weak (never quoting it), or empty.
QString secretWeakness(const QString& value, int minBytes)
{
    const QString lowered = value.trimmed().toLower();
    if (weakSecretWords().contains(lowered) || lowered.contains(QLatin1String("example")))
        return QStringLiteral("is a well-known default");
    if (minBytes > 0 && value.toUtf8().size() < minBytes)
        return QStringLiteral("is shorter than %1 bytes").arg(minBytes);
    return {};
}

QString days(qint64 secs)
{
    return QString::number(double(secs) / 86400.0, 'f', 1);
}

class Builder
{
public:
    void add(const char* framework, const QString& id, const QString& control, const QString& title,
             bool pass, const QString& severity, const QString& detail, const QString& remediation)
    {
        m_checks.append({id, QString::fromLatin1(framework), control, title,
                         pass ? QStringLiteral("pass") : QStringLiteral("fail"), severity, detail,
                         remediation});
    }
    void notApplicable(const char* framework, const QString& id, const QString& control, const QString& title,
                       const QString& severity, const QString& detail)
    {
        m_checks.append({id, QString::fromLatin1(framework), control, title, QStringLiteral("not_applicable"),
                         severity, detail, QString()});
    }
    QList<Check> take() { return std::move(m_checks); }

private:
    QList<Check> m_checks;
};

} // namespace

QJsonObject Check::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("control"), control},
            {QStringLiteral("title"), title},
            {QStringLiteral("status"), status},
            {QStringLiteral("severity"), severity},
            {QStringLiteral("detail"), detail},
            {QStringLiteral("remediation"), remediation.isEmpty() ? QJsonValue() : QJsonValue(remediation)}};
}

QJsonObject Check::toViolation() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("framework"), framework},
            {QStringLiteral("control"), control},
            {QStringLiteral("title"), title},
            {QStringLiteral("severity"), severity},
            {QStringLiteral("finding"), detail},
            {QStringLiteral("remediation"), remediation}};
}

QList<Check> evaluate(const Config& config, const ServiceFacts& facts)
{
    Builder b;
    const bool production = config.isProduction();
    const QString critInProd = production ? QStringLiteral("critical") : QStringLiteral("high");

    // Shared findings, reported under every framework that asks for them.
    const bool mfaRequired = config.boolean(QStringLiteral("mfa.required_for_admin"));
    const QString mfaDetail = mfaRequired
        ? QStringLiteral("MFA_REQUIRED_FOR_ADMIN is true")
        : QStringLiteral("MFA_REQUIRED_FOR_ADMIN is false: admins can sign in "
                         "with a password alone");
    const QString mfaFix = QStringLiteral("Set MFA_REQUIRED_FOR_ADMIN=true");
    const bool adminsMfa = facts.adminsWithoutMfa == 0;
    const QString adminsMfaDetail = QStringLiteral("%1 of %2 admin accounts have no MFA requirement")
                                        .arg(facts.adminsWithoutMfa)
                                        .arg(facts.admins);
    const QString adminsMfaFix
        = QStringLiteral("Enrol every admin in MFA (TOTP or WebAuthn) or remove their admin role");
    const QString tlsDetail = facts.tls
        ? QStringLiteral("HTTPS with TLS 1.2+ and forward-secret AEAD suites")
        : QStringLiteral("The API is served over plain HTTP (ALLOW_PLAIN_HTTP)");
    const QString tlsFix = QStringLiteral("Set TLS_CERT_PATH and TLS_KEY_PATH and unset ALLOW_PLAIN_HTTP");
    const qint64 rotationSecs = config.integer(QStringLiteral("jwt.key_rotation_days")) * 86400;
    const bool keyFresh = facts.activeKeyAgeSecs <= rotationSecs;
    const QString keyDetail
        = QStringLiteral("The active signing key is %1 days old; the rotation period is %2 days")
              .arg(days(facts.activeKeyAgeSecs))
              .arg(config.integer(QStringLiteral("jwt.key_rotation_days")));
    const QString keyFix = QStringLiteral("Rotate now: POST /admin/keys/rotate");
    const qint64 perMinute = config.integer(QStringLiteral("rate_limit.per_ip_per_minute"));
    const qint64 lockout = config.integer(QStringLiteral("lockout.threshold"));
    const bool throttled = perMinute <= 1000 && lockout <= 10;
    const QString throttleDetail
        = QStringLiteral("Rate limit %1 requests/min per IP, account lockout after %2 failures")
              .arg(perMinute)
              .arg(lockout);
    const QString throttleFix = QStringLiteral(
        "Keep RATE_LIMIT_PER_IP_PER_MINUTE at or below 1000 and LOCKOUT_THRESHOLD at or below 10");
    const QString logsDetail = facts.logsWritable
        ? QStringLiteral("security.log and application.log are writable")
        : QStringLiteral("Writing the log files failed: security events are being lost");
    const QString logsFix = QStringLiteral("Check LOG_DIR's free space and permissions, then send SIGHUP");
    const bool adminNetworks = !config.list(QStringLiteral("admin.allowed_networks")).isEmpty();
    const QString networksDetail = adminNetworks
        ? QStringLiteral("The admin API is limited to ADMIN_ALLOWED_NETWORKS")
        : QStringLiteral("ADMIN_ALLOWED_NETWORKS is empty: the admin API answers from any address");
    const QString networksFix = QStringLiteral("Set ADMIN_ALLOWED_NETWORKS to the SOC's networks");
    const qint64 memory = config.integer(QStringLiteral("password.argon2_memory_kib"));
    const qint64 iterations = config.integer(QStringLiteral("password.argon2_iterations"));
    const bool argonOk = memory >= kOwaspArgon2MemoryKiB && iterations >= kOwaspArgon2Iterations;
    const QString argonDetail = QStringLiteral("Argon2id m=%1 KiB t=%2 p=%3 (OWASP minimum m=19456 t=2 p=1)")
                                    .arg(memory)
                                    .arg(iterations)
                                    .arg(config.integer(QStringLiteral("password.argon2_parallelism")));
    const QString argonFix
        = QStringLiteral("Raise ARGON2_MEMORY_KIB to 19456 or more and ARGON2_ITERATIONS to 2 or more");
    const QString weakDetail
        = QStringLiteral("%1 accounts (%2 of them admins) have a password below strength %3")
              .arg(facts.weakPasswordUsers)
              .arg(facts.weakPasswordAdmins)
              .arg(facts.passwordMinStrength);
    const QString weakFix = QStringLiteral(
        "Review GET /admin/security/weak-passwords and require those users to change their password");

    // Secrets: weak or default values are critical wherever they are found.
    struct Secret
    {
        const char* key;
        const char* name;
        int minBytes;
    };
    QStringList weakSecrets;
    for (const Secret& secret :
         {Secret {"jwt.secret", "JWT_SECRET", 32}, Secret {"jwt.master_key", "MASTER_KEY", 32},
          Secret {"admin.bootstrap_password", "ADMIN_BOOTSTRAP_PASSWORD", 0}}) {
        const QString value = config.string(QString::fromLatin1(secret.key));
        if (value.isEmpty())
            continue;
        const QString why = secretWeakness(value, secret.minBytes);
        if (!why.isEmpty())
            weakSecrets.append(QStringLiteral("%1 %2").arg(QLatin1String(secret.name), why));
    }
    QStringList productionProblems;
    for (const ConfigProblem& problem : config.productionProblems())
        productionProblems.append(problem.toLine());
    const bool masterKeySet = !config.string(QStringLiteral("jwt.master_key")).isEmpty();

    // NIST SP 800-63B
    b.add(Nist, QStringLiteral("nist-tls"), QStringLiteral("5.1.1.2 / 7.1"),
          QStringLiteral("Authenticators and session secrets only over an authenticated protected channel"),
          facts.tls, critInProd, tlsDetail, tlsFix);
    b.add(Nist, QStringLiteral("nist-password-length"), QStringLiteral("5.1.1.2"),
          QStringLiteral("Memorized secrets at least 8 characters, at least 64 allowed"),
          facts.passwordMinLength >= 8, QStringLiteral("high"),
          QStringLiteral("Passwords of %1 to 128 characters are accepted").arg(facts.passwordMinLength),
          QStringLiteral("Keep the minimum length at 8 or more"));
    b.add(Nist, QStringLiteral("nist-password-blocklist"), QStringLiteral("5.1.1.2"),
          QStringLiteral("New passwords checked against commonly used and compromised values"),
          facts.passwordMinStrength >= 40, QStringLiteral("medium"),
          QStringLiteral("zxcvbn estimate must reach strength %1 of 100").arg(facts.passwordMinStrength),
          QStringLiteral("Keep the password strength minimum at 40 or more"));
    b.add(Nist, QStringLiteral("nist-weak-passwords"), QStringLiteral("5.1.1.2"),
          QStringLiteral("No accounts with passwords below the policy"), facts.weakPasswordUsers == 0,
          facts.weakPasswordAdmins > 0 ? QStringLiteral("high") : QStringLiteral("medium"), weakDetail,
          weakFix);
    b.add(Nist, QStringLiteral("nist-password-storage"), QStringLiteral("5.1.1.2"),
          QStringLiteral("Passwords stored salted with a memory-hard key derivation function"), argonOk,
          QStringLiteral("high"), argonDetail, argonFix);
    b.add(Nist, QStringLiteral("nist-throttling"), QStringLiteral("5.2.2"),
          QStringLiteral("Failed authentication attempts limited (at most 100 consecutive)"), lockout <= 100,
          QStringLiteral("high"), throttleDetail, throttleFix);
    b.add(Nist, QStringLiteral("nist-aal2-admins"), QStringLiteral("4.2.1"),
          QStringLiteral("Privileged accounts authenticate at AAL2 (multi-factor)"), mfaRequired,
          QStringLiteral("high"), mfaDetail, mfaFix);
    b.add(Nist, QStringLiteral("nist-admins-enrolled"), QStringLiteral("4.2.1"),
          QStringLiteral("Every admin account has a second factor"), adminsMfa, QStringLiteral("high"),
          adminsMfaDetail, adminsMfaFix);
    const qint64 refreshSecs = config.durationMs(QStringLiteral("jwt.refresh_token_ttl")) / 1000;
    b.add(Nist, QStringLiteral("nist-reauthentication"), QStringLiteral("4.1.3 / 7.2"),
          QStringLiteral("Reauthentication at least every 30 days"), refreshSecs <= 30 * 86400,
          QStringLiteral("medium"),
          QStringLiteral("Sessions last at most %1 days (REFRESH_TOKEN_TTL)").arg(days(refreshSecs)),
          QStringLiteral("Set REFRESH_TOKEN_TTL to 30d or less"));

    // OWASP ASVS 4.0.3 level 2
    b.add(Asvs, QStringLiteral("asvs-tls"), QStringLiteral("V9.1.1"),
          QStringLiteral("TLS for all client connectivity"), facts.tls, critInProd, tlsDetail, tlsFix);
    b.add(Asvs, QStringLiteral("asvs-password-length"), QStringLiteral("V2.1.1"),
          QStringLiteral("User passwords at least 12 characters"), facts.passwordMinLength >= 12,
          QStringLiteral("low"),
          QStringLiteral("The minimum is %1 characters (NIST's 8); ASVS asks for 12")
              .arg(facts.passwordMinLength),
          QStringLiteral("Raise the password minimum length to 12 where ASVS conformance is required"));
    b.add(Asvs, QStringLiteral("asvs-password-storage"), QStringLiteral("V2.4.1 / V2.4.4"),
          QStringLiteral("Passwords stored with an approved memory-hard hash"), argonOk,
          QStringLiteral("high"), argonDetail, argonFix);
    b.add(Asvs, QStringLiteral("asvs-anti-automation"), QStringLiteral("V2.2.1"),
          QStringLiteral("Anti-automation against credential stuffing and brute force"), throttled,
          QStringLiteral("high"), throttleDetail, throttleFix);
    b.add(Asvs, QStringLiteral("asvs-admin-mfa"), QStringLiteral("V4.3.1"),
          QStringLiteral("Administrative interfaces use multi-factor authentication"), mfaRequired,
          QStringLiteral("high"), mfaDetail, mfaFix);
    b.add(Asvs, QStringLiteral("asvs-secrets"), QStringLiteral("V6.4.1 / V2.10.4"),
          QStringLiteral("No default or weak secrets in the configuration"), weakSecrets.isEmpty(),
          QStringLiteral("critical"),
          weakSecrets.isEmpty() ? QStringLiteral("No weak or default secrets configured")
                                : weakSecrets.join(QStringLiteral("; ")),
          QStringLiteral("Generate new secrets (openssl rand -hex 32) and restart"));
    b.add(Asvs, QStringLiteral("asvs-key-management"), QStringLiteral("V6.4.1"),
          QStringLiteral("Keys at rest protected by a managed master key"), masterKeySet,
          production ? QStringLiteral("critical") : QStringLiteral("medium"),
          masterKeySet ? QStringLiteral("MASTER_KEY is set")
                       : QStringLiteral(
                           "MASTER_KEY is not set: a generated key file in DATA_DIR wraps the signing keys"),
          QStringLiteral("Set MASTER_KEY from a secrets manager"));
    const qint64 accessSecs = config.durationMs(QStringLiteral("jwt.access_token_ttl")) / 1000;
    b.add(Asvs, QStringLiteral("asvs-token-lifetime"), QStringLiteral("V3.5.3 / V3.3.1"),
          QStringLiteral("Stateless tokens short-lived"), accessSecs <= 3600, QStringLiteral("medium"),
          QStringLiteral("Access tokens live %1 s (ACCESS_TOKEN_TTL)").arg(accessSecs),
          QStringLiteral("Set ACCESS_TOKEN_TTL to 1h or less (15m recommended)"));
    const qint64 idleSecs = config.durationMs(QStringLiteral("session.idle_timeout")) / 1000;
    b.add(Asvs, QStringLiteral("asvs-session-idle"), QStringLiteral("V3.3.2"),
          QStringLiteral("Idle sessions end"), idleSecs <= 86400, QStringLiteral("low"),
          QStringLiteral("Sessions idle %1 s end (SESSION_IDLE_TIMEOUT)").arg(idleSecs),
          QStringLiteral("Set SESSION_IDLE_TIMEOUT to 24h or less"));
    const bool headers = config.boolean(QStringLiteral("security.headers_enabled"));
    const qint64 hsts = config.integer(QStringLiteral("security.hsts_max_age"));
    b.add(Asvs, QStringLiteral("asvs-security-headers"), QStringLiteral("V14.4"),
          QStringLiteral("Security headers (CSP, HSTS, X-Content-Type-Options, framing) sent"),
          headers && hsts >= 31536000, QStringLiteral("medium"),
          headers ? QStringLiteral("Headers enabled, HSTS max-age %1 s").arg(hsts)
                  : QStringLiteral("SECURITY_HEADERS_ENABLED is false"),
          QStringLiteral("Set SECURITY_HEADERS_ENABLED=true and HSTS_MAX_AGE to 31536000 or more"));
    b.add(Asvs, QStringLiteral("asvs-logging"), QStringLiteral("V7.1 / V7.3"),
          QStringLiteral("Security events logged and protected"), facts.logsWritable, QStringLiteral("high"),
          logsDetail, logsFix);

    // SOC 2 CC6 (logical and physical access controls)
    b.add(Soc2, QStringLiteral("soc2-admin-mfa"), QStringLiteral("CC6.1"),
          QStringLiteral("Privileged access requires multi-factor authentication"), mfaRequired && adminsMfa,
          QStringLiteral("high"), mfaRequired ? adminsMfaDetail : mfaDetail,
          mfaRequired ? adminsMfaFix : mfaFix);
    b.add(Soc2, QStringLiteral("soc2-key-rotation"), QStringLiteral("CC6.1"),
          QStringLiteral("Signing keys rotated within their period"), keyFresh, QStringLiteral("high"),
          keyDetail, keyFix);
    b.add(Soc2, QStringLiteral("soc2-access-review"), QStringLiteral("CC6.2 / CC6.3"),
          QStringLiteral("Access of inactive accounts reviewed and removed"), facts.inactiveUsers == 0,
          QStringLiteral("low"),
          QStringLiteral("%1 accounts have not signed in for 90 days").arg(facts.inactiveUsers),
          QStringLiteral("Review GET /admin/users/inactive?days=90 and lock accounts no longer needed"));
    b.add(Soc2, QStringLiteral("soc2-admin-networks"), QStringLiteral("CC6.6"),
          QStringLiteral("Administrative access restricted to known networks"), adminNetworks,
          production ? QStringLiteral("medium") : QStringLiteral("low"), networksDetail, networksFix);
    b.add(Soc2, QStringLiteral("soc2-transmission"), QStringLiteral("CC6.7"),
          QStringLiteral("Data in transit encrypted"), facts.tls, critInProd, tlsDetail, tlsFix);
    b.add(Soc2, QStringLiteral("soc2-monitoring"), QStringLiteral("CC6.8 / CC7.2"),
          QStringLiteral("Security events recorded for monitoring"), facts.logsWritable,
          QStringLiteral("high"), logsDetail, logsFix);
    if (production)
        b.add(Soc2, QStringLiteral("soc2-production-config"), QStringLiteral("CC6.1"),
              QStringLiteral("Production configuration passes --check-config"), productionProblems.isEmpty(),
              QStringLiteral("critical"),
              productionProblems.isEmpty() ? QStringLiteral("No problems")
                                           : productionProblems.join(QStringLiteral("; ")),
              QStringLiteral("Run auth-service --check-config and fix every line"));
    else
        b.notApplicable(Soc2, QStringLiteral("soc2-production-config"), QStringLiteral("CC6.1"),
                        QStringLiteral("Production configuration passes --check-config"),
                        QStringLiteral("critical"), QStringLiteral("APP_ENV is not production"));
    return b.take();
}

QJsonObject summary(const QList<Check>& checks)
{
    struct Framework
    {
        const char* id;
        const char* name;
    };
    QJsonArray frameworks;
    int passedTotal = 0;
    int failedTotal = 0;
    for (const Framework& framework :
         {Framework {Nist, "NIST SP 800-63B"}, Framework {Asvs, "OWASP ASVS 4.0.3 Level 2"},
          Framework {Soc2, "SOC 2 CC6"}}) {
        QJsonArray list;
        int passed = 0;
        int failed = 0;
        for (const Check& check : checks) {
            if (check.framework != QLatin1String(framework.id))
                continue;
            list.append(check.toJson());
            passed += check.status == QLatin1String("pass");
            failed += check.status == QLatin1String("fail");
        }
        passedTotal += passed;
        failedTotal += failed;
        frameworks.append(QJsonObject {{QStringLiteral("id"), QLatin1String(framework.id)},
                                       {QStringLiteral("name"), QLatin1String(framework.name)},
                                       {QStringLiteral("checks"), list},
                                       {QStringLiteral("passed"), passed},
                                       {QStringLiteral("failed"), failed},
                                       {QStringLiteral("compliant"), failed == 0}});
    }
    return {{QStringLiteral("frameworks"), frameworks},
            {QStringLiteral("passed"), passedTotal},
            {QStringLiteral("failed"), failedTotal}};
}

QJsonObject violations(const QList<Check>& checks)
{
    QJsonObject out;
    for (const char* severity : {"critical", "high", "medium", "low"}) {
        QJsonArray list;
        for (const Check& check : checks) {
            if (check.status == QLatin1String("fail") && check.severity == QLatin1String(severity))
                list.append(check.toViolation());
        }
        out.insert(QStringLiteral("%1_violations").arg(QLatin1String(severity)), list);
    }
    return out;
}

} // namespace auth::compliance
