#include "containment/ContainmentController.h"

#include "accounts/SessionStore.h"
#include "admin/AdminAccess.h"
#include "containment/AdminAction.h"
#include "containment/Containment.h"
#include "core/Clock.h"
#include "core/Events.h"
#include "core/ServiceContext.h"
#include "logging/Logger.h"
#include "storage/Database.h"
#include "tokens/TokenService.h"

#include <QJsonArray>
#include <QSqlQuery>

namespace auth::containment {

namespace {

using http::HttpResponse;

qint64 count(QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    return query.exec(sql) && query.next() ? query.value(0).toLongLong() : 0;
}

qint64 activeSessions(QSqlDatabase& db)
{
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("SELECT COUNT(*) FROM sessions WHERE revoked_at IS NULL AND expires_at > ?"));
    query.addBindValue(Clock::nowSecs());
    return query.exec() && query.next() ? query.value(0).toLongLong() : 0;
}

qint64 liveRefreshTokens(QSqlDatabase& db)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM refresh_tokens WHERE revoked_at IS NULL "
                                 "AND used_at IS NULL AND expires_at > ?"));
    query.addBindValue(Clock::nowSecs());
    return query.exec() && query.next() ? query.value(0).toLongLong() : 0;
}

// A fresh session for `admin` (database pool, inside the caller's transaction):
// the token answer of a login, or an empty object when it cannot be stored.
QJsonObject renewSession(QSqlDatabase& db, const core::Principal& admin, const admin::AdminCall& call,
                         const core::ServiceContext& context)
{
    const qint64 refreshTtl = context.config->durationMs(QStringLiteral("jwt.refresh_token_ttl")) / 1000;
    const auto session = accounts::SessionStore::create(
        db, admin.userId, {}, call.sourceIp, QString::fromUtf8(call.request.header("user-agent")).left(256),
        admin.mfa, refreshTtl);
    if (!session)
        return {};
    tokens::TokenService::Request request;
    request.subject = admin.userId;
    request.sessionId = session->id;
    request.scope = QStringLiteral("openid profile email");
    request.extra = {{QStringLiteral("roles"), QJsonArray::fromStringList(admin.roles)},
                     {QStringLiteral("mfa"), admin.mfa}};
    const auto issued = context.tokens->issue(request);
    accounts::RefreshToken row;
    row.sessionId = session->id;
    row.userId = admin.userId;
    row.scope = request.scope;
    const QString refreshToken = accounts::SessionStore::issueRefresh(db, row, refreshTtl);
    if (issued.token.isEmpty() || refreshToken.isEmpty())
        return {};
    return {{QStringLiteral("access_token"), QString::fromLatin1(issued.token)},
            {QStringLiteral("token_type"), QStringLiteral("Bearer")},
            {QStringLiteral("expires_in"), double(issued.expiresIn)},
            {QStringLiteral("refresh_token"), refreshToken},
            {QStringLiteral("session_id"), session->id},
            {QStringLiteral("scope"), request.scope}};
}

} // namespace

void ContainmentController::registerRoutes(http::Router& router)
{
    router.add("GET", QStringLiteral("/admin/containment"),
               [this](http::HttpRequest& r) { return status(r); });
    router.add("POST", QStringLiteral("/admin/containment/isolate"),
               [this](http::HttpRequest& r) { return setIsolated(r, true); });
    router.add("POST", QStringLiteral("/admin/containment/restore"),
               [this](http::HttpRequest& r) { return setIsolated(r, false); });
    router.add("POST", QStringLiteral("/admin/sessions/revoke-all"),
               [this](http::HttpRequest& r) { return revokeAll(r); });
}

QFuture<HttpResponse> ContainmentController::status(http::HttpRequest& request)
{
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = admin::requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const auto state = Containment::read(db);
        if (!state)
            return HttpResponse::error(503, QStringLiteral("service_unavailable"),
                                       QStringLiteral("The containment state cannot be read"));
        QJsonObject body = state->toJson();
        QJsonArray networks;
        for (const core::Subnet& subnet : m_containment.isolationNetworks())
            networks.append(QStringLiteral("%1/%2").arg(subnet.first.toString()).arg(subnet.second));
        body.insert(QStringLiteral("admin_networks"), networks);
        return HttpResponse::json(200, body);
    });
}

