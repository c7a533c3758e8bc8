#include "events/SecurityEvent.h"

#include "core/Clock.h"
#include "logging/Logger.h"

#include <QJsonValue>
#include <array>

namespace auth {

namespace {

constexpr std::array kSeverityNames {"INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"};

QString isoUtc(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

// Optional string fields: absent is fine, present with another type is not.
bool readOptionalString(const QJsonObject& object, const QString& key, QString* out)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isString())
        return false;
    *out = value.toString();
    return true;
}

} // namespace

QString severityName(Severity s)
{
    const auto index = static_cast<std::size_t>(s);
    return QString::fromLatin1(index < kSeverityNames.size() ? kSeverityNames[index] : "INFO");
}

std::optional<Severity> parseSeverity(const QString& name)
{
    for (std::size_t i = 0; i < kSeverityNames.size(); ++i) {
        if (name.compare(QLatin1String(kSeverityNames[i]), Qt::CaseInsensitive) == 0)
            return static_cast<Severity>(i);
    }
    return std::nullopt;
}

SecurityEvent SecurityEvent::make(const char* type, Severity severity, QJsonObject details)
{
    SecurityEvent event;
    event.timestamp = Clock::nowUtc().toUTC();
    event.type = QString::fromUtf8(type);
    event.severity = severity;
    event.requestId = Logger::currentRequestId();
    event.details = std::move(details);
    return event;
}

QJsonObject SecurityEvent::toJson() const
{
    QJsonObject object;
    object.insert(QStringLiteral("timestamp"), isoUtc(timestamp));
    object.insert(QStringLiteral("event"), type);
    object.insert(QStringLiteral("severity"), severityName(severity));
    // Empty fields are left out rather than written as "", so a grep for
    // "user_id" only finds events that really name a user.
    if (!userId.isEmpty())
        object.insert(QStringLiteral("user_id"), userId);
    if (!sourceIp.isEmpty())
        object.insert(QStringLiteral("source_ip"), sourceIp);
    if (!requestId.isEmpty())
        object.insert(QStringLiteral("request_id"), requestId);
    if (!details.isEmpty())
        object.insert(QStringLiteral("details"), details);
    return object;
}

std::optional<SecurityEvent> SecurityEvent::fromJson(const QJsonObject& object)
{
    SecurityEvent event;

    const QJsonValue type = object.value(QStringLiteral("event"));
    if (!type.isString() || type.toString().isEmpty())
        return std::nullopt;
    event.type = type.toString();

    const auto severity = parseSeverity(object.value(QStringLiteral("severity")).toString());
    if (!severity)
        return std::nullopt;
    event.severity = *severity;

    const QJsonValue timestamp = object.value(QStringLiteral("timestamp"));
    if (!timestamp.isString())
        return std::nullopt;
    const QDateTime parsed = QDateTime::fromString(timestamp.toString(), Qt::ISODateWithMs);
    // A time without "Z" or an offset would be read as this machine's local
    // time, which silently shifts events between hosts; refuse it.
    if (!parsed.isValid() || parsed.timeSpec() == Qt::LocalTime)
        return std::nullopt;
    event.timestamp = parsed.toUTC();

    if (!readOptionalString(object, QStringLiteral("user_id"), &event.userId)
        || !readOptionalString(object, QStringLiteral("source_ip"), &event.sourceIp)
        || !readOptionalString(object, QStringLiteral("request_id"), &event.requestId))
        return std::nullopt;

    const QJsonValue details = object.value(QStringLiteral("details"));
    if (!details.isUndefined()) {
        if (!details.isObject())
            return std::nullopt;
        event.details = details.toObject();
    }
    return event;
}

} // namespace auth
