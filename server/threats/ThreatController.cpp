#include "threats/ThreatController.h"

#include "accounts/UserRepository.h"
#include "admin/AdminAccess.h"
#include "core/Clock.h"
#include "core/ServiceContext.h"
#include "http/RequestDecoder.h"
#include "logging/Logger.h"
#include "storage/Database.h"
#include "threats/IpReputation.h"
#include "threats/ThreatDetector.h"
#include "threats/ThreatModule.h"

#include <QJsonArray>

namespace auth::threats {

namespace {

using http::HttpResponse;
using AdminCheck = std::variant<core::Principal, HttpResponse>;

QJsonObject intelAnswer(const IntelSnapshot& snapshot)
{
    return {
        {QStringLiteral("deny"), snapshot.deny.toJson()},
        {QStringLiteral("allow"), snapshot.allow.toJson()},
        {QStringLiteral("updated_at"),
         snapshot.updatedAt.isValid() ? QJsonValue(snapshot.updatedAt.toString(Qt::ISODate)) : QJsonValue()}};
}

} // namespace

void ThreatController::registerRoutes(http::Router& router)
{
    router.add("POST", QStringLiteral("/admin/threat-intel/update"),
               [this](http::HttpRequest& r) { return updateIntel(r); });
    router.add("GET", QStringLiteral("/admin/threats/summary"),
               [this](http::HttpRequest& r) { return summary(r); });
    router.add("GET", QStringLiteral("/admin/threats/risk"),
               [this](http::HttpRequest& r) { return risk(r); });
}

QFuture<HttpResponse> ThreatController::updateIntel(http::HttpRequest& request)
{
    auto decoded = admin::requiredReason(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    const QString reason = std::get<QString>(decoded);
    const admin::AdminCall call = admin::adminCall(request, m_context);
    // The admin check needs SQL; the download may take up to threats.intel_timeout,
    // so it runs on the module's own pool and never holds a SQL or request thread.
    return m_context.database
        ->run([this, call](QSqlDatabase& db) -> AdminCheck {
            RequestIdScope scope(call.request.requestId);
            return admin::requireAdmin(call.request, db, m_context);
        })
        .then(m_module.intelPool(), [this, call, reason](AdminCheck auth) {
            RequestIdScope scope(call.request.requestId);
            if (auto* error = std::get_if<HttpResponse>(&auth))
                return *error;
            const core::Principal actor = std::get<core::Principal>(auth);
            const QString action = QStringLiteral("threat_intel.update");
            auto result = m_module.reload();
            if (auto* error = std::get_if<IntelError>(&result)) {
                admin::audit(actor, call.sourceIp, action, reason, {},
                             QStringLiteral("refused: ") + error->message);
                if (error->kind == IntelError::Kind::Unavailable)
                    return HttpResponse::error(503, QStringLiteral("threat_intel_unavailable"),
                                               error->message);
                return HttpResponse::error(400, QStringLiteral("invalid_threat_list"), error->message);
            }
            const auto snapshot = std::get<std::shared_ptr<const IntelSnapshot>>(result);
            admin::audit(actor, call.sourceIp, action, reason, {},
                         QStringLiteral("ok: %1 deny, %2 allow entries")
                             .arg(snapshot->deny.networks.entries())
                             .arg(snapshot->allow.networks.entries()));
            return HttpResponse::json(200, intelAnswer(*snapshot));
        });
}

QFuture<HttpResponse> ThreatController::summary(http::HttpRequest& request)
{
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = admin::requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        QJsonObject body = m_module.detector().summary(Clock::nowMs()).toJson();
        const auto intel = m_module.reputation().snapshot();
        body.insert(QStringLiteral("enabled"), m_module.detector().enabled());
        body.insert(QStringLiteral("threat_intel"), intelAnswer(*intel));
        const ThreatSettings& settings = m_module.detector().settings();
        body.insert(QStringLiteral("thresholds"),
                    QJsonObject {{QStringLiteral("stepup_score"), settings.stepUpScore},
                                 {QStringLiteral("block_score"), settings.blockScore}});
        return HttpResponse::json(200, body);
    });
}

QFuture<HttpResponse> ThreatController::risk(http::HttpRequest& request)
{
    const QUrlQuery query = request.query();
    const QString userId = query.queryItemValue(QStringLiteral("user"), QUrl::FullyDecoded).trimmed();
    const QString ip = query.queryItemValue(QStringLiteral("ip"), QUrl::FullyDecoded).trimmed();
    if (userId.isEmpty() == ip.isEmpty())
        return http::ready(HttpResponse::error(400, QStringLiteral("invalid_request"),
                                               QStringLiteral("Give exactly one of user or ip")));
    QHostAddress address;
    if (!ip.isEmpty() && (ip.size() > 64 || !address.setAddress(ip)))
        return http::ready(HttpResponse::error(400, QStringLiteral("invalid_request"),
                                               QStringLiteral("ip must be an IPv4 or IPv6 address")));
    if (userId.size() > 64)
        return http::ready(HttpResponse::error(400, QStringLiteral("invalid_request"),
                                               QStringLiteral("user must be a user id")));
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call, userId, address](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = admin::requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        ThreatDetector& detector = m_module.detector();
        if (!address.isNull())
            return HttpResponse::json(200, detector.addressRisk(address, Clock::nowMs()));
        const auto user = accounts::UserRepository::findById(db, userId);
        if (!user)
            return HttpResponse::error(404, QStringLiteral("not_found"), QStringLiteral("No such user"));
        const BehaviourProfile profile = detector.profiles().load(&db, user->id);
        const QString account = accountKeyOf(user->email);
        bool targeted = false;
        for (const ThreatSummary::Item& item : detector.summary(Clock::nowMs()).targetedAccounts)
            targeted = targeted || item.subject == account;
        QJsonObject body = profile.toJson();
        body.insert(QStringLiteral("user_id"), user->id);
        body.insert(QStringLiteral("email_hash"), account);
        body.insert(QStringLiteral("targeted"), targeted);
        body.insert(QStringLiteral("learning"), profile.logins < detector.settings().learningLogins);
        return HttpResponse::json(200, body);
    });
}

} // namespace auth::threats
