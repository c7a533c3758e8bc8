#pragma once

#include "http/RequestDecoder.h"

#include <QJsonObject>
#include <QString>

namespace auth::containment {

// The common body of an emergency step: {"reason": "...", "dry_run": false, ...}.
// A reason of 1..500 characters is required (400 reason_required otherwise);
// dry_run, when present, must be a boolean (400). An empty body is an empty object.
struct AdminAction
{
    QString reason;
    bool dryRun = false;
    QJsonObject body;
    // Optional "incident_id" (a lower-case UUID, 400 otherwise): the breach
    // response this step belongs to, recorded with the audit event.
    QString incidentId;
    // `parameters` plus the incident id when there is one.
    QJsonObject auditParameters(QJsonObject parameters) const;
};
http::Decoded<AdminAction> decodeAdminAction(const http::HttpRequest& request, bool reasonRequired = true);

} // namespace auth::containment
