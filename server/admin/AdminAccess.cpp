#include "admin/AdminAccess.h"

#include "core/ClientAddress.h"
#include "core/Events.h"
#include "core/ServiceContext.h"

namespace auth::admin {

AdminCall adminCall(const http::HttpRequest& request, const core::ServiceContext& context)
{
    AdminCall call;
    call.request.headers = request.headers;
    call.request.path = request.path;
    call.request.peerAddress = request.peerAddress;
    call.request.requestId = request.requestId;
    call.request.pathParams = request.pathParams;
    call.request.rawQuery = request.rawQuery;
    call.sourceIp = core::clientAddress(request, context.trustedProxies).toString();
    return call;
}

std::variant<core::Principal, http::HttpResponse>
requireAdmin(const http::HttpRequest& request, QSqlDatabase& db, const core::ServiceContext& context)
{
    const QList<core::Subnet> allowed
        = core::parseSubnets(context.config->list(QStringLiteral("admin.allowed_networks")));
    const QHostAddress client = core::clientAddress(request, context.trustedProxies);
    if (!allowed.isEmpty() && !core::inSubnets(client, allowed)) {
        core::recordEvent(
            core::requestEvent(events::SecurityViolation, Severity::High, client.toString(),
                               {{QStringLiteral("reason"), QStringLiteral("admin_network_not_allowed")},
                                {QStringLiteral("path"), request.path}}));
        return http::HttpResponse::error(403, QStringLiteral("forbidden"),
                                         QStringLiteral("The admin API is not reachable from this network"));
    }
    auto auth = core::authenticateBearer(request, db, context);
    if (std::holds_alternative<http::HttpResponse>(auth))
        return auth;
    const core::Principal& principal = std::get<core::Principal>(auth);
    // A token a third-party client obtained for an admin user carries that
    // client's id; the admin API takes only the admin's own session tokens.
    if (!principal.clientId.isEmpty() || principal.sessionId.isEmpty()) {
        auto event
            = core::requestEvent(events::SecurityViolation, Severity::High, client.toString(),
                                 {{QStringLiteral("reason"), QStringLiteral("admin_api_with_client_token")},
                                  {QStringLiteral("client_id"), principal.clientId},
                                  {QStringLiteral("path"), request.path}});
        event.userId = principal.userId;
        core::recordEvent(event);
        return http::HttpResponse::error(403, QStringLiteral("forbidden"),
                                         QStringLiteral("The admin API needs an admin's own session token"));
    }
    if (!principal.isAdmin()) {
        auto event = core::requestEvent(events::SecurityViolation, Severity::Medium, client.toString(),
                                        {{QStringLiteral("reason"), QStringLiteral("admin_role_required")},
                                         {QStringLiteral("path"), request.path}});
        event.userId = principal.userId;
        core::recordEvent(event);
        return http::HttpResponse::error(403, QStringLiteral("forbidden"),
                                         QStringLiteral("An admin account is required"));
    }
    // MFA_REQUIRED_FOR_ADMIN: the admin API takes only sessions that passed MFA.
    if (context.config->boolean(QStringLiteral("mfa.required_for_admin")) && !principal.mfa) {
        auto event = core::requestEvent(events::SecurityViolation, Severity::Medium, client.toString(),
                                        {{QStringLiteral("reason"), QStringLiteral("admin_without_mfa")},
                                         {QStringLiteral("path"), request.path}});
        event.userId = principal.userId;
        core::recordEvent(event);
        return http::HttpResponse::error(403, QStringLiteral("mfa_required"),
                                         QStringLiteral("The admin API needs a session that passed MFA: "
                                                        "sign in with your second factor"));
    }
    return auth;
}

void audit(const core::Principal& actor, const QString& sourceIp, const QString& action,
           const QString& reason, const QJsonObject& parameters, const QString& result)
{
    auto event = core::requestEvent(
        events::AdminAction, Severity::Medium, sourceIp,
        {{QStringLiteral("actor"), actor.userId.isEmpty() ? actor.subject : actor.userId},
         {QStringLiteral("action"), action},
         {QStringLiteral("reason"), reason},
         {QStringLiteral("parameters"), parameters},
         {QStringLiteral("result"), result}});
    event.userId = actor.userId;
    core::recordEvent(event);
}

http::Decoded<QString> requiredReason(const http::HttpRequest& request)
{
    auto decoded = http::decodeJsonObject(request);
    if (auto* error = std::get_if<http::HttpResponse>(&decoded))
        return *error;
    const QString reason
        = std::get<QJsonObject>(decoded).value(QStringLiteral("reason")).toString().trimmed();
    if (reason.isEmpty() || reason.size() > 500)
        return http::HttpResponse::error(422, QStringLiteral("reason_required"),
                                         QStringLiteral("A reason of 1 to 500 characters is required"));
    return reason;
}

} // namespace auth::admin
