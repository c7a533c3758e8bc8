#pragma once

#include "events/SecurityEvent.h"
#include "http/HttpRequest.h"

namespace auth::core {

// Records a security event: security.log always; the runbook also greps
// application.log for key_rotation, jwt_generation and mfa_delivery, so those
// are written there too.
void recordEvent(SecurityEvent event);

// An event about `request`: source address and request id filled in.
SecurityEvent requestEvent(const char* type, Severity severity, const QString& sourceIp,
                           QJsonObject details = {});

} // namespace auth::core
