#include "client/ReportData.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QRegularExpression>

namespace auth::console {

QByteArray ReportData::canonical() const
{
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

QByteArray ReportData::sha256Hex() const
{
    return QCryptographicHash::hash(canonical(), QCryptographicHash::Sha256).toHex();
}

QString ReportData::server() const
{
    return json.value(QStringLiteral("server")).toString();
}

QString ReportData::author() const
{
    return json.value(QStringLiteral("author")).toString();
}

QDateTime ReportData::from() const
{
    return QDateTime::fromString(section("period").value(QStringLiteral("from")).toString(), Qt::ISODate);
}

QDateTime ReportData::to() const
{
    return QDateTime::fromString(section("period").value(QStringLiteral("to")).toString(), Qt::ISODate);
}

QDateTime ReportData::generatedAt() const
{
    return QDateTime::fromString(json.value(QStringLiteral("generated_at")).toString(), Qt::ISODate);
}

std::optional<ReportData> ReportData::fromCanonical(const QByteArray& bytes, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        if (error)
            *error = tr("The report data is not a JSON object.");
        return std::nullopt;
    }
    if (document.object().value(QStringLiteral("format")).toString() != QLatin1String(Format)) {
        if (error)
            *error = tr("The report data has an unknown format.");
        return std::nullopt;
    }
    return ReportData {document.object()};
}

QDateTime ReportData::parseTime(const QString& text, const QDateTime& now)
{
    static const QRegularExpression relative(QStringLiteral("^(\\d{1,5})([mhdw])$"));
    const QString trimmed = text.trimmed();
    const QRegularExpressionMatch match = relative.match(trimmed);
    if (match.hasMatch()) {
        const qint64 amount = match.captured(1).toLongLong();
        const QChar unit = match.captured(2).at(0);
        const qint64 seconds = unit == u'm' ? 60 : unit == u'h' ? 3600 : unit == u'd' ? 86400 : 7 * 86400;
        return now.addSecs(-amount * seconds).toUTC();
    }
    // RFC 3339 needs a zone: a bare local time would mean different hours on
    // the cron host and the server.
    static const QRegularExpression rfc3339(QStringLiteral(
        "^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?([Zz]|[+-]\\d{2}:\\d{2})$"));
    if (!rfc3339.match(trimmed).hasMatch())
        return {};
    QString iso = trimmed;
    iso[10] = u'T';
    if (iso.endsWith(u'z'))
        iso[iso.size() - 1] = u'Z';
    const QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : QDateTime();
}

QString ReportData::seriesRangeFor(const QDateTime& from, const QDateTime& now)
{
    const qint64 back = from.secsTo(now);
    if (back <= 15 * 60)
        return QStringLiteral("15m");
    if (back <= 3600)
        return QStringLiteral("1h");
    if (back <= 86400)
        return QStringLiteral("24h");
    return QStringLiteral("7d");
}

QString ReportData::formatTime(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODate);
}

} // namespace auth::console
