#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace auth::accounts {

struct User
{
    QString id;
    QString email; // normalised: trimmed, lower-case
    QString name;
    QString passwordHash;
    int passwordStrength = 0;
    QStringList roles {QStringLiteral("user")};
    int failedLogins = 0;
    int lockouts = 0;
    qint64 lockedUntilMs = 0; // temporary lock after failures
    bool adminLocked = false; // permanent until an admin unlocks
    QString lockReason;
    bool mfaRequired = false;
    qint64 createdAt = 0; // seconds
    qint64 updatedAt = 0;
    qint64 passwordChangedAt = 0;
    qint64 lastLoginAt = 0;

    bool isAdmin() const { return roles.contains(QStringLiteral("admin")); }
    bool isLocked(qint64 nowMs) const { return adminLocked || lockedUntilMs > nowMs; }
    // The public view: never the hash.
    QJsonObject toJson(qint64 nowMs) const;
};

// Trimmed, lower-cased e-mail if it is a plausible address (RFC 5321 lengths,
// one '@', a dotted domain, no spaces or controls), else nullopt.
std::optional<QString> normalizeEmail(const QString& email);
// A display name: 1..100 characters, no control characters.
std::optional<QString> normalizeName(const QString& name);

} // namespace auth::accounts