QFuture<HttpResponse> ContainmentController::setIsolated(http::HttpRequest& request, bool isolated)
{
    auto decoded = decodeAdminAction(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    const AdminAction action = std::get<AdminAction>(decoded);
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call, action, isolated](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = admin::requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const core::Principal admin = std::get<core::Principal>(auth);
        const QString name
            = isolated ? QStringLiteral("containment.isolate") : QStringLiteral("containment.restore");
        const QJsonObject parameters = action.auditParameters({{QStringLiteral("dry_run"), action.dryRun}});
        const auto current = Containment::read(db);
        if (!current)
            return HttpResponse::error(503, QStringLiteral("service_unavailable"),
                                       QStringLiteral("The containment state cannot be read"));
        // Isolating from outside the isolation networks would lock the caller out.
        if (isolated && !m_containment.adminAllowedFrom(QHostAddress(call.sourceIp))) {
            admin::audit(admin, call.sourceIp, name, action.reason, parameters,
                         QStringLiteral("refused: caller outside the isolation networks"));
            return HttpResponse::error(409, QStringLiteral("caller_outside_isolation_networks"),
                                       QStringLiteral("Isolating from this address would lock you out of the "
                                                      "admin API; call from ADMIN_ALLOWED_NETWORKS"));
        }
        const bool already = current->isolated == isolated;
        const QString alreadyKey
            = isolated ? QStringLiteral("already_isolated") : QStringLiteral("already_normal");
        if (action.dryRun) {
            QJsonObject body {{QStringLiteral("dry_run"), true},
                              {alreadyKey, already},
                              {QStringLiteral("would_change"), !already},
                              {QStringLiteral("current"), current->toJson()},
                              {QStringLiteral("active_sessions"), double(activeSessions(db))}};
            admin::audit(admin, call.sourceIp, name, action.reason, parameters, QStringLiteral("dry run"));
            return HttpResponse::json(200, body);
        }
        bool changed = false;
        const auto state = m_containment.set(db, isolated, admin.userId, action.reason, &changed);
        if (!state) {
            admin::audit(admin, call.sourceIp, name, action.reason, parameters, QStringLiteral("failed"));
            return HttpResponse::error(503, QStringLiteral("service_unavailable"),
                                       QStringLiteral("The containment state cannot be written"));
        }
        if (changed) {
            auto event = core::requestEvent(isolated ? events::ServiceIsolated : events::ServiceRestored,
                                            isolated ? Severity::Critical : Severity::High, call.sourceIp,
                                            {{QStringLiteral("actor"), admin.userId},
                                             {QStringLiteral("reason"), action.reason},
                                             {QStringLiteral("instance_id"), m_context.instanceId}});
            event.userId = admin.userId;
            core::recordEvent(event);
        }
        admin::audit(admin, call.sourceIp, name, action.reason, parameters,
                     changed ? QStringLiteral("ok") : QStringLiteral("unchanged"));
        QJsonObject body = state->toJson();
        body.insert(QStringLiteral("dry_run"), false);
        body.insert(alreadyKey, !changed);
        return HttpResponse::json(200, body);
    });
}

QFuture<HttpResponse> ContainmentController::revokeAll(http::HttpRequest& request)
{
    auto decoded = decodeAdminAction(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    const AdminAction action = std::get<AdminAction>(decoded);
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call, action](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = admin::requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const core::Principal admin = std::get<core::Principal>(auth);
        const QString name = QStringLiteral("sessions.revoke_all");
        const QJsonValue renewValue = action.body.value(QStringLiteral("renew_caller_session"));
        if (!renewValue.isUndefined() && !renewValue.isBool())
            return HttpResponse::error(400, QStringLiteral("invalid_request"),
                                       QStringLiteral("renew_caller_session must be a boolean"));
        const bool renew = renewValue.toBool();
        const QJsonObject parameters = action.auditParameters(
            {{QStringLiteral("dry_run"), action.dryRun}, {QStringLiteral("renew_caller_session"), renew}});
        const qint64 sessions = activeSessions(db);
        const qint64 refresh = liveRefreshTokens(db);
        const qint64 users = count(db,
                                   QStringLiteral("SELECT COUNT(DISTINCT user_id) FROM sessions "
                                                  "WHERE revoked_at IS NULL"));
        if (action.dryRun) {
            admin::audit(admin, call.sourceIp, name, action.reason, parameters, QStringLiteral("dry run"));
            return HttpResponse::json(200,
                                      QJsonObject {{QStringLiteral("dry_run"), true},
                                                   {QStringLiteral("sessions"), double(sessions)},
                                                   {QStringLiteral("refresh_tokens"), double(refresh)},
                                                   {QStringLiteral("users"), double(users)}});
        }
        // Sessions and refresh tokens end in the database; the global mark
        // (persisted in revocation_marks, reloaded at start) refuses every
        // access token issued up to now, session-bound or not.
        db.transaction();
        const int revokedSessions = accounts::SessionStore::revokeAll(db, QStringLiteral("revoke_all"));
        const qint64 notBefore = Clock::nowSecs();
        m_context.tokens->setNotBefore(db, tokens::TokenService::GlobalSubject, notBefore);
        // The caller's session ends with all others; a new one may take its place,
        // so an operator who revokes everything while logins are isolated can
        // still restore. Session-bound tokens are checked against their session,
        // so the new tokens hold although they are issued within the mark's second.
        const QJsonObject renewed = renew ? renewSession(db, admin, call, m_context) : QJsonObject();
        if ((renew && renewed.isEmpty()) || !db.commit()) {
            db.rollback();
            admin::audit(admin, call.sourceIp, name, action.reason, parameters, QStringLiteral("failed"));
            return HttpResponse::error(503, QStringLiteral("service_unavailable"),
                                       QStringLiteral("Revocation could not be stored"));
        }
        const QJsonObject result {{QStringLiteral("dry_run"), false},
                                  {QStringLiteral("sessions_revoked"), revokedSessions},
                                  {QStringLiteral("refresh_tokens_revoked"), double(refresh)},
                                  {QStringLiteral("users"), double(users)},
                                  {QStringLiteral("not_before"), double(notBefore)}};
        auto event = core::requestEvent(events::SessionsRevoked, Severity::Critical, call.sourceIp,
                                        {{QStringLiteral("scope"), QStringLiteral("all")},
                                         {QStringLiteral("actor"), admin.userId},
                                         {QStringLiteral("reason"), action.reason},
                                         {QStringLiteral("sessions_revoked"), revokedSessions},
                                         {QStringLiteral("not_before"), double(notBefore)}});
        event.userId = admin.userId;
        core::recordEvent(event);
        admin::audit(admin, call.sourceIp, name, action.reason, parameters,
                     QStringLiteral("revoked %1 sessions").arg(revokedSessions));
        if (renew) {
            QJsonObject body = result;
            body.insert(QStringLiteral("session"), renewed);
            return HttpResponse::json(200, body);
        }
        return HttpResponse::json(200, result);
    });
}

} // namespace auth::containment
