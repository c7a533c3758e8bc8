#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace auth::console {

// Everything a metrics report is made from, as one JSON object. The PDF shows
// nothing that is not in it, and its footer carries the SHA-256 of canonical(),
// so a report saved with its data (--save-data) can be re-checked with sha256sum.
struct ReportData
{
    Q_DECLARE_TR_FUNCTIONS(auth::console::ReportData)

public:
    static constexpr auto Format = "auth-console-report/1";
    // Bounds on what one report fetches and prints; beyond them it says "truncated".
    static constexpr int MaxEventPages = 50;
    static constexpr int EventPageSize = 1000;
    static constexpr int MaxAlertPages = 10;
    static constexpr int MaxTopIps = 50;
    // Rows one PDF table prints, so that a report stays readable; the data keeps all.
    static constexpr int MaxPrintedRows = 1000;

    QJsonObject json;

    // Compact JSON with sorted keys (QJsonObject keeps them sorted): the same
    // data always gives the same bytes.
    QByteArray canonical() const;
    QByteArray sha256Hex() const; // of canonical(), lower-case hex

    // Typed views for the report; all read from `json`.
    QString server() const;
    QString author() const;
    QDateTime from() const;
    QDateTime to() const;
    QDateTime generatedAt() const;
    QJsonObject section(const char* key) const { return json.value(QLatin1String(key)).toObject(); }
    QJsonArray list(const char* key) const { return json.value(QLatin1String(key)).toArray(); }

    // Reads a file written from canonical(); nullopt with `error` set otherwise.
    static std::optional<ReportData> fromCanonical(const QByteArray& bytes, QString* error = nullptr);

    // "2026-11-28T10:00:00Z", "2026-11-28T12:00:00+01:00", or a span back from
    // `now` ("90m", "24h", "7d", "2w"). Invalid when it is none of them.
    static QDateTime parseTime(const QString& text, const QDateTime& now);
    // The shortest /admin/metrics/series range reaching back to `from`.
    static QString seriesRangeFor(const QDateTime& from, const QDateTime& now);
    static QString formatTime(const QDateTime& time); // RFC 3339 UTC, seconds
};

} // namespace auth::console
