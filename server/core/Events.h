#pragma once

#include "events/SecurityEvent.h"
#include "http/HttpRequest.h"

#include <functional>

namespace auth::core {

// Records a security event: security.log always; the runbook also greps
// application.log for key_rotation, jwt_generation and mfa_delivery, so those
// are written there too.
void recordEvent(SecurityEvent event);

// An event about `request`: source address and request id filled in.
SecurityEvent requestEvent(const char* type, Severity severity, const QString& sourceIp,
                           QJsonObject details = {});

// Sees every event recordEvent() logs, on the recording thread (the event store
// and the metrics); must not block. An empty function removes it.
using EventObserver = std::function<void(const SecurityEvent&)>;
void setEventObserver(EventObserver observer);

} // namespace auth::core
