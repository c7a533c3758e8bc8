#include "api/HealthInfo.h"

#include <QJsonArray>

namespace auth::api {

QJsonObject HealthInfo::toJson() const
{
    QJsonObject featureObject;
    for (auto it = features.cbegin(); it != features.cend(); ++it)
        featureObject.insert(it.key(), it.value());
    QJsonObject object {
        {QStringLiteral("status"), status},
        {QStringLiteral("service"), service},
        {QStringLiteral("version"), version},
        {QStringLiteral("timestamp"), timestamp.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("features"), featureObject},
    };
    if (!reasons.isEmpty())
        object.insert(QStringLiteral("reasons"), QJsonValue::fromVariant(reasons));
    return object;
}

std::optional<HealthInfo> HealthInfo::fromJson(const QJsonObject& object)
{
    HealthInfo info;
    info.status = object.value(QStringLiteral("status")).toString();
    info.service = object.value(QStringLiteral("service")).toString();
    info.version = object.value(QStringLiteral("version")).toString();
    info.timestamp = QDateTime::fromString(object.value(QStringLiteral("timestamp")).toString(), Qt::ISODate);
    if (info.status.isEmpty() || info.service.isEmpty() || !info.timestamp.isValid())
        return std::nullopt;
    const QJsonObject featureObject = object.value(QStringLiteral("features")).toObject();
    for (auto it = featureObject.begin(); it != featureObject.end(); ++it)
        info.features.insert(it.key(), it.value().toBool());
    for (const QJsonValue& reason : object.value(QStringLiteral("reasons")).toArray())
        info.reasons.append(reason.toString());
    return info;
}

} // namespace auth::api
