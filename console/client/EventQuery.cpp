#include "client/EventQuery.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimeZone>

namespace auth::console {

namespace {

const QStringList Keys {QStringLiteral("type"), QStringLiteral("severity"), QStringLiteral("user"),
                        QStringLiteral("ip"),   QStringLiteral("since"),    QStringLiteral("until"),
                        QStringLiteral("text")};
const QStringList Severities {QStringLiteral("info"), QStringLiteral("low"), QStringLiteral("medium"),
                              QStringLiteral("high"), QStringLiteral("critical")};

struct Token
{
    bool negated = false;
    QString key; // empty for free text
    QString value;
    int position = 0;
};

bool isSpace(QChar c)
{
    return c.isSpace();
}

// Reads a "quoted string" starting at text[i] == '"'; backslash escapes \" and \\.
// Returns false (with i at the opening quote) when it is not closed.
bool readQuoted(const QString& text, int& i, QString& out)
{
    const int open = i;
    ++i;
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (c == u'\\' && i + 1 < text.size() && (text.at(i + 1) == u'"' || text.at(i + 1) == u'\\')) {
            out += text.at(i + 1);
            i += 2;
            continue;
        }
        if (c == u'"') {
            ++i;
            return true;
        }
        out += c;
        ++i;
    }
    i = open;
    return false;
}

} // namespace

EventQuery::Parsed EventQuery::parse(const QString& text)
{
    Parsed result;
    auto fail = [&result](int position, const QString& message) {
        result.error = message;
        result.errorPosition = position;
        return result;
    };
    if (text.size() > MaxLength)
        return fail(MaxLength, tr("The filter is longer than %1 characters.").arg(MaxLength));

    QList<Token> tokens;
    int i = 0;
    while (i < text.size()) {
        if (isSpace(text.at(i))) {
            ++i;
            continue;
        }
        Token token;
        token.position = i;
        if (text.at(i) == u'-' && i + 1 < text.size() && !isSpace(text.at(i + 1))) {
            token.negated = true;
            ++i;
        }
        if (text.at(i) == u'"') {
            if (!readQuoted(text, i, token.value))
                return fail(i, tr("The quote opened here is not closed."));
            if (i < text.size() && !isSpace(text.at(i)))
                return fail(i, tr("Put a space after the closing quote."));
        } else {
            const int start = i;
            while (i < text.size() && !isSpace(text.at(i)) && text.at(i) != u':' && text.at(i) != u'"')
                ++i;
            const QString word = text.mid(start, i - start);
            if (i < text.size() && text.at(i) == u':') {
                token.key = word.toLower();
                if (!Keys.contains(token.key))
                    return fail(start,
                                tr("Unknown field \"%1\". Use one of: %2.").arg(word, Keys.join(u' ')));
                ++i;
                if (i < text.size() && text.at(i) == u'"') {
                    if (!readQuoted(text, i, token.value))
                        return fail(i, tr("The quote opened here is not closed."));
                } else {
                    const int valueStart = i;
                    while (i < text.size() && !isSpace(text.at(i)))
                        ++i;
                    token.value = text.mid(valueStart, i - valueStart);
                }
                if (token.value.trimmed().isEmpty())
                    return fail(start, tr("%1: needs a value.").arg(token.key));
            } else if (i < text.size() && text.at(i) == u'"') {
                return fail(i, tr("A quote may only start a value."));
            } else {
                token.value = word;
            }
        }
        if (tokens.size() >= MaxTerms)
            return fail(token.position, tr("More than %1 terms.").arg(MaxTerms));
        tokens.append(token);
    }

    static const QRegularExpression typePattern(QStringLiteral("^[a-z0-9_.]{1,64}$"));
    EventQuery& q = result.query;
    for (const Token& t : tokens) {
        const int at = t.position;
        if (t.key.isEmpty() || t.key == QLatin1String("text")) {
            (t.negated ? q.excludedText : q.text).append(t.value);
        } else if (t.key == QLatin1String("type")) {
            for (const QString& type : t.value.split(u',')) {
                if (!typePattern.match(type).hasMatch())
                    return fail(at,
                                tr("\"%1\" is not an event type (lower-case letters, digits, _).").arg(type));
                (t.negated ? q.excludedTypes : q.types).append(type);
            }
        } else if (t.key == QLatin1String("severity")) {
            const QString severity = t.value.toLower();
            if (!Severities.contains(severity))
                return fail(at, tr("Severity must be one of: %1.").arg(Severities.join(u' ')));
            if (t.negated) {
                q.excludedSeverities.append(severity);
            } else {
                if (!q.severity.isEmpty())
                    return fail(at, tr("severity: may be given once (it means \"at least\")."));
                q.severity = severity;
            }
        } else if (t.key == QLatin1String("user")) {
            if (t.value.size() > 254)
                return fail(at, tr("The user is longer than 254 characters."));
            if (t.negated) {
                q.excludedUsers.append(t.value);
            } else {
                if (!q.user.isEmpty())
                    return fail(at, tr("user: may be given once."));
                q.user = t.value;
            }
        } else if (t.key == QLatin1String("ip")) {
            QPair<QHostAddress, int> subnet = QHostAddress::parseSubnet(t.value);
            if (subnet.first.isNull())
                return fail(at + (t.negated ? 4 : 3),
                            tr("\"%1\" is not an IP address or CIDR block.").arg(t.value));
            if (t.negated) {
                q.excludedSubnets.append(subnet);
            } else {
                if (!q.ip.isEmpty())
                    return fail(at, tr("ip: may be given once."));
                q.ip = t.value;
            }
        } else if (t.key == QLatin1String("since") || t.key == QLatin1String("until")) {
            if (t.negated)
                return fail(at, tr("%1: cannot be excluded.").arg(t.key));
            if (!resolveTime(t.value, QDateTime::currentDateTimeUtc()))
                return fail(
                    at + t.key.size() + 1,
                    tr("\"%1\" is not a time: use 15m, 1h, 7d or 2025-01-15T10:30:00Z.").arg(t.value));
            QString& slot = t.key == QLatin1String("since") ? q.since : q.until;
            if (!slot.isEmpty())
                return fail(at, tr("%1: may be given once.").arg(t.key));
            slot = t.value;
        }
    }
    if (!q.since.isEmpty() && !q.until.isEmpty()) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (*resolveTime(q.since, now) > *resolveTime(q.until, now))
            return fail(text.indexOf(QLatin1String("until:")), tr("until: is before since:."));
    }
    return result;
}

