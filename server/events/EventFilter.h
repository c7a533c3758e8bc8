#pragma once

#include "events/StoredEvent.h"
#include "http/RequestDecoder.h"

#include <QSet>
#include <QStringList>
#include <QVariantList>
#include <optional>

namespace auth::storage {
enum class Backend;
}

namespace auth::events {

// The validated filter of GET /admin/events and /admin/events/stream. Every
// parameter is optional; given ones must all match.
//   type      comma list of event types
//   severity  one name: that severity or higher; a comma list: exactly those
//   user      a user id, or an e-mail address (contains '@')
//   ip        an address, or a network in CIDR notation
//   since, until  RFC 3339 or unix seconds; since inclusive, until exclusive
//   q         free text searched in the details (case-insensitive, <= 200 chars)
struct EventFilter
{
    QStringList types;
    QList<int> severities; // exact set; empty = any
    int minSeverity = 0;
    QString userId;
    QString userEmail;
    QByteArray ipLow; // 16-byte keys, inclusive range
    QByteArray ipHigh;
    std::optional<qint64> sinceMs;
    std::optional<qint64> untilMs;
    QString text;

    static constexpr int MaxTextLength = 200;
    static constexpr int MaxTypes = 32;

    // 400 naming the parameter on any invalid or repeated value; unknown
    // parameters other than those in `alsoAllowed` are refused too.
    static http::Decoded<EventFilter> parse(const QUrlQuery& query, const QStringList& alsoAllowed = {});

    // SQL condition (without WHERE; "1=1" when empty) and its bound values.
    QString sqlCondition(storage::Backend backend, QVariantList* binds) const;
    // The same test in memory, for the live stream.
    bool matches(const StoredEvent& event) const;
};

// Cursor paging: newest first by id; the cursor is the id of the last event of
// the page in an opaque form.
QString encodeCursor(qint64 lastId);
std::optional<qint64> decodeCursor(const QString& cursor);

// RFC 3339 ("2026-01-15T10:30:00Z", fraction and offset allowed) or unix seconds.
std::optional<qint64> parseTimeMs(const QString& value);

} // namespace auth::events
