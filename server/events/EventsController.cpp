#include "events/EventsController.h"

#include "admin/AdminAccess.h"
#include "core/ServiceContext.h"
#include "events/EventStore.h"
#include "logging/Logger.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <algorithm>

namespace auth::events {

namespace {

using http::HttpResponse;

QJsonObject filterJson(const QUrlQuery& query)
{
    QJsonObject parameters;
    for (const auto& [name, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (name != QLatin1String("cursor"))
            parameters.insert(name, value.left(200));
    }
    return parameters;
}

// RFC 6455 §4.2.1: what a client's opening handshake must carry.
bool isWebSocketUpgrade(const http::HttpRequest& request)
{
    const QList<QByteArray> connection = request.header("connection").toLower().split(',');
    const bool upgradeToken = std::any_of(connection.begin(), connection.end(), [](const QByteArray& token) {
        return token.trimmed() == "upgrade";
    });
    return request.method == "GET" && upgradeToken
        && request.header("upgrade").compare("websocket", Qt::CaseInsensitive) == 0
        && !request.header("sec-websocket-key").isEmpty() && request.header("sec-websocket-version") == "13";
}

} // namespace

EventsController::EventsController(core::ServiceContext& context, EventStreamSession::Limits streamLimits,
                                   int maxStreams)
    : m_context(context)
    , m_streamLimits(streamLimits)
    , m_maxStreams(maxStreams)
{
}

void EventsController::registerRoutes(http::Router& router)
{
    router.add("GET", QStringLiteral("/admin/events"), [this](http::HttpRequest& r) { return query(r); });
    router.add("GET", QStringLiteral("/admin/events/stream"),
               [this](http::HttpRequest& r) { return stream(r); });
}

QFuture<HttpResponse> EventsController::query(http::HttpRequest& request)
{
    const QUrlQuery urlQuery = request.query();
    auto parsed = EventFilter::parse(urlQuery, {QStringLiteral("limit"), QStringLiteral("cursor")});
    if (auto* error = std::get_if<HttpResponse>(&parsed))
        return http::ready(*error);
    const EventFilter filter = std::get<EventFilter>(parsed);
    int limit = DefaultLimit;
    if (urlQuery.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = urlQuery.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > MaxLimit)
            return http::ready(HttpResponse::error(400, QStringLiteral("invalid_parameter"),
                                                   QStringLiteral("limit: 1 to %1").arg(MaxLimit)));
    }
    qint64 before = 0;
    if (urlQuery.hasQueryItem(QStringLiteral("cursor"))) {
        const auto cursor
            = decodeCursor(urlQuery.queryItemValue(QStringLiteral("cursor"), QUrl::FullyDecoded));
        if (!cursor)
            return http::ready(
                HttpResponse::error(400, QStringLiteral("invalid_parameter"),
                                    QStringLiteral("cursor: not a cursor this server issued")));
        before = *cursor;
    }
    const admin::AdminCall call = admin::adminCall(request, m_context);
    const QJsonObject parameters = filterJson(urlQuery);
    return m_context.database->run([this, call, filter, limit, before, parameters](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = admin::requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        QString error;
        const auto page = EventStore::query(db, filter, before, limit, &error);
        if (!page)
            return HttpResponse::error(503, QStringLiteral("service_unavailable"),
                                       QStringLiteral("The event store cannot be read"));
        admin::audit(std::get<core::Principal>(auth), call.sourceIp, QStringLiteral("events.query"),
                     QString(), parameters, QStringLiteral("%1 events").arg(page->events.size()));
        QJsonArray events;
        for (const StoredEvent& event : page->events)
            events.append(event.toJson());
        return HttpResponse::json(
            200,
            QJsonObject {{QStringLiteral("events"), events},
                         {QStringLiteral("next_cursor"),
                          page->nextCursor > 0 ? QJsonValue(encodeCursor(page->nextCursor)) : QJsonValue()}});
    });
}

QFuture<HttpResponse> EventsController::stream(http::HttpRequest& request)
{
    if (!isWebSocketUpgrade(request)) {
        HttpResponse response
            = HttpResponse::error(426, QStringLiteral("upgrade_required"),
                                  QStringLiteral("This is a WebSocket endpoint (RFC 6455, version 13)"));
        response.setHeader("Upgrade", "websocket");
        response.setHeader("Sec-WebSocket-Version", "13");
        return http::ready(response);
    }
    auto parsed = EventFilter::parse(request.query());
    if (auto* error = std::get_if<HttpResponse>(&parsed)) {
        error->closeConnection = true;
        return http::ready(*error);
    }
    EventStreamSession::Slot slot = EventStreamSession::reserve(m_maxStreams);
    if (!slot) {
        HttpResponse busy
            = HttpResponse::error(503, QStringLiteral("too_many_streams"),
                                  QStringLiteral("All %1 event streams are in use").arg(m_maxStreams));
        busy.setHeader("Retry-After", "10");
        busy.closeConnection = true;
        return http::ready(busy);
    }
    const EventFilter filter = std::get<EventFilter>(parsed);
    const admin::AdminCall call = admin::adminCall(request, m_context);
    const QJsonObject parameters = filterJson(request.query());
    const EventStreamSession::Limits limits = m_streamLimits;
    return m_context.database->run([this, call, filter, parameters, limits, slot](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = admin::requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth)) {
            error->closeConnection = true;
            return *error;
        }
        admin::audit(std::get<core::Principal>(auth), call.sourceIp, QStringLiteral("events.stream"),
                     QString(), parameters, QStringLiteral("opened"));
        HttpResponse upgrade;
        upgrade.status = 101;
        upgrade.takeOver = [filter, limits, slot](QTcpSocket* socket, QObject* owner) {
            new EventStreamSession(slot, filter, limits, socket, owner);
        };
        return upgrade;
    });
}

} // namespace auth::events
