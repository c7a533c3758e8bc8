#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrlQuery>
#include <optional>

namespace auth::console {

// The log filter's small query language:
//   type:authentication_failure ip:10.0.0.0/8 user:alice since:1h severity:high "free text" -type:x
// Terms are AND-ed; several type: values (or type:a,b) are OR-ed; a leading '-'
// excludes. Inclusions go to the server as GET /admin/events parameters;
// exclusions are applied to the fetched rows (the API has no negation).
struct EventQuery
{
    Q_DECLARE_TR_FUNCTIONS(auth::console::EventQuery)

public:
    struct Parsed;

    QStringList types;
    QStringList excludedTypes;
    QString severity; // minimum: info, low, medium, high, critical
    QStringList excludedSeverities;
    QString user;
    QStringList excludedUsers;
    QString ip; // address or CIDR as typed (validated)
    QList<QPair<QHostAddress, int>> excludedSubnets;
    QString since; // as typed: 15m, 1h, 7d, or an ISO 8601 date/time
    QString until;
    QStringList text; // free-text words and phrases, sent joined as q
    QStringList excludedText;

    // Empty text is the empty query (everything). On error, `error` says what is
    // wrong and `errorPosition` is the index in `text` where it starts.
    static Parsed parse(const QString& text);

    // The /admin/events (and stream) parameters; relative times resolve against `now`.
    QUrlQuery toUrlQuery(const QDateTime& now = QDateTime::currentDateTimeUtc()) const;
    // The client-side part: false when an exclusion matches the event.
    bool accepts(const QJsonObject& event) const;
    bool hasExclusions() const;
    bool isEmpty() const;

    // A term for "filter on" / "exclude" from the context menu, quoted when needed.
    static QString term(const QString& key, const QString& value, bool exclude = false);
    static QString quoted(const QString& value);
    // 15m, 1h, 7d, 2w, 30s, or an ISO 8601 date/time (a date alone means its start, UTC).
    static std::optional<QDateTime> resolveTime(const QString& value, const QDateTime& now);

    static constexpr int MaxLength = 2000;
    static constexpr int MaxTerms = 40;
};

struct EventQuery::Parsed
{
    EventQuery query;
    QString error;
    int errorPosition = -1;
    bool ok() const { return error.isEmpty(); }
};

} // namespace auth::console