std::optional<QDateTime> EventQuery::resolveTime(const QString& value, const QDateTime& now)
{
    static const QRegularExpression relative(QStringLiteral("^(\\d{1,6})([smhdw])$"));
    const QRegularExpressionMatch match = relative.match(value);
    if (match.hasMatch()) {
        const qint64 amount = match.captured(1).toLongLong();
        static const QHash<QChar, qint64> unit {
            {u's', 1}, {u'm', 60}, {u'h', 3600}, {u'd', 86400}, {u'w', 7 * 86400}};
        return now.addSecs(-amount * unit.value(match.captured(2).at(0)));
    }
    QDateTime absolute = QDateTime::fromString(value, Qt::ISODateWithMs);
    if (!absolute.isValid()) {
        const QDate date = QDate::fromString(value, Qt::ISODate);
        if (!date.isValid())
            return std::nullopt;
        absolute = QDateTime(date, QTime(0, 0), Qt::UTC);
    }
    if (absolute.timeSpec() == Qt::LocalTime && !value.endsWith(u'Z'))
        absolute.setTimeZone(QTimeZone::systemTimeZone());
    return absolute.toUTC();
}

QUrlQuery EventQuery::toUrlQuery(const QDateTime& now) const
{
    QUrlQuery query;
    auto add = [&query](const QString& key, const QString& value) {
        query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    if (!types.isEmpty())
        add(QStringLiteral("type"), types.join(u','));
    if (!severity.isEmpty())
        add(QStringLiteral("severity"), severity);
    if (!user.isEmpty())
        add(QStringLiteral("user"), user);
    if (!ip.isEmpty())
        add(QStringLiteral("ip"), ip);
    if (!since.isEmpty())
        add(QStringLiteral("since"), resolveTime(since, now)->toString(Qt::ISODateWithMs));
    if (!until.isEmpty())
        add(QStringLiteral("until"), resolveTime(until, now)->toString(Qt::ISODateWithMs));
    if (!text.isEmpty())
        add(QStringLiteral("q"), text.join(u' '));
    return query;
}

bool EventQuery::accepts(const QJsonObject& event) const
{
    if (!excludedTypes.isEmpty() && excludedTypes.contains(event.value(QStringLiteral("type")).toString()))
        return false;
    if (!excludedSeverities.isEmpty()
        && excludedSeverities.contains(event.value(QStringLiteral("severity")).toString().toLower()))
        return false;
    if (!excludedUsers.isEmpty()) {
        const QString user = event.value(QStringLiteral("user")).toString();
        const QString userId = event.value(QStringLiteral("user_id")).toString();
        for (const QString& excluded : excludedUsers) {
            if ((!user.isEmpty() && user.compare(excluded, Qt::CaseInsensitive) == 0) || userId == excluded)
                return false;
        }
    }
    if (!excludedSubnets.isEmpty()) {
        const QHostAddress address(event.value(QStringLiteral("source_ip")).toString());
        for (const auto& subnet : excludedSubnets) {
            if (!address.isNull() && address.isInSubnet(subnet))
                return false;
        }
    }
    if (!excludedText.isEmpty()) {
        const QString haystack = QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact));
        for (const QString& word : excludedText) {
            if (haystack.contains(word, Qt::CaseInsensitive))
                return false;
        }
    }
    return true;
}

bool EventQuery::hasExclusions() const
{
    return !excludedTypes.isEmpty() || !excludedSeverities.isEmpty() || !excludedUsers.isEmpty()
        || !excludedSubnets.isEmpty() || !excludedText.isEmpty();
}

bool EventQuery::isEmpty() const
{
    return types.isEmpty() && severity.isEmpty() && user.isEmpty() && ip.isEmpty() && since.isEmpty()
        && until.isEmpty() && text.isEmpty() && !hasExclusions();
}

QString EventQuery::quoted(const QString& value)
{
    static const QRegularExpression plain(QStringLiteral("^[^\\s\"]+$"));
    if (plain.match(value).hasMatch())
        return value;
    QString escaped = value;
    escaped.replace(u'\\', QLatin1String("\\\\")).replace(u'"', QLatin1String("\\\""));
    return u'"' + escaped + u'"';
}

QString EventQuery::term(const QString& key, const QString& value, bool exclude)
{
    return (exclude ? QStringLiteral("-") : QString()) + key + u':' + quoted(value);
}

} // namespace auth::console
