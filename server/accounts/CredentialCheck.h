#pragma once

#include "accounts/User.h"

#include <QSqlDatabase>
#include <optional>

namespace auth::core {
struct ServiceContext;
}

namespace auth::accounts {

// The password check of every sign-in form (/api/v1/auth/login and
// /oauth/authorize): Argon2id verification at the same cost for unknown
// accounts, the lock-out policy, and the authentication_failure /
// account_locked events. On success the hash is upgraded if needed and the
// login recorded. Blocking (hashing and SQL): call on a pool thread.
std::optional<User> checkCredentials(QSqlDatabase& db, const core::ServiceContext& context,
                                     const QString& email, const QString& password, const QString& sourceIp);

} // namespace auth::accounts
