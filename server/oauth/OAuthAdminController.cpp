#include "oauth/OAuthAdminController.h"

#include "admin/AdminAccess.h"
#include "core/Clock.h"
#include "core/Events.h"
#include "core/ServiceContext.h"
#include "crypto/Digest.h"
#include "crypto/Random.h"
#include "http/RequestDecoder.h"
#include "logging/Logger.h"
#include "oauth/ClientRepository.h"
#include "storage/Database.h"
#include "tokens/TokenService.h"

#include <QJsonArray>

namespace auth::oauth {

namespace {

using admin::AdminCall;
using admin::adminCall;
using http::HttpResponse;

} // namespace

void OAuthAdminController::registerRoutes(http::Router& router)
{
    router.add("POST", QStringLiteral("/admin/clients"), [this](http::HttpRequest& r) { return create(r); });
    router.add("GET", QStringLiteral("/admin/clients"), [this](http::HttpRequest& r) { return list(r); });
    router.add("POST", QStringLiteral("/admin/clients/{client_id}/disable"),
               [this](http::HttpRequest& r) { return disable(r); });
}

QFuture<HttpResponse> OAuthAdminController::create(http::HttpRequest& request)
{
    auto decoded = http::decodeJsonObject(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    // Parsed before the admin check so the pool job holds a typed value; the
    // answer to a non-admin is still 401/403 (checked first below).
    const auto parsed = parseClientRegistration(std::get<QJsonObject>(decoded));
    const AdminCall call = adminCall(request, m_context);
    return m_context.database->run([this, call, parsed](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = admin::requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const core::Principal admin = std::get<core::Principal>(auth);
        if (const auto* invalid = std::get_if<ClientRegistrationError>(&parsed))
            return HttpResponse::error(422, invalid->code, invalid->description);
        OAuthClient client = std::get<OAuthClient>(parsed);
        client.clientId = crypto::randomToken(16);
        client.createdAt = Clock::nowSecs();
        QString secret;
        if (client.confidential) {
            secret = crypto::randomToken(32);
            client.secretHash = QString::fromLatin1(crypto::sha256(secret.toUtf8()).toHex());
        }
        const QJsonObject parameters {
            {QStringLiteral("client_id"), client.clientId},
            {QStringLiteral("name"), client.name},
            {QStringLiteral("confidential"), client.confidential},
            {QStringLiteral("grant_types"), QJsonArray::fromStringList(client.grantTypes)}};
        if (!m_clients.create(db, client)) {
            admin::audit(admin, call.sourceIp, QStringLiteral("clients.create"), {}, parameters,
                         QStringLiteral("failed"));
            return HttpResponse::error(503, QStringLiteral("service_unavailable"),
                                       QStringLiteral("The client could not be stored; try again"));
        }
        admin::audit(admin, call.sourceIp, QStringLiteral("clients.create"), {}, parameters,
                     QStringLiteral("created"));
        QJsonObject body = client.toJson();
        if (!secret.isEmpty())
            body.insert(QStringLiteral("client_secret"), secret);
        HttpResponse response = HttpResponse::json(201, body);
        response.setHeader("Cache-Control", "no-store");
        return response;
    });
}

QFuture<HttpResponse> OAuthAdminController::list(http::HttpRequest& request)
{
    const auto paging = http::decodePaging(request, 100);
    if (auto* error = std::get_if<HttpResponse>(&paging))
        return http::ready(*error);
    const int limit = std::get<http::Paging>(paging).limit;
    const int offset = std::get<http::Paging>(paging).offset;
    const AdminCall call = adminCall(request, m_context);
    return m_context.database->run([this, call, limit, offset](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = admin::requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        QJsonArray clients;
        for (const OAuthClient& client : m_clients.list(db, limit, offset))
            clients.append(client.toJson());
        admin::audit(std::get<core::Principal>(auth), call.sourceIp, QStringLiteral("clients.list"), {},
                     {{QStringLiteral("limit"), limit}, {QStringLiteral("offset"), offset}},
                     QStringLiteral("%1 clients").arg(clients.size()));
        return HttpResponse::json(200,
                                  QJsonObject {{QStringLiteral("clients"), clients},
                                               {QStringLiteral("limit"), limit},
                                               {QStringLiteral("offset"), offset}});
    });
}

QFuture<HttpResponse> OAuthAdminController::disable(http::HttpRequest& request)
{
    QString reason;
    if (!request.body.isEmpty()) {
        auto decoded = http::decodeJsonObject(request);
        if (auto* error = std::get_if<HttpResponse>(&decoded))
            return http::ready(*error);
        const QJsonValue value = std::get<QJsonObject>(decoded).value(QStringLiteral("reason"));
        if (!value.isUndefined() && (!value.isString() || value.toString().size() > 500))
            return http::ready(
                HttpResponse::error(422, QStringLiteral("invalid_request"),
                                    QStringLiteral("reason must be a string of at most 500 characters")));
        reason = value.toString().trimmed();
    }
    const AdminCall call = adminCall(request, m_context);
    return m_context.database->run([this, call, reason](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = admin::requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const core::Principal admin = std::get<core::Principal>(auth);
        const QString clientId = call.request.pathParams.value(QStringLiteral("client_id"));
        const QJsonObject parameters {{QStringLiteral("client_id"), clientId}};
        const qint64 now = Clock::nowSecs();
        if (!m_clients.disable(db, clientId, now)) {
            admin::audit(admin, call.sourceIp, QStringLiteral("clients.disable"), reason, parameters,
                         QStringLiteral("not found"));
            return HttpResponse::error(404, QStringLiteral("not_found"), QStringLiteral("No such client"));
        }
        // client_credentials tokens carry the client as subject: end them too.
        m_context.tokens->setNotBefore(db, clientId, now);
        admin::audit(admin, call.sourceIp, QStringLiteral("clients.disable"), reason, parameters,
                     QStringLiteral("disabled"));
        const auto client = m_clients.find(db, clientId);
        return HttpResponse::json(200, client ? client->toJson() : QJsonObject {});
    });
}

} // namespace auth::oauth
