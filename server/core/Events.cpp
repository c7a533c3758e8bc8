#include "core/Events.h"

#include "logging/Logger.h"

#include <QMutex>

namespace auth::core {

namespace {

QMutex& observerMutex()
{
    static QMutex mutex;
    return mutex;
}

EventObserver& observer()
{
    static EventObserver instance;
    return instance;
}

} // namespace

void setEventObserver(EventObserver next)
{
    QMutexLocker lock(&observerMutex());
    observer() = std::move(next);
}

void recordEvent(SecurityEvent event)
{
    Logger& logger = Logger::instance();
    if (event.type == QLatin1String(events::KeyRotation) || event.type == QLatin1String(events::JwtGeneration)
        || event.type == QLatin1String(events::MfaDelivery)) {
        QJsonObject fields = event.details;
        fields.insert(QStringLiteral("event"), event.type);
        if (!event.userId.isEmpty())
            fields.insert(QStringLiteral("user_id"), event.userId);
        if (!event.sourceIp.isEmpty())
            fields.insert(QStringLiteral("source_ip"), event.sourceIp);
        logger.application(LogLevel::Info, QStringLiteral("auth.server.events"), event.type, fields);
    }
    logger.security(event);
    QMutexLocker lock(&observerMutex());
    if (observer())
        observer()(event);
}

SecurityEvent requestEvent(const char* type, Severity severity, const QString& sourceIp, QJsonObject details)
{
    SecurityEvent event = SecurityEvent::make(type, severity, std::move(details));
    event.sourceIp = sourceIp;
    return event;
}

} // namespace auth::core
