#pragma once

#include "core/BearerAuth.h"
#include "http/RequestDecoder.h"

namespace auth::admin {

// What an admin handler needs from its request once it runs on a pool thread,
// where the request itself may already be gone: headers, path, parameters and
// the accounted client address.
struct AdminCall
{
    http::HttpRequest request;
    QString sourceIp;
};
AdminCall adminCall(const http::HttpRequest& request, const core::ServiceContext& context);

// The gate of every /admin route: a valid Bearer token of an admin account,
// from ADMIN_ALLOWED_NETWORKS when that is set (403 otherwise).
std::variant<core::Principal, http::HttpResponse>
requireAdmin(const http::HttpRequest& request, QSqlDatabase& db, const core::ServiceContext& context);

// Records an admin action in the audit trail (security.log): actor, action,
// reason, parameters and result.
void audit(const core::Principal& actor, const QString& sourceIp, const QString& action,
           const QString& reason, const QJsonObject& parameters, const QString& result);

// The required "reason" of a JSON body (trimmed, 1 to 500 characters), or the
// body's decoding error, or 422 reason_required.
http::Decoded<QString> requiredReason(const http::HttpRequest& request);

} // namespace auth::admin
