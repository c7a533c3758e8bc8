#pragma once

#include "admin/AdminAccess.h"
#include "core/BearerAuth.h"
#include "http/HttpResponse.h"
#include "mfa/MfaStore.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <optional>
#include <variant>

namespace auth::core {
struct ServiceContext;
}

// Request checks the MFA method routes (WebAuthn, SMS, e-mail) share.
namespace auth::mfa::http_support {

inline constexpr qsizetype MaxTokenChars = 256;

http::HttpResponse invalidRequest(const QString& description);
http::HttpResponse invalidMfaToken();
http::HttpResponse unavailable();

// A string field of 1..maxChars characters, or a 400 naming it.
std::optional<http::HttpResponse> checkString(const QJsonObject& body, const char* name, qsizetype maxChars,
                                              bool required = true);
// The Bearer token's user (the user's own session tokens only).
std::variant<core::Principal, http::HttpResponse>
userPrincipal(QSqlDatabase& db, const admin::AdminCall& call, const core::ServiceContext& context);
// A pending, unexpired login challenge for `mfaToken` that offers `method`.
std::variant<Challenge, http::HttpResponse> loginChallenge(QSqlDatabase& db, const QString& mfaToken,
                                                           const QString& method);

} // namespace auth::mfa::http_support
