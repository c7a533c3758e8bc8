#include "events/EventCatalog.h"

namespace auth {

const QList<EventTypeInfo>& eventCatalog()
{
    static const QList<EventTypeInfo> table = {
        {events::AuthenticationSuccess, Severity::Info, "a password or MFA login succeeded"},
        {events::AuthenticationFailure, Severity::Low, "a login failed (unknown user, bad password, locked)"},
        {events::SuspiciousActivity, Severity::High, "threat detection flagged a request"},
        {events::SecurityViolation, Severity::High, "a request broke a security rule"},
        {events::MfaVerification, Severity::Info, "a second factor was checked (details.result)"},
        {events::MfaDelivery, Severity::Info, "a one-time code was sent"},
        {events::KeyRotation, Severity::Info, "a signing key was created or retired"},
        {events::JwtGeneration, Severity::Info, "an access token was issued"},
        {events::AccountLocked, Severity::High, "an account was locked"},
        {events::AccountUnlocked, Severity::Medium, "an account was unlocked"},
        {events::TokenRevoked, Severity::Info, "a token was revoked"},
        {events::RefreshTokenReuse, Severity::High, "a used refresh token came back"},
        {events::AuthorizationCodeReuse, Severity::High, "a used authorization code came back"},
        {events::RateLimitExceeded, Severity::Medium, "a client hit the rate limit"},
        {events::AdminAction, Severity::Medium, "an audited admin action"},
        {events::ServiceStarted, Severity::Info, "an instance started"},
        {events::ServiceStopped, Severity::Info, "an instance stopped"},
        {events::RequestRejected, Severity::Low, "a malformed or refused request"},
        {events::AccountCreated, Severity::Info, "an account was registered"},
        {events::PasswordChanged, Severity::Medium, "a password was changed"},
        {events::AlertFired, Severity::High, "an alert rule started firing (critical for P0)"},
        {events::AlertAcknowledged, Severity::Medium, "an admin acknowledged an alert"},
        {events::AlertResolved, Severity::Info, "an alert's condition cleared"},
    };
    return table;
}

Severity defaultSeverity(const QString& type)
{
    for (const EventTypeInfo& info : eventCatalog()) {
        if (type == QLatin1String(info.type))
            return info.severity;
    }
    return Severity::Info;
}

QString severityApiName(Severity severity)
{
    return severityName(severity).toLower();
}

} // namespace auth
