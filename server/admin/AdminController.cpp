#include "admin/AdminController.h"

#include "accounts/SessionStore.h"
#include "accounts/UserRepository.h"
#include "admin/AdminAccess.h"
#include "core/Clock.h"
#include "core/Events.h"
#include "core/ServiceContext.h"
#include "http/RequestDecoder.h"
#include "logging/Logger.h"
#include "mfa/MfaService.h"
#include "storage/Database.h"
#include "tokens/KeyManager.h"

#include <QJsonArray>
#include <QUuid>
#include <QtConcurrent>

namespace auth::admin {

namespace {

using http::HttpResponse;

// An optional JSON body: absent or empty is an empty object.
http::Decoded<QJsonObject> optionalJson(const http::HttpRequest& request)
{
    if (request.body.isEmpty())
        return QJsonObject {};
    return http::decodeJsonObject(request);
}

// What a rotation would do, without doing it: a normal one leaves the current
// keys verifying until their grace ends; an emergency one drops them from JWKS.
QJsonObject rotationPreview(const tokens::KeySet& set, bool emergency)
{
    QJsonArray affected;
    QString active;
    for (const tokens::KeyInfo& info : set.keys) {
        if (info.state == QLatin1String("active"))
            active = info.kid;
        if (info.state == QLatin1String("active") || (emergency && info.state == QLatin1String("passive")))
            affected.append(info.kid);
    }
    return {{QStringLiteral("dry_run"), true},
            {QStringLiteral("emergency"), emergency},
            {QStringLiteral("current_active"), active},
            {emergency ? QStringLiteral("would_retire") : QStringLiteral("would_deactivate"), affected},
            {QStringLiteral("removed_from_jwks_at_once"), emergency}};
}

} // namespace

void AdminController::registerRoutes(http::Router& router)
{
    router.add("GET", QStringLiteral("/admin/keys"), [this](http::HttpRequest& r) { return listKeys(r); });
    router.add("POST", QStringLiteral("/admin/keys/rotate"),
               [this](http::HttpRequest& r) { return rotateKeys(r); });
    router.add("GET", QStringLiteral("/admin/users"), [this](http::HttpRequest& r) { return listUsers(r); });
    router.add("POST", QStringLiteral("/admin/users/{id}/lock"),
               [this](http::HttpRequest& r) { return setLock(r, true); });
    router.add("POST", QStringLiteral("/admin/users/{id}/unlock"),
               [this](http::HttpRequest& r) { return setLock(r, false); });
}

QFuture<HttpResponse> AdminController::listKeys(http::HttpRequest& request)
{
    const AdminCall call = adminCall(request, m_context);
    return m_context.database->run([this, call](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        QJsonArray keys;
        for (const tokens::KeyInfo& info : m_context.keys->keys()->keys)
            keys.append(info.toJson());
        return HttpResponse::json(
            200,
            QJsonObject {{QStringLiteral("keys"), keys},
                         {QStringLiteral("rotation_days"),
                          double(m_context.config->integer(QStringLiteral("jwt.key_rotation_days")))}});
    });
}

QFuture<HttpResponse> AdminController::rotateKeys(http::HttpRequest& request)
{
    auto decoded = optionalJson(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    const QJsonObject body = std::get<QJsonObject>(decoded);
    if (body.contains(QStringLiteral("emergency")) && !body.value(QStringLiteral("emergency")).isBool())
        return http::ready(HttpResponse::error(422, QStringLiteral("invalid_request"),
                                               QStringLiteral("emergency must be a boolean")));
    if (body.contains(QStringLiteral("dry_run")) && !body.value(QStringLiteral("dry_run")).isBool())
        return http::ready(HttpResponse::error(400, QStringLiteral("invalid_request"),
                                               QStringLiteral("dry_run must be a boolean")));
    const bool dryRun = body.value(QStringLiteral("dry_run")).toBool();
    const bool emergency = body.value(QStringLiteral("emergency")).toBool();
    const QString reason = body.value(QStringLiteral("reason")).toString().trimmed().left(500);
    if (emergency && reason.isEmpty())
        return http::ready(HttpResponse::error(422, QStringLiteral("reason_required"),
                                               QStringLiteral("An emergency rotation needs a reason")));
    // The breach response this rotation belongs to, recorded with its audit event.
    const QJsonValue incidentValue = body.value(QStringLiteral("incident_id"));
    const QString incidentId = incidentValue.toString();
    if (!incidentValue.isUndefined()
        && (!incidentValue.isString() || QUuid::fromString(incidentId).isNull()
            || QUuid::fromString(incidentId).toString(QUuid::WithoutBraces) != incidentId))
        return http::ready(HttpResponse::error(400, QStringLiteral("invalid_request"),
                                               QStringLiteral("incident_id must be a lower-case UUID")));
    const AdminCall call = adminCall(request, m_context);
    return m_context.database->run([this, call, emergency, reason, dryRun, incidentId](QSqlDatabase& db) {
        auto withIncident = [&incidentId](QJsonObject parameters) {
            if (!incidentId.isEmpty())
                parameters.insert(QStringLiteral("incident_id"), incidentId);
            return parameters;
        };
        RequestIdScope scope(call.request.requestId);
        auto auth = requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const core::Principal admin = std::get<core::Principal>(auth);
        if (m_context.mfa) {
            if (auto denied = m_context.mfa->requireStepUp(db, admin))
                return *denied;
        }
        if (dryRun) {
            audit(admin, call.sourceIp, QStringLiteral("keys.rotate"), reason,
                  withIncident({{QStringLiteral("emergency"), emergency}, {QStringLiteral("dry_run"), true}}),
                  QStringLiteral("dry run"));
            return HttpResponse::json(200, rotationPreview(*m_context.keys->keys(), emergency));
        }
        QString error;
        const auto rotation = m_context.keys->rotate(emergency, &error);
        if (!rotation) {
            audit(admin, call.sourceIp, QStringLiteral("keys.rotate"), reason,
                  withIncident({{QStringLiteral("emergency"), emergency}}), QStringLiteral("failed"));
            return HttpResponse::error(503, QStringLiteral("service_unavailable"),
                                       QStringLiteral("Key rotation failed"));
        }
        QJsonArray previous;
        for (const tokens::KeyInfo& info : rotation->deactivated)
            previous.append(info.toJson());
        auto event = core::requestEvent(events::KeyRotation, emergency ? Severity::High : Severity::Info,
                                        call.sourceIp,
                                        {{QStringLiteral("new_kid"), rotation->active.kid},
                                         {QStringLiteral("emergency"), emergency},
                                         {QStringLiteral("previous"), previous},
                                         {QStringLiteral("actor"), admin.userId}});
        event.userId = admin.userId;
        core::recordEvent(event);
        audit(admin, call.sourceIp, QStringLiteral("keys.rotate"), reason,
              withIncident({{QStringLiteral("emergency"), emergency}}),
              QStringLiteral("rotated to ") + rotation->active.kid);
        return HttpResponse::json(200,
                                  QJsonObject {{QStringLiteral("active"), rotation->active.toJson()},
                                               {QStringLiteral("previous"), previous},
                                               {QStringLiteral("emergency"), emergency}});
    });
}

QFuture<HttpResponse> AdminController::listUsers(http::HttpRequest& request)
{
    const AdminCall call = adminCall(request, m_context);
    const QUrlQuery query = request.query();
    const auto paging = http::decodePaging(request, 50);
    if (auto* error = std::get_if<HttpResponse>(&paging))
        return http::ready(*error);
    const int limit = std::get<http::Paging>(paging).limit;
    const int offset = std::get<http::Paging>(paging).offset;
    const QString search = query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded).left(200);
    return m_context.database->run([this, call, limit, offset, search](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        QJsonArray users;
        const qint64 now = Clock::nowMs();
        for (const accounts::User& user : accounts::UserRepository::list(db, search, limit, offset))
            users.append(user.toJson(now));
        return HttpResponse::json(200,
                                  QJsonObject {{QStringLiteral("users"), users},
                                               {QStringLiteral("limit"), limit},
                                               {QStringLiteral("offset"), offset}});
    });
}

QFuture<HttpResponse> AdminController::setLock(http::HttpRequest& request, bool locked)
{
    auto decoded = requiredReason(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    const QString reason = std::get<QString>(decoded);
    const AdminCall call = adminCall(request, m_context);
    return m_context.database->run([this, call, locked, reason](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const core::Principal admin = std::get<core::Principal>(auth);
        const QString userId = call.request.pathParams.value(QStringLiteral("id"));
        const QString action = locked ? QStringLiteral("users.lock") : QStringLiteral("users.unlock");
        const QJsonObject parameters {{QStringLiteral("user_id"), userId}};
        if (locked && userId == admin.userId) {
            audit(admin, call.sourceIp, action, reason, parameters, QStringLiteral("refused: own account"));
            return HttpResponse::error(409, QStringLiteral("conflict"),
                                       QStringLiteral("Admins cannot lock their own account"));
        }
        if (!accounts::UserRepository::setAdminLock(db, userId, locked, reason, Clock::nowSecs())) {
            audit(admin, call.sourceIp, action, reason, parameters, QStringLiteral("not found"));
            return HttpResponse::error(404, QStringLiteral("not_found"), QStringLiteral("No such user"));
        }
        int revoked = 0;
        if (locked)
            revoked = accounts::SessionStore::revokeForUser(db, userId, QString(),
                                                            QStringLiteral("account_locked"));
        auto event = core::requestEvent(locked ? events::AccountLocked : events::AccountUnlocked,
                                        Severity::High, call.sourceIp,
                                        {{QStringLiteral("reason"), reason},
                                         {QStringLiteral("actor"), admin.userId},
                                         {QStringLiteral("by_admin"), true},
                                         {QStringLiteral("sessions_revoked"), revoked}});
        event.userId = userId;
        core::recordEvent(event);
        audit(admin, call.sourceIp, action, reason, parameters, QStringLiteral("ok"));
        const auto user = accounts::UserRepository::findById(db, userId);
        return HttpResponse::json(200, user ? user->toJson(Clock::nowMs()) : QJsonObject {});
    });
}

} // namespace auth::admin
