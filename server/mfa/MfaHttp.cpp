#include "mfa/MfaHttp.h"

#include "accounts/UserRepository.h"
#include "core/Clock.h"

namespace auth::mfa::http_support {

using http::HttpResponse;

HttpResponse invalidRequest(const QString& description)
{
    return HttpResponse::error(400, QStringLiteral("invalid_request"), description);
}

HttpResponse invalidMfaToken()
{
    return HttpResponse::error(
        401, QStringLiteral("invalid_mfa_token"),
        QStringLiteral("The mfa_token is invalid, expired or already used; sign in again"));
}

HttpResponse unavailable()
{
    return HttpResponse::error(503, QStringLiteral("service_unavailable"),
                               QStringLiteral("The MFA store is unavailable; try again"));
}

std::optional<HttpResponse> checkString(const QJsonObject& body, const char* name, qsizetype maxChars,
                                        bool required)
{
    const QJsonValue value = body.value(QLatin1String(name));
    if (value.isUndefined() && !required)
        return std::nullopt;
    if (!value.isString() || value.toString().isEmpty() || value.toString().size() > maxChars)
        return invalidRequest(QStringLiteral("%1 must be a non-empty string of at most %2 characters")
                                  .arg(QLatin1String(name))
                                  .arg(maxChars));
    return std::nullopt;
}

std::variant<core::Principal, HttpResponse> userPrincipal(QSqlDatabase& db, const admin::AdminCall& call,
                                                          const core::ServiceContext& context)
{
    auto auth = core::authenticateBearer(call.request, db, context);
    if (auto* error = std::get_if<HttpResponse>(&auth))
        return *error;
    const core::Principal principal = std::get<core::Principal>(auth);
    if (principal.userId.isEmpty() || !principal.clientId.isEmpty())
        return HttpResponse::error(403, QStringLiteral("forbidden"),
                                   QStringLiteral("MFA is managed with the user's own session token"));
    return principal;
}

std::optional<HttpResponse> checkMethod(const QString& method, const QStringList& known)
{
    if (known.contains(method))
        return std::nullopt;
    return HttpResponse::error(
        400, QStringLiteral("unsupported_method"),
        QStringLiteral("method must be one of: %1").arg(known.join(QStringLiteral(", "))));
}

http::Decoded<QJsonObject> optionalJson(const http::HttpRequest& request)
{
    if (request.body.isEmpty())
        return QJsonObject {};
    return http::decodeJsonObject(request);
}

std::variant<UserAccount, HttpResponse> userAccount(QSqlDatabase& db, const admin::AdminCall& call,
                                                    const core::ServiceContext& context)
{
    auto auth = userPrincipal(db, call, context);
    if (auto* error = std::get_if<HttpResponse>(&auth))
        return *error;
    const core::Principal principal = std::get<core::Principal>(auth);
    auto user = existingUser(db, principal.userId);
    if (auto* error = std::get_if<HttpResponse>(&user))
        return *error;
    return UserAccount {principal, std::get<accounts::User>(user)};
}

std::variant<accounts::User, HttpResponse> existingUser(QSqlDatabase& db, const QString& userId)
{
    auto user = accounts::UserRepository::findById(db, userId);
    if (!user)
        return core::unauthorized(QStringLiteral("The account no longer exists"));
    return *user;
}

std::variant<Challenge, HttpResponse> loginChallenge(QSqlDatabase& db, const QString& mfaToken,
                                                     const QString& method)
{
    const auto challenge = MfaStore::findChallenge(db, mfaToken);
    if (!challenge || challenge->purpose != MfaStore::LoginPurpose || challenge->usedAt > 0
        || challenge->expiresAt <= Clock::nowSecs())
        return invalidMfaToken();
    if (!challenge->methods.contains(method))
        return HttpResponse::error(
            400, QStringLiteral("method_not_available"),
            QStringLiteral("This sign-in offers: %1").arg(challenge->methods.join(QStringLiteral(", "))));
    return *challenge;
}

} // namespace auth::mfa::http_support
