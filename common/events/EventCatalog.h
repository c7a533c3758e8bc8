#pragma once

#include "events/SecurityEvent.h"

#include <QList>
#include <QString>

namespace auth {

// The one table of event types with the severity each is normally recorded at.
// Callers may raise an event's severity when the context warrants (a locked
// account is Medium, a refused admin network High); this table gives the
// default for new events, for alerts, and for documentation of the store.
struct EventTypeInfo
{
    const char* type;
    Severity severity;
    const char* description;
};

namespace events {
inline constexpr auto AlertFired = "alert_fired";
inline constexpr auto AlertAcknowledged = "alert_acknowledged";
inline constexpr auto AlertResolved = "alert_resolved";
} // namespace events

const QList<EventTypeInfo>& eventCatalog();
// The catalogued severity of `type`, or Info for a type not in the table.
Severity defaultSeverity(const QString& type);
// Lower-case form used by the HTTP API and the event table ("high").
QString severityApiName(Severity severity);

} // namespace auth
