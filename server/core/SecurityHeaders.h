#pragma once

#include "http/HttpResponse.h"

#include <QByteArray>

namespace auth::core {

struct SecurityHeaderSettings
{
    bool enabled = true;
    qint64 hstsMaxAge = 31536000;
    QByteArray contentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'";
};

// Adds the hardening headers to a response. HSTS goes only on responses sent
// over HTTPS (RFC 6797 §7.2). Responses are `Cache-Control: no-store` unless the
// handler chose caching itself (JWKS, discovery), since most carry credentials.
void applySecurityHeaders(const SecurityHeaderSettings& settings, bool secure, http::HttpResponse& response);

} // namespace auth::core
