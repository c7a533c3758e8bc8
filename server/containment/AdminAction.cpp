#include "containment/AdminAction.h"

#include <QUuid>

namespace auth::containment {

http::Decoded<AdminAction> decodeAdminAction(const http::HttpRequest& request, bool reasonRequired)
{
    using http::HttpResponse;
    AdminAction action;
    if (!request.body.isEmpty()) {
        auto decoded = http::decodeJsonObject(request);
        if (auto* error = std::get_if<HttpResponse>(&decoded))
            return *error;
        action.body = std::get<QJsonObject>(decoded);
    }
    const QJsonValue reason = action.body.value(QStringLiteral("reason"));
    if (!reason.isUndefined() && !reason.isString())
        return HttpResponse::error(400, QStringLiteral("invalid_request"),
                                   QStringLiteral("reason must be a string"));
    action.reason = reason.toString().trimmed();
    if ((reasonRequired && action.reason.isEmpty()) || action.reason.size() > 500)
        return HttpResponse::error(400, QStringLiteral("reason_required"),
                                   QStringLiteral("A reason of 1 to 500 characters is required"));
    const QJsonValue dryRun = action.body.value(QStringLiteral("dry_run"));
    if (!dryRun.isUndefined() && !dryRun.isBool())
        return HttpResponse::error(400, QStringLiteral("invalid_request"),
                                   QStringLiteral("dry_run must be a boolean"));
    action.dryRun = dryRun.toBool();
    const QJsonValue incident = action.body.value(QStringLiteral("incident_id"));
    if (!incident.isUndefined()) {
        const QString text = incident.toString();
        const QUuid uuid = QUuid::fromString(text);
        if (!incident.isString() || uuid.isNull() || uuid.toString(QUuid::WithoutBraces) != text)
            return HttpResponse::error(400, QStringLiteral("invalid_request"),
                                       QStringLiteral("incident_id must be a lower-case UUID"));
        action.incidentId = text;
    }
    return action;
}

QJsonObject AdminAction::auditParameters(QJsonObject parameters) const
{
    if (!incidentId.isEmpty())
        parameters.insert(QStringLiteral("incident_id"), incidentId);
    return parameters;
}

} // namespace auth::containment
