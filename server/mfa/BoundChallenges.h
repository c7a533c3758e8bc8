#pragma once

#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace auth::mfa {

// Short-lived values a method binds to something it cannot store itself: a
// WebAuthn challenge bound to a session or to an mfa_token, an SMS/e-mail code
// bound to a login or an enrolment. Kept in mfa_challenges (migration 3) under
// the SHA-256 of `key`, with purpose "bound:<kind>" so no mfa_token can ever
// name one. Blocking (SQL): pool threads only.
class BoundChallenges
{
public:
    // Replaces any earlier value under `key`; false on a storage error.
    static bool put(QSqlDatabase& db, const QString& key, const QString& userId, const QString& kind,
                    const QString& data, qint64 ttlSecs, qint64 nowSecs);
    // The value while it has not expired.
    static std::optional<QString> get(QSqlDatabase& db, const QString& key, qint64 nowSecs);
    // Single use: of parallel takers exactly one gets the value.
    static std::optional<QString> take(QSqlDatabase& db, const QString& key, qint64 nowSecs);
    // Replaces `expected` with `data`; false when someone changed it first.
    static bool compareAndSet(QSqlDatabase& db, const QString& key, const QString& expected,
                              const QString& data);
    static void remove(QSqlDatabase& db, const QString& key);
};

} // namespace auth::mfa
