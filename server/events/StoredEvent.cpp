#include "events/StoredEvent.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace auth::events {

QByteArray ipKey(const QString& address)
{
    if (address.isEmpty())
        return {};
    QHostAddress parsed;
    if (!parsed.setAddress(address))
        return {};
    bool isV4 = false;
    const quint32 v4 = parsed.toIPv4Address(&isV4);
    if (isV4)
        parsed = QHostAddress(QStringLiteral("::ffff:") + QHostAddress(v4).toString());
    const Q_IPV6ADDR bytes = parsed.toIPv6Address();
    return QByteArray(reinterpret_cast<const char*>(bytes.c), 16);
}

StoredEvent StoredEvent::fromEvent(const SecurityEvent& event)
{
    StoredEvent stored;
    stored.timeMs = event.timestamp.isValid() ? event.timestamp.toMSecsSinceEpoch()
                                              : QDateTime::currentMSecsSinceEpoch();
    stored.type = event.type;
    stored.severity = event.severity;
    stored.userId = event.userId;
    const QJsonValue email = event.details.value(QStringLiteral("email"));
    if (email.isString())
        stored.userEmail = email.toString().toLower();
    stored.sourceIp = event.sourceIp;
    stored.requestId = event.requestId;
    stored.details = event.details;
    return stored;
}

QString StoredEvent::selectColumns()
{
    return QStringLiteral("id, time_ms, type, severity, user_id, user_email, source_ip, request_id, details");
}

StoredEvent StoredEvent::fromRow(const QSqlQuery& query)
{
    StoredEvent event;
    event.id = query.value(0).toLongLong();
    event.timeMs = query.value(1).toLongLong();
    event.type = query.value(2).toString();
    event.severity = static_cast<Severity>(std::clamp(query.value(3).toInt(), 0, 4));
    event.userId = query.value(4).toString();
    event.userEmail = query.value(5).toString();
    event.sourceIp = query.value(6).toString();
    event.requestId = query.value(7).toString();
    event.details = QJsonDocument::fromJson(query.value(8).toByteArray()).object();
    return event;
}

QJsonObject StoredEvent::toJson() const
{
    auto orNull = [](const QString& value) { return value.isEmpty() ? QJsonValue() : QJsonValue(value); };
    return {
        {QStringLiteral("id"), double(id)},
        {QStringLiteral("time"), QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC).toString(Qt::ISODateWithMs)},
        {QStringLiteral("time_unix_ms"), double(timeMs)},
        {QStringLiteral("type"), type},
        {QStringLiteral("severity"), severityName(severity).toLower()},
        {QStringLiteral("user_id"), orNull(userId)},
        {QStringLiteral("user"), orNull(userEmail)},
        {QStringLiteral("source_ip"), orNull(sourceIp)},
        {QStringLiteral("request_id"), orNull(requestId)},
        {QStringLiteral("details"), details}};
}

} // namespace auth::events
