#pragma once

#include "client/EventQuery.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <functional>

namespace auth::console {

class AuthSession;

// One page of security events, newest first, and the cursor of the next one.
struct EventPage
{
    QList<QJsonObject> events;
    QString nextCursor; // empty: this was the last page
    QString error; // set when the page could not be fetched
};

// Where event pages come from: the server's GET /admin/events, or in tests and
// benchmarks a synthetic source. Fetches are asynchronous.
class EventSource : public QObject
{
    Q_OBJECT

public:
    using PageHandler = std::function<void(const EventPage& page)>;

    using QObject::QObject;
    // The handler runs once, later, unless `context` is gone.
    virtual void fetchPage(const EventQuery& query, const QString& cursor, int limit, QObject* context,
                           PageHandler onPage)
        = 0;
};

// GET /admin/events as the signed-in admin.
class ApiEventSource : public EventSource
{
    Q_OBJECT

public:
    explicit ApiEventSource(AuthSession& session, QObject* parent = nullptr);
    void fetchPage(const EventQuery& query, const QString& cursor, int limit, QObject* context,
                   PageHandler onPage) override;

private:
    AuthSession& m_session;
};

} // namespace auth::console
