#include "accounts/CredentialCheck.h"

#include "accounts/PasswordHasher.h"
#include "accounts/UserRepository.h"
#include "core/Clock.h"
#include "core/Events.h"
#include "core/ServiceContext.h"

#include <QCryptographicHash>

namespace auth::accounts {

std::optional<User> checkCredentials(QSqlDatabase& db, const core::ServiceContext& context,
                                     const QString& email, const QString& password, const QString& sourceIp)
{
    const qint64 nowMs = Clock::nowMs();
    const auto normalized = normalizeEmail(email);
    const auto user = normalized ? UserRepository::findByEmail(db, *normalized) : std::nullopt;
    auto failure = [&](const QString& reason, Severity severity, const QString& userId,
                       QJsonObject extra = {}) -> std::optional<User> {
        extra.insert(QStringLiteral("reason"), reason);
        extra.insert(QStringLiteral("email_hash"),
                     QString::fromLatin1(QCryptographicHash::hash(email.trimmed().toLower().toUtf8(),
                                                                  QCryptographicHash::Sha256)
                                             .toHex()
                                             .left(16)));
        auto event = core::requestEvent(events::AuthenticationFailure, severity, sourceIp, extra);
        event.userId = userId;
        core::recordEvent(event);
        return std::nullopt;
    };
    if (!user) {
        context.hasher->verifyDummy(password); // same cost as a real account
        return failure(QStringLiteral("unknown_user"), Severity::Low, {});
    }
    const bool passwordOk = context.hasher->verify(user->passwordHash, password);
    if (user->isLocked(nowMs))
        return failure(QStringLiteral("account_locked"), Severity::Medium, user->id);
    if (!passwordOk) {
        UserRepository::LockoutPolicy policy;
        policy.threshold = int(context.config->integer(QStringLiteral("lockout.threshold")));
        policy.baseDurationMs = context.config->durationMs(QStringLiteral("lockout.base_duration"));
        const auto result = UserRepository::recordFailure(db, user->id, policy, nowMs);
        if (result.nowLocked) {
            auto locked
                = core::requestEvent(events::AccountLocked, Severity::High, sourceIp,
                                     {{QStringLiteral("reason"), QStringLiteral("too_many_failures")},
                                      {QStringLiteral("locked_until"), double(result.lockedUntilMs / 1000)}});
            locked.userId = user->id;
            core::recordEvent(locked);
        }
        return failure(QStringLiteral("invalid_password"), Severity::Low, user->id,
                       {{QStringLiteral("consecutive_failures"),
                         result.nowLocked ? policy.threshold : result.failedLogins}});
    }
    if (context.hasher->needsRehash(user->passwordHash))
        UserRepository::updateHash(db, user->id, context.hasher->hash(password));
    UserRepository::recordSuccess(db, user->id, nowMs / 1000);
    return user;
}

} // namespace auth::accounts
