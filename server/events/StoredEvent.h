#pragma once

#include "events/SecurityEvent.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>

class QSqlQuery;

namespace auth::events {

// One row of the security_events table, as /admin/events and the stream show it.
struct StoredEvent
{
    qint64 id = 0;
    qint64 timeMs = 0;
    QString type;
    Severity severity = Severity::Info;
    QString userId;
    QString userEmail;
    QString sourceIp;
    QString requestId;
    QJsonObject details;

    static StoredEvent fromEvent(const SecurityEvent& event);
    // Columns in the order of StoredEvent::selectColumns().
    static StoredEvent fromRow(const QSqlQuery& query);
    static QString selectColumns();
    QJsonObject toJson() const;
};

// The address as 16 bytes (IPv4 mapped into ::ffff:0:0/96), so that one CIDR is
// one byte-wise range on an indexed column in both SQLite and PostgreSQL.
// Empty for an empty or unparsable address.
QByteArray ipKey(const QString& address);

} // namespace auth::events

Q_DECLARE_METATYPE(auth::events::StoredEvent)
