#pragma once

#include "accounts/User.h"
#include "admin/AdminAccess.h"
#include "core/BearerAuth.h"
#include "http/HttpRequest.h"
#include "http/HttpResponse.h"
#include "http/RequestDecoder.h"
#include "mfa/MfaStore.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>
#include <optional>
#include <variant>

namespace auth::core {
struct ServiceContext;
}

// Request checks the MFA method routes (WebAuthn, SMS, e-mail) share.
namespace auth::mfa::http_support {

inline constexpr qsizetype MaxTokenChars = 256;
inline constexpr qsizetype MaxCodeChars = 64;
inline constexpr qsizetype MaxMethodChars = 32;

// The Bearer token's user with the account behind it.
struct UserAccount
{
    core::Principal principal;
    accounts::User user;
};

http::HttpResponse invalidRequest(const QString& description);
http::HttpResponse invalidMfaToken();
http::HttpResponse unavailable();

// A string field of 1..maxChars characters, or a 400 naming it.
std::optional<http::HttpResponse> checkString(const QJsonObject& body, const char* name, qsizetype maxChars,
                                              bool required = true);
// A 400 unsupported_method listing `known` when `method` is not one of them.
std::optional<http::HttpResponse> checkMethod(const QString& method, const QStringList& known);
// An optional JSON body: absent or empty is an empty object.
http::Decoded<QJsonObject> optionalJson(const http::HttpRequest& request);
// The Bearer token's user (the user's own session tokens only).
std::variant<core::Principal, http::HttpResponse>
userPrincipal(QSqlDatabase& db, const admin::AdminCall& call, const core::ServiceContext& context);
// userPrincipal() and the account it speaks for (a 401 when it is gone).
std::variant<UserAccount, http::HttpResponse> userAccount(QSqlDatabase& db, const admin::AdminCall& call,
                                                          const core::ServiceContext& context);
// The account `userId`, or a 401: it was deleted since the token or challenge was issued.
std::variant<accounts::User, http::HttpResponse> existingUser(QSqlDatabase& db, const QString& userId);
// A pending, unexpired login challenge for `mfaToken` that offers `method`.
std::variant<Challenge, http::HttpResponse> loginChallenge(QSqlDatabase& db, const QString& mfaToken,
                                                           const QString& method);

} // namespace auth::mfa::http_support
