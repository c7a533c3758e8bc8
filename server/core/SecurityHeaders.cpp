#include "core/SecurityHeaders.h"

namespace auth::core {

void applySecurityHeaders(const SecurityHeaderSettings& settings, bool secure, http::HttpResponse& response)
{
    if (!response.hasHeader("Cache-Control")) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
    }
    if (!settings.enabled)
        return;
    if (secure && settings.hstsMaxAge > 0)
        response.setHeader("Strict-Transport-Security",
                           "max-age=" + QByteArray::number(settings.hstsMaxAge) + "; includeSubDomains");
    if (!settings.contentSecurityPolicy.isEmpty() && !response.hasHeader("Content-Security-Policy"))
        response.setHeader("Content-Security-Policy", settings.contentSecurityPolicy);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

} // namespace auth::core
