#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace auth {

enum class Severity { Info = 0, Low, Medium, High, Critical };
QString severityName(Severity s); // "INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"
std::optional<Severity> parseSeverity(const QString& name);

// Event names from the runbook plus our own; kept as constants so a typo is a
// compile error, not a silently unsearchable log line.
namespace events {
inline constexpr auto AuthenticationSuccess = "authentication_success";
inline constexpr auto AuthenticationFailure = "authentication_failure";
inline constexpr auto SuspiciousActivity = "suspicious_activity";
inline constexpr auto SecurityViolation = "security_violation";
inline constexpr auto MfaVerification = "mfa_verification";
inline constexpr auto MfaDelivery = "mfa_delivery";
inline constexpr auto KeyRotation = "key_rotation";
inline constexpr auto JwtGeneration = "jwt_generation";
inline constexpr auto AccountLocked = "account_locked";
inline constexpr auto AccountUnlocked = "account_unlocked";
inline constexpr auto TokenRevoked = "token_revoked";
inline constexpr auto RefreshTokenReuse = "refresh_token_reuse";
inline constexpr auto AuthorizationCodeReuse = "authorization_code_reuse";
inline constexpr auto RateLimitExceeded = "rate_limit_exceeded";
inline constexpr auto AdminAction = "admin_action";
inline constexpr auto ServiceStarted = "service_started";
inline constexpr auto ServiceStopped = "service_stopped";
inline constexpr auto RequestRejected = "request_rejected";
inline constexpr auto AccountCreated = "account_created";
inline constexpr auto PasswordChanged = "password_changed";
inline constexpr auto MfaEnrolled = "mfa_enrolled";
inline constexpr auto MfaDisabled = "mfa_disabled";
inline constexpr auto MfaLocked = "mfa_locked";
inline constexpr auto MfaBackupCodesGenerated = "mfa_backup_codes_generated";
inline constexpr auto ServiceIsolated = "service_isolated";
inline constexpr auto ServiceRestored = "service_restored";
inline constexpr auto SessionsRevoked = "sessions_revoked";
inline constexpr auto EvidenceExported = "evidence_exported";
inline constexpr auto DependencyDown = "dependency_down";
inline constexpr auto DependencyRestored = "dependency_restored";
} // namespace events

// One security event as stored and as written to security.log. Field names in the
// JSON form are fixed: timestamp, event, severity, user_id, source_ip, request_id,
// plus the free-form `details` object.
struct SecurityEvent
{
    QDateTime timestamp; // UTC
    QString type; // one of events::*
    Severity severity = Severity::Info;
    QString userId;
    QString sourceIp;
    QString requestId;
    QJsonObject details;

    static SecurityEvent make(const char* type, Severity severity, QJsonObject details = {});

    QJsonObject toJson() const;
    static std::optional<SecurityEvent> fromJson(const QJsonObject& object);
};

} // namespace auth
