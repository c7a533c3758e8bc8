#include "evidence/EvidenceController.h"

#include "admin/AdminAccess.h"
#include "containment/AdminAction.h"
#include "core/Events.h"
#include "core/ServiceContext.h"
#include "crypto/Random.h"
#include "evidence/EvidenceBundle.h"
#include "logging/LogCategories.h"
#include "logging/Logger.h"
#include "storage/Database.h"

#include <QDateTime>
#include <QUuid>
#include <cmath>

namespace auth::evidence {

namespace {

using http::HttpResponse;

constexpr qint64 kMaxPeriodSecs = 366 * 86400;

// Unix seconds or an ISO 8601 date-time (UTC when it has no offset).
std::optional<qint64> parseTime(const QJsonValue& value)
{
    if (value.isDouble()) {
        const double secs = value.toDouble();
        if (secs < 0 || secs > 253402300799.0 || secs != std::floor(secs))
            return std::nullopt;
        return qint64(secs);
    }
    if (!value.isString() || value.toString().size() > 40)
        return std::nullopt;
    QDateTime at = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!at.isValid())
        return std::nullopt;
    if (at.timeSpec() == Qt::LocalTime)
        at.setTimeSpec(Qt::UTC);
    return at.toSecsSinceEpoch();
}

} // namespace

void EvidenceController::registerRoutes(http::Router& router)
{
    router.add("POST", QStringLiteral("/admin/evidence"), [this](http::HttpRequest& r) { return create(r); });
    router.add("GET", QStringLiteral("/admin/evidence/public-key"),
               [this](http::HttpRequest& r) { return publicKey(r); });
}

std::optional<EvidenceKey> EvidenceController::key(QSqlDatabase& db, QString* error)
{
    QMutexLocker lock(&m_mutex);
    if (!m_key)
        m_key = EvidenceKey::loadOrCreate(db, m_context.evidenceWrapKey, error);
    return m_key;
}

QFuture<HttpResponse> EvidenceController::create(http::HttpRequest& request)
{
    auto decoded = containment::decodeAdminAction(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    const containment::AdminAction action = std::get<containment::AdminAction>(decoded);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonValue untilValue = action.body.value(QStringLiteral("until"));
    const QJsonValue sinceValue = action.body.value(QStringLiteral("since"));
    const auto until = untilValue.isUndefined() ? std::optional<qint64>(now) : parseTime(untilValue);
    const auto since
        = sinceValue.isUndefined() && until ? std::optional<qint64>(*until - 86400) : parseTime(sinceValue);
    if (!since || !until)
        return http::ready(HttpResponse::error(
            400, QStringLiteral("invalid_request"),
            QStringLiteral("since and until must be Unix seconds or ISO 8601 date-times")));
    if (*since >= *until || *until - *since > kMaxPeriodSecs)
        return http::ready(
            HttpResponse::error(400, QStringLiteral("invalid_request"),
                                QStringLiteral("since must be before until, at most 366 days apart")));
    BundleRequest bundleRequest;
    bundleRequest.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    bundleRequest.since = *since;
    bundleRequest.until = *until;
    bundleRequest.reason = action.reason;
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call, action, bundleRequest](QSqlDatabase& db) mutable {
        RequestIdScope scope(call.request.requestId);
        auto auth = admin::requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const core::Principal admin = std::get<core::Principal>(auth);
        bundleRequest.actor = admin.userId;
        bundleRequest.sourceIp = call.sourceIp;
        const QJsonObject parameters
            = action.auditParameters({{QStringLiteral("since"), double(bundleRequest.since)},
                                      {QStringLiteral("until"), double(bundleRequest.until)},
                                      {QStringLiteral("bundle_id"), bundleRequest.id}});
        QString error;
        const auto signingKey = key(db, &error);
        if (!signingKey) {
            qCWarning(lcServer).noquote() << "evidence:" << error;
            admin::audit(admin, call.sourceIp, QStringLiteral("evidence.export"), action.reason, parameters,
                         QStringLiteral("failed: evidence key unavailable"));
            return HttpResponse::error(503, QStringLiteral("service_unavailable"),
                                       QStringLiteral("The evidence key is unavailable"));
        }
        // Audited first, so the bundle's own audit trail records its export.
        admin::audit(admin, call.sourceIp, QStringLiteral("evidence.export"), action.reason, parameters,
                     QStringLiteral("started"));
        bool tooLarge = false;
        const auto bundle
            = buildBundle(m_context, db, *signingKey, bundleRequest, kMaxInputBytes, &tooLarge, &error);
        if (!bundle) {
            qCWarning(lcServer).noquote() << "evidence:" << error;
            admin::audit(admin, call.sourceIp, QStringLiteral("evidence.export"), action.reason, parameters,
                         QStringLiteral("failed"));
            return tooLarge ? HttpResponse::error(413, QStringLiteral("evidence_too_large"),
                                                  error + QStringLiteral(": choose a shorter period"))
                            : HttpResponse::error(503, QStringLiteral("service_unavailable"),
                                                  QStringLiteral("The evidence bundle could not be built"));
        }
        auto event = core::requestEvent(events::EvidenceExported, Severity::High, call.sourceIp,
                                        {{QStringLiteral("bundle_id"), bundleRequest.id},
                                         {QStringLiteral("sha256"), bundle->sha256},
                                         {QStringLiteral("files"), bundle->files},
                                         {QStringLiteral("events"), bundle->events},
                                         {QStringLiteral("actor"), admin.userId},
                                         {QStringLiteral("reason"), action.reason}});
        event.userId = admin.userId;
        core::recordEvent(event);
        HttpResponse response;
        response.status = 200;
        response.body = bundle->archive;
        response.setHeader("Content-Type", "application/gzip");
        const QByteArray name = "auth-evidence-"
            + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")).toLatin1()
            + ".tar.gz";
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        response.setHeader("X-Evidence-SHA256", bundle->sha256.toLatin1());
        response.setHeader("X-Evidence-Id", bundleRequest.id.toLatin1());
        response.setHeader("Cache-Control", "no-store");
        return response;
    });
}

QFuture<HttpResponse> EvidenceController::publicKey(http::HttpRequest& request)
{
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = admin::requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        QString error;
        const auto signingKey = key(db, &error);
        if (!signingKey)
            return HttpResponse::error(503, QStringLiteral("service_unavailable"),
                                       QStringLiteral("The evidence key is unavailable"));
        return HttpResponse::json(
            200,
            QJsonObject {
                {QStringLiteral("kid"), signingKey->kid},
                {QStringLiteral("algorithm"), QStringLiteral("Ed25519")},
                {QStringLiteral("public_key_pem"), QString::fromLatin1(signingKey->publicPem)},
                {QStringLiteral("fingerprint_sha256"), publicKeyFingerprint(signingKey->publicPem)}});
    });
}

} // namespace auth::evidence
