#pragma once

#include "accounts/User.h"

#include <QSqlDatabase>

namespace auth::accounts {

// SQL for users, in one place. Runs on the database pool (the caller passes the
// thread's connection); every statement is portable between SQLite and PostgreSQL.
class UserRepository
{
public:
    enum class CreateResult { Created, DuplicateEmail, Failed };

    struct LockoutPolicy
    {
        int threshold = 5;
        qint64 baseDurationMs = 5 * 60'000;
        qint64 maxDurationMs = 24 * 3600'000;
    };
    struct FailureResult
    {
        int failedLogins = 0;
        bool nowLocked = false;
        qint64 lockedUntilMs = 0;
    };

    static std::optional<User> findByEmail(QSqlDatabase& db, const QString& email);
    static std::optional<User> findById(QSqlDatabase& db, const QString& id);
    static CreateResult create(QSqlDatabase& db, const User& user);
    static int countAdmins(QSqlDatabase& db);

    // Counts a failed password atomically; at the threshold the account is
    // locked for base * 2^(earlier lockouts), capped, and the count restarts.
    static FailureResult recordFailure(QSqlDatabase& db, const QString& userId, const LockoutPolicy& policy,
                                       qint64 nowMs);
    static void recordSuccess(QSqlDatabase& db, const QString& userId, qint64 nowSecs);
    static bool setPassword(QSqlDatabase& db, const QString& userId, const QString& hash, int strength,
                            qint64 nowSecs);
    static bool updateHash(QSqlDatabase& db, const QString& userId, const QString& hash);
    static bool setAdminLock(QSqlDatabase& db, const QString& userId, bool locked, const QString& reason,
                             qint64 nowSecs);

    static QList<User> list(QSqlDatabase& db, const QString& search, int limit, int offset);
    static QList<User> inactiveSince(QSqlDatabase& db, qint64 secs, int limit);
    static QList<User> weakPasswords(QSqlDatabase& db, int belowStrength, int limit);
};

} // namespace auth::accounts
