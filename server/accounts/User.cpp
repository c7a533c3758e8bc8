#include "accounts/User.h"

#include <QDateTime>
#include <QJsonArray>

namespace auth::accounts {

static QJsonValue secondsOrNull(qint64 secs)
{
    return secs > 0 ? QJsonValue(double(secs)) : QJsonValue();
}

QJsonObject User::toJson(qint64 nowMs) const
{
    QString status = QStringLiteral("active");
    if (adminLocked)
        status = QStringLiteral("locked");
    else if (lockedUntilMs > nowMs)
        status = QStringLiteral("temporarily_locked");
    return {{QStringLiteral("id"), id},
            {QStringLiteral("email"), email},
            {QStringLiteral("name"), name},
            {QStringLiteral("roles"), QJsonArray::fromStringList(roles)},
            {QStringLiteral("status"), status},
            {QStringLiteral("locked_until"),
             lockedUntilMs > nowMs ? QJsonValue(double(lockedUntilMs / 1000)) : QJsonValue()},
            {QStringLiteral("lock_reason"), lockReason.isEmpty() ? QJsonValue() : QJsonValue(lockReason)},
            {QStringLiteral("mfa_required"), mfaRequired},
            {QStringLiteral("password_strength"), passwordStrength},
            {QStringLiteral("created_at"), double(createdAt)},
            {QStringLiteral("last_login"), secondsOrNull(lastLoginAt)}};
}

std::optional<QString> normalizeEmail(const QString& input)
{
    const QString email = input.trimmed().toLower();
    if (email.isEmpty() || email.size() > 254)
        return std::nullopt;
    const qsizetype at = email.indexOf(QLatin1Char('@'));
    if (at <= 0 || at > 64 || email.indexOf(QLatin1Char('@'), at + 1) >= 0)
        return std::nullopt;
    const QString domain = email.mid(at + 1);
    if (domain.size() < 3 || !domain.contains(QLatin1Char('.')) || domain.startsWith(QLatin1Char('.'))
        || domain.endsWith(QLatin1Char('.')) || domain.contains(QLatin1String("..")))
        return std::nullopt;
    for (const QChar c : email) {
        if (c.isSpace() || c.category() == QChar::Other_Control || c == QLatin1Char('<')
            || c == QLatin1Char('>') || c == QLatin1Char('"') || c == QLatin1Char('\\'))
            return std::nullopt;
    }
    return email;
}

std::optional<QString> normalizeName(const QString& input)
{
    const QString name = input.trimmed();
    if (name.isEmpty() || name.size() > 100)
        return std::nullopt;
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return std::nullopt;
    }
    return name;
}

} // namespace auth::accounts
