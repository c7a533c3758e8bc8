#include "core/BearerAuth.h"

#include "accounts/UserRepository.h"
#include "core/Clock.h"
#include "core/ServiceContext.h"
#include "threats/LoginGuard.h"
#include "tokens/TokenService.h"

namespace auth::core {

http::HttpResponse unauthorized(const QString& description, const QString& error)
{
    http::HttpResponse response = http::HttpResponse::error(401, error, description);
    QByteArray challenge = "Bearer realm=\"auth-service\"";
    if (error == QLatin1String("invalid_token"))
        challenge += ", error=\"invalid_token\"";
    response.setHeader("WWW-Authenticate", challenge);
    return response;
}

std::variant<Principal, QString> validateAccessToken(QByteArrayView token, QSqlDatabase& db,
                                                     const ServiceContext& context)
{
    const tokens::TokenService::Validation validation = context.tokens->verify(token);
    if (!validation.ok)
        return validation.error;
    const QString revoked = context.tokens->revocationReason(db, validation.claims);
    if (!revoked.isEmpty())
        return revoked;
    Principal principal;
    principal.claims = validation.claims;
    principal.subject = validation.claims.value(QStringLiteral("sub")).toString();
    principal.sessionId = validation.claims.value(QStringLiteral("sid")).toString();
    principal.clientId = validation.claims.value(QStringLiteral("client_id")).toString();
    principal.scope = validation.claims.value(QStringLiteral("scope")).toString();
    principal.jti = validation.claims.value(QStringLiteral("jti")).toString();
    principal.expiresAt = qint64(validation.claims.value(QStringLiteral("exp")).toDouble());
    principal.mfa = validation.claims.value(QStringLiteral("mfa")).toBool();
    if (!principal.sessionId.isEmpty()) {
        const auto user = accounts::UserRepository::findById(db, principal.subject);
        if (!user)
            return QStringLiteral("unknown_subject");
        if (user->isLocked(Clock::nowMs()))
            return QStringLiteral("account_locked");
        principal.userId = user->id;
        principal.roles = user->roles;
    }
    return principal;
}

std::variant<Principal, http::HttpResponse>
authenticateBearer(const http::HttpRequest& request, QSqlDatabase& db, const ServiceContext& context)
{
    const QByteArray header = request.header("authorization");
    if (header.isEmpty())
        return unauthorized(QStringLiteral("A Bearer access token is required"),
                            QStringLiteral("unauthorized"));
    if (header.size() < 8 || qstrnicmp(header.constData(), "bearer ", 7) != 0)
        return unauthorized(QStringLiteral("The Authorization header must use the Bearer scheme"));
    const QByteArray token = header.mid(7).trimmed();
    auto result = validateAccessToken(token, db, context);
    if (auto* reason = std::get_if<QString>(&result))
        return unauthorized(QStringLiteral("The access token is invalid (%1)").arg(*reason));
    const Principal& principal = std::get<Principal>(result);
    threats::watchTokenUse(context, principal.sessionId, principal.userId,
                           clientAddress(request, context.trustedProxies), "access_token");
    return std::get<Principal>(std::move(result));
}

} // namespace auth::core
