#include "oauth/OAuthController.h"

#include "accounts/SessionStore.h"
#include "accounts/UserRepository.h"
#include "core/BearerAuth.h"
#include "core/Clock.h"
#include "core/Events.h"
#include "core/RateLimiter.h"
#include "core/ServiceContext.h"
#include "http/RequestDecoder.h"
#include "logging/Logger.h"
#include "oauth/AuthorizationCodes.h"
#include "oauth/ClientAuthenticator.h"
#include "oauth/ClientRepository.h"
#include "storage/Database.h"
#include "tokens/TokenService.h"

#include <QSqlQuery>
#include <QtConcurrent>

namespace auth::oauth {

namespace {

using http::HttpResponse;

HttpResponse invalidGrant(const QString& description)
{
    return oauthError(400, QStringLiteral("invalid_grant"), description);
}

HttpResponse tokenResponse(const tokens::TokenService::Issued& issued, const QString& scope,
                           const QString& refreshToken = {}, const QByteArray& idToken = {})
{
    QJsonObject body {{QStringLiteral("access_token"), QString::fromLatin1(issued.token)},
                      {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                      {QStringLiteral("expires_in"), double(issued.expiresIn)},
                      {QStringLiteral("scope"), scope}};
    if (!refreshToken.isEmpty())
        body.insert(QStringLiteral("refresh_token"), refreshToken);
    if (!idToken.isEmpty())
        body.insert(QStringLiteral("id_token"), QString::fromLatin1(idToken));
    HttpResponse response = HttpResponse::json(200, body);
    return noStore(response);
}

bool hasScope(const QString& scope, const QString& token)
{
    return scope.split(QLatin1Char(' '), Qt::SkipEmptyParts).contains(token);
}

// A refresh token's row without using it up (introspection and revocation).
struct RefreshInfo
{
    QString familyId;
    QString sessionId;
    QString userId;
    QString clientId;
    QString scope;
    qint64 createdAt = 0;
    qint64 expiresAt = 0;
    bool active = false;
};

std::optional<RefreshInfo> findRefresh(QSqlDatabase& db, const QString& token, qint64 nowSecs)
{
    if (token.size() < 16 || token.size() > 128)
        return std::nullopt;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT family_id, session_id, user_id, client_id, scope, created_at, "
                                 "expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = ?"));
    query.addBindValue(accounts::SessionStore::hashToken(token));
    if (!query.exec() || !query.next())
        return std::nullopt;
    RefreshInfo info {query.value(0).toString(),  query.value(1).toString(), query.value(2).toString(),
                      query.value(3).toString(),  query.value(4).toString(), query.value(5).toLongLong(),
                      query.value(6).toLongLong()};
    info.active = query.value(7).isNull() && query.value(8).isNull() && info.expiresAt > nowSecs;
    return info;
}

bool looksLikeJwt(const QString& token)
{
    return token.count(QLatin1Char('.')) == 2;
}

http::Decoded<QUrlQuery> decodeOAuthForm(const http::HttpRequest& request)
{
    auto decoded = http::decodeForm(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        noStore(*error);
    return decoded;
}

// The common start of introspection and revocation (RFC 7662 §2.1, RFC 7009
// §2.1): rate limit, client authentication, then the `token` parameter.
struct TokenCall
{
    OAuthClient client;
    QString token;
};

std::variant<TokenCall, HttpResponse> startTokenCall(core::ServiceContext& context, ClientRepository& clients,
                                                     QSqlDatabase& db, const OAuthCall& call,
                                                     const QString& bucket, bool confidentialOnly)
{
    if (auto limited = context.rateLimiter->check(call.client, bucket))
        return noStore(*limited);
    auto credentials = readClientCredentials(call);
    if (auto* error = std::get_if<HttpResponse>(&credentials))
        return *error;
    auto authenticated
        = authenticateClient(clients, db, std::get<ClientCredentials>(credentials), confidentialOnly, call);
    if (auto* error = std::get_if<HttpResponse>(&authenticated))
        return *error;
    const QString token = formValue(call.form, QStringLiteral("token"));
    if (token.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"), QStringLiteral("token is required"));
    return TokenCall {std::get<OAuthClient>(authenticated), token};
}

} // namespace

void OAuthController::registerRoutes(http::Router& router)
{
    router.add("POST", QStringLiteral("/oauth/token"), [this](http::HttpRequest& r) { return token(r); });
    router.add("POST", QStringLiteral("/oauth/introspect"),
               [this](http::HttpRequest& r) { return introspect(r); });
    router.add("POST", QStringLiteral("/oauth/revoke"), [this](http::HttpRequest& r) { return revoke(r); });
    router.add("GET", QStringLiteral("/oauth/userinfo"),
               [this](http::HttpRequest& r) { return userinfo(r); });
}

void OAuthController::recordIssued(const OAuthCall& call, const QString& kid, const QString& jti,
                                   const QString& grant, const QString& clientId, const QString& userId)
{
    auto event = core::requestEvent(events::JwtGeneration, Severity::Info, call.sourceIp,
                                    {{QStringLiteral("kid"), kid},
                                     {QStringLiteral("jti"), jti},
                                     {QStringLiteral("grant"), grant},
                                     {QStringLiteral("client_id"), clientId}});
    event.userId = userId;
    core::recordEvent(event);
}

QFuture<HttpResponse> OAuthController::token(http::HttpRequest& request)
{
    auto decoded = decodeOAuthForm(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    OAuthCall call = oauthCall(request, m_context);
    call.form = std::get<QUrlQuery>(decoded);
    return QtConcurrent::run(m_context.cpuPool, [this, call] {
        RequestIdScope scope(call.requestId);
        if (auto limited = m_context.rateLimiter->check(call.client))
            return noStore(*limited);
        const QString grant = formValue(call.form, QStringLiteral("grant_type"));
        if (grant.isEmpty())
            return oauthError(400, QStringLiteral("invalid_request"),
                              QStringLiteral("grant_type is required"));
        if (grant != grants::ClientCredentials && grant != grants::AuthorizationCode
            && grant != grants::RefreshToken)
            return oauthError(400, QStringLiteral("unsupported_grant_type"),
                              QStringLiteral("Supported grant types: authorization_code, client_credentials, "
                                             "refresh_token"));
        auto credentials = readClientCredentials(call);
        if (auto* error = std::get_if<HttpResponse>(&credentials))
            return *error;
        QSqlDatabase db = m_context.database->connection();
        auto authenticated
            = authenticateClient(m_clients, db, std::get<ClientCredentials>(credentials), false, call);
        if (auto* error = std::get_if<HttpResponse>(&authenticated))
            return *error;
        const OAuthClient client = std::get<OAuthClient>(authenticated);
        if (!client.allowsGrant(grant))
            return oauthError(400, QStringLiteral("unauthorized_client"),
                              QStringLiteral("This client may not use the %1 grant").arg(grant));
        if (grant == grants::ClientCredentials)
            return clientCredentialsGrant(call, client);
        if (grant == grants::AuthorizationCode)
            return authorizationCodeGrant(call, client, db);
        return refreshTokenGrant(call, client, db);
    });
}

HttpResponse OAuthController::clientCredentialsGrant(const OAuthCall& call, const OAuthClient& client)
{
    QString scope = formValue(call.form, QStringLiteral("scope"));
    if (!call.form.hasQueryItem(QStringLiteral("scope")))
        scope = client.scopes.join(QLatin1Char(' '));
    else if (!client.allowsScope(scope))
        return oauthError(400, QStringLiteral("invalid_scope"),
                          QStringLiteral("The requested scope exceeds what this client may ask for"));
    bool ok = false;
    scope = splitScope(scope, &ok).join(QLatin1Char(' '));
    tokens::TokenService::Request request;
    request.subject = client.clientId;
    request.clientId = client.clientId;
    request.scope = scope;
    const auto issued = m_context.tokens->issue(request);
    if (issued.token.isEmpty())
        return oauthError(503, QStringLiteral("temporarily_unavailable"), QStringLiteral("No signing key"));
    recordIssued(call, issued.kid, issued.jti, grants::ClientCredentials, client.clientId, {});
    return tokenResponse(issued, scope);
}

HttpResponse OAuthController::authorizationCodeGrant(const OAuthCall& call, const OAuthClient& client,
                                                     QSqlDatabase& db)
{
    const QString code = formValue(call.form, QStringLiteral("code"));
    const QString redirectUri = formValue(call.form, QStringLiteral("redirect_uri"));
    const QString verifier = formValue(call.form, QStringLiteral("code_verifier"));
    if (code.isEmpty() || redirectUri.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("code and redirect_uri are required"));
    const qint64 now = Clock::nowSecs();
    const auto redemption = AuthorizationCodes::redeem(db, code, now);
    const AuthorizationCode& row = redemption.row;
    if (redemption.result == AuthorizationCodes::Result::Unknown)
        return invalidGrant(QStringLiteral("The authorization code is invalid"));
    if (redemption.result == AuthorizationCodes::Result::Reused) {
        // RFC 6749 §4.1.2: a code used twice revokes what it was exchanged for.
        accounts::SessionStore::revoke(db, row.sessionId, QStringLiteral("authorization_code_reuse"));
        auto event = core::requestEvent(events::AuthorizationCodeReuse, Severity::High, call.sourceIp,
                                        {{QStringLiteral("client_id"), row.clientId},
                                         {QStringLiteral("presented_by"), client.clientId},
                                         {QStringLiteral("session_id"), row.sessionId}});
        event.userId = row.userId;
        core::recordEvent(event);
        return invalidGrant(QStringLiteral("The authorization code is invalid"));
    }
    // The code is spent now; a failed exchange also ends the session made for it.
    auto refuse = [&](const QString& description) {
        accounts::SessionStore::revoke(db, row.sessionId, QStringLiteral("authorization_code_refused"));
        return invalidGrant(description);
    };
    if (row.expiresAt <= now)
        return refuse(QStringLiteral("The authorization code has expired"));
    if (row.clientId != client.clientId)
        return refuse(QStringLiteral("The authorization code was issued to another client"));
    if (row.redirectUri != redirectUri)
        return refuse(QStringLiteral("redirect_uri does not match the authorization request"));
    if (row.codeChallenge.isEmpty() ? !verifier.isEmpty()
                                    : !AuthorizationCodes::verifierMatches(verifier, row.codeChallenge))
        return refuse(QStringLiteral("PKCE verification failed"));
    const auto session = accounts::SessionStore::find(db, row.sessionId);
    const auto user = accounts::UserRepository::findById(db, row.userId);
    if (!session || session->revokedAt > 0 || session->expiresAt <= now || !user
        || user->isLocked(Clock::nowMs()))
        return refuse(QStringLiteral("The session has ended"));

    tokens::TokenService::Request request;
    request.subject = user->id;
    request.clientId = client.clientId;
    request.sessionId = session->id;
    request.scope = row.scope;
    const auto issued = m_context.tokens->issue(request);
    if (issued.token.isEmpty())
        return oauthError(503, QStringLiteral("temporarily_unavailable"), QStringLiteral("No signing key"));
    QString refreshToken;
    if (client.allowsGrant(grants::RefreshToken)) {
        accounts::RefreshToken refresh;
        refresh.sessionId = session->id;
        refresh.userId = user->id;
        refresh.clientId = client.clientId;
        refresh.scope = row.scope;
        refreshToken = accounts::SessionStore::issueRefresh(db, refresh, session->expiresAt - now);
    }
    QByteArray idToken;
    if (hasScope(row.scope, QStringLiteral("openid"))) {
        QJsonObject extra {{QStringLiteral("sid"), session->id}};
        if (hasScope(row.scope, QStringLiteral("email"))) {
            extra.insert(QStringLiteral("email"), user->email);
            extra.insert(QStringLiteral("email_verified"), false);
        }
        if (hasScope(row.scope, QStringLiteral("profile")))
            extra.insert(QStringLiteral("name"), user->name);
        idToken
            = m_context.tokens->issueIdToken(user->id, client.clientId, row.nonce, session->createdAt, extra);
    }
    recordIssued(call, issued.kid, issued.jti, grants::AuthorizationCode, client.clientId, user->id);
    return tokenResponse(issued, row.scope, refreshToken, idToken);
}

HttpResponse OAuthController::refreshTokenGrant(const OAuthCall& call, const OAuthClient& client,
                                                QSqlDatabase& db)
{
    const QString token = formValue(call.form, QStringLiteral("refresh_token"));
    if (token.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("refresh_token is required"));
    const qint64 now = Clock::nowSecs();
    const auto use = accounts::SessionStore::use(db, token, now);
    // RFC 9700 §4.14.2: a used token presented again, or one presented by a
    // client it was not issued to, means it leaked: end the whole family.
    const bool foreign
        = use.result != accounts::SessionStore::UseResult::Invalid && use.row.clientId != client.clientId;
    if (use.result == accounts::SessionStore::UseResult::Reused || foreign) {
        const int revoked = accounts::SessionStore::revokeFamily(db, use.row.familyId);
        if (!use.row.sessionId.isEmpty())
            accounts::SessionStore::revoke(db, use.row.sessionId, QStringLiteral("refresh_token_reuse"));
        auto event = core::requestEvent(events::RefreshTokenReuse, Severity::High, call.sourceIp,
                                        {{QStringLiteral("family_id"), use.row.familyId},
                                         {QStringLiteral("session_id"), use.row.sessionId},
                                         {QStringLiteral("client_id"), use.row.clientId},
                                         {QStringLiteral("presented_by"), client.clientId},
                                         {QStringLiteral("tokens_revoked"), revoked}});
        event.userId = use.row.userId;
        core::recordEvent(event);
        return invalidGrant(QStringLiteral("The refresh token is invalid"));
    }
    if (use.result != accounts::SessionStore::UseResult::Ok)
        return invalidGrant(QStringLiteral("The refresh token is invalid"));
    QString scope = use.row.scope;
    if (call.form.hasQueryItem(QStringLiteral("scope"))) {
        // RFC 6749 §6: a narrower scope may be asked for, never a wider one.
        bool ok = false;
        const QStringList requested = splitScope(formValue(call.form, QStringLiteral("scope")), &ok);
        const QStringList granted = use.row.scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (!ok || std::any_of(requested.cbegin(), requested.cend(), [&](const QString& s) {
                return !granted.contains(s);
            }))
            return oauthError(400, QStringLiteral("invalid_scope"),
                              QStringLiteral("The requested scope exceeds the original grant"));
        scope = requested.join(QLatin1Char(' '));
    }
    const auto session = accounts::SessionStore::find(db, use.row.sessionId);
    const auto user = accounts::UserRepository::findById(db, use.row.userId);
    if (!session || session->revokedAt > 0 || session->expiresAt <= now || !user
        || user->isLocked(Clock::nowMs()))
        return invalidGrant(QStringLiteral("The session has ended"));
    const qint64 idleSecs = m_context.config->durationMs(QStringLiteral("session.idle_timeout")) / 1000;
    if (now - session->lastSeenAt > idleSecs) {
        accounts::SessionStore::revoke(db, session->id, QStringLiteral("idle_timeout"));
        return invalidGrant(QStringLiteral("The session timed out"));
    }
    accounts::SessionStore::touch(db, session->id, now);
    tokens::TokenService::Request request;
    request.subject = user->id;
    request.clientId = client.clientId;
    request.sessionId = session->id;
    request.scope = scope;
    const auto issued = m_context.tokens->issue(request);
    if (issued.token.isEmpty())
        return oauthError(503, QStringLiteral("temporarily_unavailable"), QStringLiteral("No signing key"));
    const QString next = accounts::SessionStore::issueRefresh(db, use.row, session->expiresAt - now);
    recordIssued(call, issued.kid, issued.jti, grants::RefreshToken, client.clientId, user->id);
    return tokenResponse(issued, scope, next);
}

QFuture<HttpResponse> OAuthController::introspect(http::HttpRequest& request)
{
    auto decoded = decodeOAuthForm(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    OAuthCall call = oauthCall(request, m_context);
    call.form = std::get<QUrlQuery>(decoded);
    return QtConcurrent::run(m_context.cpuPool, [this, call] {
        RequestIdScope scope(call.requestId);
        QSqlDatabase db = m_context.database->connection();
        auto started
            = startTokenCall(m_context, m_clients, db, call, QStringLiteral("oauth_introspect"), true);
        if (auto* error = std::get_if<HttpResponse>(&started))
            return *error;
        const auto& [client, token] = std::get<TokenCall>(started);
        QJsonObject body {{QStringLiteral("active"), false}};
        if (looksLikeJwt(token)) {
            auto result = core::validateAccessToken(token.toLatin1(), db, m_context);
            if (auto* principal = std::get_if<core::Principal>(&result)) {
                const QJsonObject& claims = principal->claims;
                body = {{QStringLiteral("active"), true},
                        {QStringLiteral("token_type"), QStringLiteral("Bearer")}};
                for (const char* name :
                     {"scope", "client_id", "sub", "exp", "iat", "nbf", "iss", "aud", "jti", "sid"}) {
                    const QString key = QString::fromLatin1(name);
                    if (claims.contains(key))
                        body.insert(key, claims.value(key));
                }
            }
        } else if (const auto refresh = findRefresh(db, token, Clock::nowSecs());
                   refresh && refresh->active && refresh->clientId == client.clientId) {
            body = {{QStringLiteral("active"), true},
                    {QStringLiteral("token_type"), QStringLiteral("refresh_token")},
                    {QStringLiteral("scope"), refresh->scope},
                    {QStringLiteral("client_id"), refresh->clientId},
                    {QStringLiteral("sub"), refresh->userId},
                    {QStringLiteral("iat"), double(refresh->createdAt)},
                    {QStringLiteral("exp"), double(refresh->expiresAt)},
                    {QStringLiteral("iss"), m_context.tokens->issuer()}};
        }
        HttpResponse response = HttpResponse::json(200, body);
        return noStore(response);
    });
}

QFuture<HttpResponse> OAuthController::revoke(http::HttpRequest& request)
{
    auto decoded = decodeOAuthForm(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    OAuthCall call = oauthCall(request, m_context);
    call.form = std::get<QUrlQuery>(decoded);
    return QtConcurrent::run(m_context.cpuPool, [this, call] {
        RequestIdScope scope(call.requestId);
        QSqlDatabase db = m_context.database->connection();
        auto started = startTokenCall(m_context, m_clients, db, call, QStringLiteral("auth"), false);
        if (auto* error = std::get_if<HttpResponse>(&started))
            return *error;
        const auto& [client, token] = std::get<TokenCall>(started);
        // RFC 7009 §2.2: unknown, invalid or foreign tokens still get a 200.
        QJsonObject details {{QStringLiteral("client_id"), client.clientId}};
        QString userId;
        if (looksLikeJwt(token)) {
            const auto validation = m_context.tokens->verify(token.toLatin1());
            if (validation.ok
                && validation.claims.value(QStringLiteral("client_id")).toString() == client.clientId) {
                const QString jti = validation.claims.value(QStringLiteral("jti")).toString();
                m_context.tokens->revokeTokenId(
                    db, jti, qint64(validation.claims.value(QStringLiteral("exp")).toDouble()));
                details.insert(QStringLiteral("jti"), jti);
                details.insert(QStringLiteral("token_type"), QStringLiteral("access_token"));
                if (validation.claims.contains(QStringLiteral("sid")))
                    userId = validation.claims.value(QStringLiteral("sub")).toString();
            }
        } else if (const auto refresh = findRefresh(db, token, Clock::nowSecs());
                   refresh && refresh->clientId == client.clientId) {
            // §2.1: access tokens of the same grant go too (they carry its session).
            const int revoked = accounts::SessionStore::revokeFamily(db, refresh->familyId);
            if (!refresh->sessionId.isEmpty())
                accounts::SessionStore::revoke(db, refresh->sessionId, QStringLiteral("oauth_revocation"));
            details.insert(QStringLiteral("family_id"), refresh->familyId);
            details.insert(QStringLiteral("token_type"), QStringLiteral("refresh_token"));
            details.insert(QStringLiteral("tokens_revoked"), revoked);
            userId = refresh->userId;
        }
        if (details.contains(QStringLiteral("token_type"))) {
            details.insert(QStringLiteral("reason"), QStringLiteral("oauth_revocation"));
            auto event = core::requestEvent(events::TokenRevoked, Severity::Info, call.sourceIp, details);
            event.userId = userId;
            core::recordEvent(event);
        }
        HttpResponse response;
        response.status = 200;
        return noStore(response);
    });
}

QFuture<HttpResponse> OAuthController::userinfo(http::HttpRequest& request)
{
    http::HttpRequest bearer;
    bearer.headers.append({QByteArray("authorization"), request.header("authorization")});
    const QString requestId = request.requestId;
    return m_context.database->run([this, bearer, requestId](QSqlDatabase& db) {
        RequestIdScope scope(requestId);
        auto auth = core::authenticateBearer(bearer, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const core::Principal principal = std::get<core::Principal>(auth);
        if (principal.userId.isEmpty() || !hasScope(principal.scope, QStringLiteral("openid"))) {
            HttpResponse response
                = HttpResponse::error(403, QStringLiteral("insufficient_scope"),
                                      QStringLiteral("A user token with the openid scope is required"));
            response.setHeader(
                "WWW-Authenticate",
                "Bearer realm=\"auth-service\", error=\"insufficient_scope\", scope=\"openid\"");
            return response;
        }
        const auto user = accounts::UserRepository::findById(db, principal.userId);
        if (!user)
            return core::unauthorized(QStringLiteral("The account no longer exists"));
        QJsonObject body {{QStringLiteral("sub"), user->id}};
        if (hasScope(principal.scope, QStringLiteral("email"))) {
            body.insert(QStringLiteral("email"), user->email);
            body.insert(QStringLiteral("email_verified"), false);
        }
        if (hasScope(principal.scope, QStringLiteral("profile")))
            body.insert(QStringLiteral("name"), user->name);
        HttpResponse response = HttpResponse::json(200, body);
        return noStore(response);
    });
}

} // namespace auth::oauth
