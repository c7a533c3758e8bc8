#include "events/EventFilter.h"

#include "crypto/Base64Url.h"
#include "storage/Database.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonDocument>
#include <QRegularExpression>

namespace auth::events {

namespace {

using http::HttpResponse;

HttpResponse badParameter(const QString& name, const QString& why)
{
    return HttpResponse::error(400, QStringLiteral("invalid_parameter"),
                               QStringLiteral("%1: %2").arg(name, why));
}

// The one networks-as-ranges computation: the first and last 16-byte key of the
// subnet, so "ip_key BETWEEN low AND high" selects it on an index.
bool subnetRange(const QString& value, QByteArray* low, QByteArray* high)
{
    QHostAddress address;
    int prefix = -1;
    if (value.contains(QLatin1Char('/'))) {
        const auto subnet = QHostAddress::parseSubnet(value);
        if (subnet.first.isNull())
            return false;
        address = subnet.first;
        prefix = subnet.second;
    } else if (!address.setAddress(value)) {
        return false;
    }
    const QByteArray key = ipKey(address.toString());
    if (key.size() != 16)
        return false;
    const bool isV4 = address.protocol() == QAbstractSocket::IPv4Protocol;
    const int bits = prefix < 0 ? 128 : (isV4 ? prefix + 96 : prefix);
    *low = key;
    *high = key;
    for (int bit = bits; bit < 128; ++bit) {
        const int byte = bit / 8;
        const auto mask = static_cast<char>(0x80 >> (bit % 8));
        (*low)[byte] = static_cast<char>((*low)[byte] & ~mask);
        (*high)[byte] = static_cast<char>((*high)[byte] | mask);
    }
    return true;
}

} // namespace

std::optional<qint64> parseTimeMs(const QString& value)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,12}$"));
    if (digits.match(value).hasMatch())
        return value.toLongLong() * 1000;
    static const QRegularExpression rfc3339(
        QStringLiteral("^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt "
                       "][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$"));
    if (!rfc3339.match(value).hasMatch())
        return std::nullopt;
    QString normalized = value;
    normalized[10] = QLatin1Char('T');
    // Qt reads at most milliseconds; cut a longer fraction.
    static const QRegularExpression fraction(QStringLiteral("\\.([0-9]{3})[0-9]+"));
    normalized.replace(fraction, QStringLiteral(".\\1"));
    const QDateTime parsed = QDateTime::fromString(normalized, Qt::ISODateWithMs);
    if (!parsed.isValid())
        return std::nullopt;
    return parsed.toMSecsSinceEpoch();
}

QString encodeCursor(qint64 lastId)
{
    return QString::fromLatin1(crypto::base64UrlEncode(QByteArray("e1:") + QByteArray::number(lastId)));
}

std::optional<qint64> decodeCursor(const QString& cursor)
{
    if (cursor.size() > 64)
        return std::nullopt;
    const auto raw = crypto::base64UrlDecode(cursor.toLatin1());
    if (!raw || !raw->startsWith("e1:"))
        return std::nullopt;
    bool ok = false;
    const qint64 id = raw->mid(3).toLongLong(&ok);
    if (!ok || id <= 0)
        return std::nullopt;
    return id;
}

