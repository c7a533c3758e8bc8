#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace auth::api {

// GET /health, exactly the runbook's shape plus `reasons` when degraded.
struct HealthInfo
{
    QString status; // "healthy" or "degraded"
    QString service;
    QString version;
    QDateTime timestamp;
    QMap<QString, bool> features; // user_registration, oauth2_flows, ...
    QStringList reasons;

    QJsonObject toJson() const;
    static std::optional<HealthInfo> fromJson(const QJsonObject& object);
};

inline constexpr auto ServiceName = "auth-service";

} // namespace auth::api
