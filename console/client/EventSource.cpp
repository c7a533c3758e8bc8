#include "client/EventSource.h"

#include "client/AuthSession.h"

#include <QJsonArray>

namespace auth::console {

ApiEventSource::ApiEventSource(AuthSession& session, QObject* parent)
    : EventSource(parent)
    , m_session(session)
{
}

void ApiEventSource::fetchPage(const EventQuery& query, const QString& cursor, int limit, QObject* context,
                               PageHandler onPage)
{
    QUrlQuery parameters = query.toUrlQuery();
    parameters.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    if (!cursor.isEmpty())
        parameters.addQueryItem(QStringLiteral("cursor"),
                                QString::fromLatin1(QUrl::toPercentEncoding(cursor)));
    m_session.call(
        "GET", QStringLiteral("/admin/events"), parameters, std::nullopt, context,
        [onPage](const QJsonObject& body, int, qint64) {
            EventPage page;
            const QJsonValue events = body.value(QStringLiteral("events"));
            if (!events.isArray()) {
                page.error = tr("The server's event page has no events list.");
                onPage(page);
                return;
            }
            for (const QJsonValue& event : events.toArray()) {
                if (event.isObject())
                    page.events.append(event.toObject());
            }
            page.nextCursor = body.value(QStringLiteral("next_cursor")).toString();
            onPage(page);
        },
        [onPage](const ApiError& error) {
            EventPage page;
            page.error = error.message;
            onPage(page);
        });
}

} // namespace auth::console