http::Decoded<EventFilter> EventFilter::parse(const QUrlQuery& query, const QStringList& alsoAllowed)
{
    static const QStringList known
        = {QStringLiteral("type"),  QStringLiteral("severity"), QStringLiteral("user"), QStringLiteral("ip"),
           QStringLiteral("since"), QStringLiteral("until"),    QStringLiteral("q")};
    static const QRegularExpression typePattern(QStringLiteral("^[a-z0-9_.-]{1,64}$"));
    EventFilter filter;
    QSet<QString> seen;
    for (const auto& [name, rawValue] : query.queryItems(QUrl::FullyDecoded)) {
        if (!known.contains(name) && !alsoAllowed.contains(name))
            return badParameter(name, QStringLiteral("unknown parameter"));
        if (seen.contains(name))
            return badParameter(name, QStringLiteral("given more than once"));
        seen.insert(name);
        const QString value = rawValue.trimmed();
        if (name == QLatin1String("type")) {
            const QStringList types = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
            if (types.isEmpty() || types.size() > MaxTypes)
                return badParameter(name,
                                    QStringLiteral("1 to %1 comma-separated event types").arg(MaxTypes));
            for (const QString& type : types) {
                if (!typePattern.match(type.trimmed()).hasMatch())
                    return badParameter(name,
                                        QStringLiteral("event types are lower-case words such as "
                                                       "authentication_failure"));
                filter.types.append(type.trimmed());
            }
        } else if (name == QLatin1String("severity")) {
            const QStringList names = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
            if (names.isEmpty())
                return badParameter(name, QStringLiteral("info, low, medium, high or critical"));
            for (const QString& severityName : names) {
                const auto severity = parseSeverity(severityName.trimmed());
                if (!severity)
                    return badParameter(name, QStringLiteral("info, low, medium, high or critical"));
                filter.severities.append(int(*severity));
            }
            if (filter.severities.size() == 1) {
                filter.minSeverity = filter.severities.first();
                filter.severities.clear();
            }
        } else if (name == QLatin1String("user")) {
            if (value.isEmpty() || value.size() > 254)
                return badParameter(name, QStringLiteral("a user id or e-mail address"));
            if (value.contains(QLatin1Char('@')))
                filter.userEmail = value.toLower();
            else
                filter.userId = value;
        } else if (name == QLatin1String("ip")) {
            if (value.size() > 64 || !subnetRange(value, &filter.ipLow, &filter.ipHigh))
                return badParameter(name,
                                    QStringLiteral("an IP address or a CIDR network such as 10.0.0.0/8"));
        } else if (name == QLatin1String("since") || name == QLatin1String("until")) {
            const auto ms = parseTimeMs(value);
            if (!ms)
                return badParameter(name, QStringLiteral("RFC 3339 time or unix seconds"));
            (name == QLatin1String("since") ? filter.sinceMs : filter.untilMs) = *ms;
        } else if (name == QLatin1String("q")) {
            if (value.isEmpty() || value.size() > MaxTextLength)
                return badParameter(name, QStringLiteral("1 to %1 characters").arg(MaxTextLength));
            filter.text = value;
        }
    }
    if (filter.sinceMs && filter.untilMs && *filter.sinceMs >= *filter.untilMs)
        return badParameter(QStringLiteral("until"), QStringLiteral("must be later than since"));
    return filter;
}

QString EventFilter::sqlCondition(storage::Backend backend, QVariantList* binds) const
{
    QStringList parts;
    auto placeholders = [](qsizetype n) {
        QStringList marks(n, QStringLiteral("?"));
        return marks.join(QLatin1Char(','));
    };
    if (!types.isEmpty()) {
        parts << QStringLiteral("type IN (%1)").arg(placeholders(types.size()));
        for (const QString& type : types)
            binds->append(type);
    }
    if (!severities.isEmpty()) {
        parts << QStringLiteral("severity IN (%1)").arg(placeholders(severities.size()));
        for (int severity : severities)
            binds->append(severity);
    } else if (minSeverity > 0) {
        parts << QStringLiteral("severity >= ?");
        binds->append(minSeverity);
    }
    if (!userId.isEmpty()) {
        parts << QStringLiteral("user_id = ?");
        binds->append(userId);
    }
    if (!userEmail.isEmpty()) {
        parts << QStringLiteral("user_email = ?");
        binds->append(userEmail);
    }
    if (!ipLow.isEmpty()) {
        parts << QStringLiteral("ip_key BETWEEN ? AND ?");
        binds->append(ipLow);
        binds->append(ipHigh);
    }
    if (sinceMs) {
        parts << QStringLiteral("time_ms >= ?");
        binds->append(*sinceMs);
    }
    if (untilMs) {
        parts << QStringLiteral("time_ms < ?");
        binds->append(*untilMs);
    }
    if (!text.isEmpty()) {
        QString escaped = text;
        escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('%'), QLatin1String("\\%"))
            .replace(QLatin1Char('_'), QLatin1String("\\_"));
        parts << (backend == storage::Backend::PostgreSQL ? QStringLiteral("details ILIKE ? ESCAPE '\\'")
                                                          : QStringLiteral("details LIKE ? ESCAPE '\\'"));
        binds->append(QLatin1Char('%') + escaped + QLatin1Char('%'));
    }
    return parts.isEmpty() ? QStringLiteral("1=1") : parts.join(QLatin1String(" AND "));
}

bool EventFilter::matches(const StoredEvent& event) const
{
    if (!types.isEmpty() && !types.contains(event.type))
        return false;
    if (!severities.isEmpty() ? !severities.contains(int(event.severity)) : int(event.severity) < minSeverity)
        return false;
    if (!userId.isEmpty() && event.userId != userId)
        return false;
    if (!userEmail.isEmpty() && event.userEmail != userEmail)
        return false;
    if (!ipLow.isEmpty()) {
        const QByteArray key = ipKey(event.sourceIp);
        if (key.isEmpty() || key < ipLow || key > ipHigh)
            return false;
    }
    if (sinceMs && event.timeMs < *sinceMs)
        return false;
    if (untilMs && event.timeMs >= *untilMs)
        return false;
    if (!text.isEmpty()) {
        const QString details
            = QString::fromUtf8(QJsonDocument(event.details).toJson(QJsonDocument::Compact));
        if (!details.contains(text, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace auth::events
