#include "alerts/AlertsController.h"

#include "admin/AdminAccess.h"
#include "alerts/AlertEngine.h"
#include "core/Events.h"
#include "core/ServiceContext.h"
#include "events/EventCatalog.h"
#include "events/EventFilter.h"
#include "logging/Logger.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSqlQuery>

namespace auth::alerts {

namespace {

using http::HttpResponse;

HttpResponse badParameter(const QString& name, const QString& why)
{
    return HttpResponse::error(400, QStringLiteral("invalid_parameter"),
                               QStringLiteral("%1: %2").arg(name, why));
}

} // namespace

AlertsController::AlertsController(core::ServiceContext& context)
    : m_context(context)
{
}

void AlertsController::registerRoutes(http::Router& router)
{
    router.add("GET", QStringLiteral("/admin/alerts"), [this](http::HttpRequest& r) { return list(r); });
    router.add("POST", QStringLiteral("/admin/alerts/{id}/ack"),
               [this](http::HttpRequest& r) { return acknowledge(r); });
}

QFuture<HttpResponse> AlertsController::list(http::HttpRequest& request)
{
    static const QStringList states
        = {QStringLiteral("firing"), QStringLiteral("acknowledged"), QStringLiteral("resolved")};
    const QUrlQuery query = request.query();
    QStringList wanted;
    int limit = 100;
    qint64 before = 0;
    for (const auto& [name, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (name == QLatin1String("state")) {
            wanted = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
            if (wanted.isEmpty() || std::any_of(wanted.begin(), wanted.end(), [](const QString& s) {
                    return !states.contains(s);
                }))
                return http::ready(
                    badParameter(name, QStringLiteral("firing, acknowledged or resolved (comma list)")));
        } else if (name == QLatin1String("limit")) {
            bool ok = false;
            limit = value.toInt(&ok);
            if (!ok || limit < 1 || limit > 500)
                return http::ready(badParameter(name, QStringLiteral("1 to 500")));
        } else if (name == QLatin1String("cursor")) {
            const auto cursor = events::decodeCursor(value);
            if (!cursor)
                return http::ready(badParameter(name, QStringLiteral("not a cursor this server issued")));
            before = *cursor;
        } else {
            return http::ready(badParameter(name, QStringLiteral("unknown parameter")));
        }
    }
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call, wanted, limit, before](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = admin::requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        QStringList conditions;
        QVariantList binds;
        if (!wanted.isEmpty()) {
            conditions << QStringLiteral("state IN (%1)")
                              .arg(QStringList(wanted.size(), QStringLiteral("?")).join(QLatin1Char(',')));
            for (const QString& state : wanted)
                binds << state;
        }
        if (before > 0) {
            conditions << QStringLiteral("id < ?");
            binds << before;
        }
        QSqlQuery select(db);
        select.prepare(QStringLiteral("SELECT %1 FROM alerts %2 ORDER BY id DESC LIMIT %3")
                           .arg(AlertEngine::selectColumns(),
                                conditions.isEmpty()
                                    ? QString()
                                    : QStringLiteral("WHERE ") + conditions.join(QLatin1String(" AND ")))
                           .arg(limit + 1));
        for (const QVariant& value : binds)
            select.addBindValue(value);
        if (!select.exec())
            return HttpResponse::error(503, QStringLiteral("service_unavailable"),
                                       QStringLiteral("Alerts cannot be read"));
        QJsonArray alerts;
        qint64 next = 0;
        while (select.next()) {
            if (alerts.size() == limit) {
                next = qint64(alerts.last().toObject().value(QStringLiteral("id")).toDouble());
                break;
            }
            alerts.append(AlertEngine::rowToJson(select));
        }
        return HttpResponse::json(
            200,
            QJsonObject {{QStringLiteral("alerts"), alerts},
                         {QStringLiteral("next_cursor"),
                          next > 0 ? QJsonValue(events::encodeCursor(next)) : QJsonValue()}});
    });
}

QFuture<HttpResponse> AlertsController::acknowledge(http::HttpRequest& request)
{
    static const QRegularExpression digits(QStringLiteral("^[1-9][0-9]{0,17}$"));
    const QString idText = request.pathParam(QStringLiteral("id"));
    auto decoded = admin::requiredReason(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    const QString reason = std::get<QString>(decoded);
    const admin::AdminCall call = admin::adminCall(request, m_context);
    const bool validId = digits.match(idText).hasMatch();
    const qint64 id = validId ? idText.toLongLong() : 0;
    return m_context.database->run([this, call, id, reason](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = admin::requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const core::Principal admin = std::get<core::Principal>(auth);
        const QJsonObject parameters {{QStringLiteral("alert_id"), double(id)}};
        QJsonObject alert;
        bool changed = false;
        const int status
            = id > 0 ? AlertEngine::acknowledge(db, id, admin.userId, reason, &alert, &changed) : 404;
        if (status == 404) {
            admin::audit(admin, call.sourceIp, QStringLiteral("alerts.ack"), reason, parameters,
                         QStringLiteral("not found"));
            return HttpResponse::error(404, QStringLiteral("not_found"), QStringLiteral("No such alert"));
        }
        if (status == 409) {
            admin::audit(admin, call.sourceIp, QStringLiteral("alerts.ack"), reason, parameters,
                         QStringLiteral("refused: already resolved"));
            return HttpResponse::error(409, QStringLiteral("conflict"),
                                       QStringLiteral("The alert is already resolved"));
        }
        if (status != 0)
            return HttpResponse::error(503, QStringLiteral("service_unavailable"),
                                       QStringLiteral("Alerts cannot be written"));
        admin::audit(admin, call.sourceIp, QStringLiteral("alerts.ack"), reason, parameters,
                     changed ? QStringLiteral("acknowledged") : QStringLiteral("already acknowledged"));
        if (changed) {
            auto event = core::requestEvent(
                events::AlertAcknowledged, defaultSeverity(QString::fromLatin1(events::AlertAcknowledged)),
                call.sourceIp,
                {{QStringLiteral("alert_id"), double(id)},
                 {QStringLiteral("rule"), alert.value(QStringLiteral("rule"))},
                 {QStringLiteral("alert_severity"), alert.value(QStringLiteral("severity"))},
                 {QStringLiteral("subject"), alert.value(QStringLiteral("subject"))},
                 {QStringLiteral("reason"), reason},
                 {QStringLiteral("actor"), admin.userId}});
            event.userId = admin.userId;
            core::recordEvent(event);
        }
        return HttpResponse::json(200, alert);
    });
}

} // namespace auth::alerts
