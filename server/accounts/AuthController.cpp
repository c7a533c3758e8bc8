#include "accounts/AuthController.h"

#include "accounts/CredentialCheck.h"
#include "accounts/PasswordHasher.h"
#include "accounts/PasswordPolicy.h"
#include "accounts/SessionStore.h"
#include "accounts/UserRepository.h"
#include "core/BearerAuth.h"
#include "core/Clock.h"
#include "core/Events.h"
#include "core/RateLimiter.h"
#include "core/ServiceContext.h"
#include "crypto/Random.h"
#include "http/RequestDecoder.h"
#include "logging/Logger.h"
#include "mfa/MfaService.h"
#include "storage/Database.h"
#include "storage/Transaction.h"
#include "threats/LoginGuard.h"
#include "tokens/TokenService.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QUuid>
#include <QtConcurrent>

namespace auth::accounts {

namespace {

using http::HttpResponse;

// What a pool job needs from the request; the request itself may be gone by then.
struct Call
{
    QString requestId;
    QString sourceIp;
    QString userAgent;
    QHostAddress client;
    QByteArray authorization;
};

Call callOf(const http::HttpRequest& request, const core::ServiceContext& context)
{
    const QHostAddress client = core::clientAddress(request, context.trustedProxies);
    return {request.requestId, client.toString(), QString::fromUtf8(request.header("user-agent").left(256)),
            client, request.header("authorization")};
}

http::HttpRequest bearerRequest(const Call& call)
{
    http::HttpRequest request;
    request.headers.append({QByteArray("authorization"), call.authorization});
    request.peerAddress = call.client; // already resolved through TRUSTED_PROXIES
    return request;
}

HttpResponse storeUnavailable()
{
    return HttpResponse::error(503, QStringLiteral("service_unavailable"),
                               QStringLiteral("The session store is unavailable; try again"));
}

HttpResponse invalidCredentials()
{
    // One answer for unknown users, wrong passwords and locked accounts.
    return HttpResponse::error(401, QStringLiteral("invalid_credentials"),
                               QStringLiteral("Invalid email or password"));
}

QString stringField(const QJsonObject& body, const char* name)
{
    return body.value(QLatin1String(name)).toString();
}

void recordIssued(const tokens::TokenService::Issued& issued, const char* grant, const QString& userId,
                  const QString& sourceIp)
{
    auto event = core::requestEvent(events::JwtGeneration, Severity::Info, sourceIp,
                                    {{QStringLiteral("kid"), issued.kid},
                                     {QStringLiteral("jti"), issued.jti},
                                     {QStringLiteral("grant"), QLatin1String(grant)}});
    event.userId = userId;
    core::recordEvent(event);
}

// The answer of login and refresh: the same fields the console and clients read.
HttpResponse tokenPair(const tokens::TokenService::Issued& issued, const QString& refreshToken,
                       const QString& sessionId, const QString& scope)
{
    return HttpResponse::json(
        200,
        QJsonObject {{QStringLiteral("access_token"), QString::fromLatin1(issued.token)},
                     {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                     {QStringLiteral("expires_in"), double(issued.expiresIn)},
                     {QStringLiteral("refresh_token"), refreshToken},
                     {QStringLiteral("session_id"), sessionId},
                     {QStringLiteral("scope"), scope}});
}

} // namespace

void AuthController::registerRoutes(http::Router& router)
{
    router.add("POST", QStringLiteral("/api/v1/auth/register"),
               [this](http::HttpRequest& r) { return registerUser(r); });
    router.add("POST", QStringLiteral("/api/v1/auth/login"),
               [this](http::HttpRequest& r) { return login(r); });
    router.add("POST", QStringLiteral("/api/v1/auth/refresh"),
               [this](http::HttpRequest& r) { return refresh(r); });
    router.add("POST", QStringLiteral("/api/v1/auth/logout"),
               [this](http::HttpRequest& r) { return logout(r, false); });
    router.add("POST", QStringLiteral("/api/v1/auth/logout-all"),
               [this](http::HttpRequest& r) { return logout(r, true); });
    router.add("GET", QStringLiteral("/api/v1/auth/me"), [this](http::HttpRequest& r) { return me(r); });
    router.add("GET", QStringLiteral("/api/v1/auth/sessions"),
               [this](http::HttpRequest& r) { return sessions(r); });
    router.add("POST", QStringLiteral("/api/v1/auth/password"),
               [this](http::HttpRequest& r) { return changePassword(r); });
    m_context.features[QStringLiteral("user_registration")] = true;
    m_context.features[QStringLiteral("jwt_authentication")] = true;
    m_context.features[QStringLiteral("session_management")] = true;
}

QFuture<HttpResponse> AuthController::registerUser(http::HttpRequest& request)
{
    auto decoded = http::decodeJsonObject(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    const QJsonObject body = std::get<QJsonObject>(decoded);
    const auto email = normalizeEmail(stringField(body, "email"));
    const auto name = normalizeName(stringField(body, "name"));
    const QString password = stringField(body, "password");
    if (!email)
        return http::ready(HttpResponse::error(422, QStringLiteral("invalid_email"),
                                               QStringLiteral("A valid e-mail address is required")));
    if (!name)
        return http::ready(
            HttpResponse::error(422, QStringLiteral("invalid_name"),
                                QStringLiteral("A name of 1 to 100 printable characters is required")));
    if (!body.value(QStringLiteral("password")).isString())
        return http::ready(HttpResponse::error(422, QStringLiteral("invalid_password"),
                                               QStringLiteral("A password is required")));
    const Call call = callOf(request, m_context);
    return QtConcurrent::run(m_context.cpuPool, [this, call, email = *email, name = *name, password] {
        RequestIdScope scope(call.requestId);
        if (auto limited = m_context.rateLimiter->check(call.client))
            return *limited;
        const PasswordCheck check = m_context.passwordPolicy->check(password, email, name);
        if (!check.ok)
            return HttpResponse::error(422, check.error, check.description);
        User user;
        user.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        user.email = email;
        user.name = name;
        user.passwordHash = m_context.hasher->hash(password);
        user.passwordStrength = check.strength;
        user.createdAt = Clock::nowSecs();
        QSqlDatabase db = m_context.database->connection();
        switch (UserRepository::create(db, user)) {
        case UserRepository::CreateResult::DuplicateEmail:
            return HttpResponse::error(409, QStringLiteral("email_taken"),
                                       QStringLiteral("An account with this e-mail address already exists"));
        case UserRepository::CreateResult::Failed:
            return HttpResponse::error(503, QStringLiteral("service_unavailable"),
                                       QStringLiteral("The account store is unavailable; try again"));
        case UserRepository::CreateResult::Created:
            break;
        }
        auto event = core::requestEvent(events::AccountCreated, Severity::Info, call.sourceIp);
        event.userId = user.id;
        core::recordEvent(event);
        return HttpResponse::json(201, user.toJson(Clock::nowMs()));
    });
}

QFuture<HttpResponse> AuthController::login(http::HttpRequest& request)
{
    auto decoded = http::decodeJsonObject(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    const QJsonObject body = std::get<QJsonObject>(decoded);
    if (!body.value(QStringLiteral("email")).isString() || !body.value(QStringLiteral("password")).isString())
        return http::ready(HttpResponse::error(400, QStringLiteral("invalid_request"),
                                               QStringLiteral("email and password are required strings")));
    const QString email = stringField(body, "email");
    const QString password = stringField(body, "password");
    const Call call = callOf(request, m_context);
    return QtConcurrent::run(m_context.cpuPool, [this, call, email, password] {
        RequestIdScope scope(call.requestId);
        if (auto limited = m_context.rateLimiter->check(call.client))
            return *limited;
        threats::LoginGuard guard(m_context, call.client, call.userAgent, email, password);
        if (auto blocked = guard.precheck())
            return *blocked;
        QSqlDatabase db = m_context.database->connection();
        const auto user = checkCredentials(db, m_context, email, password, call.sourceIp);
        if (!user) {
            guard.failed();
            return invalidCredentials();
        }
        if (auto blocked = guard.succeeded(db, *user))
            return *blocked;
        // A user with MFA (or whom policy requires it) gets a challenge, not tokens.
        if (m_context.mfa) {
            if (auto challenge = m_context.mfa->beginLogin(db, *user, call.sourceIp, call.userAgent))
                return *challenge;
        }
        const qint64 refreshTtl
            = m_context.config->durationMs(QStringLiteral("jwt.refresh_token_ttl")) / 1000;
        // The session and its refresh token are stored together or not at all.
        storage::Transaction transaction(db);
        if (!transaction.active())
            return storeUnavailable();
        const auto session
            = SessionStore::create(db, user->id, {}, call.sourceIp, call.userAgent, false, refreshTtl);
        if (!session)
            return HttpResponse::error(503, QStringLiteral("service_unavailable"),
                                       QStringLiteral("Cannot create a session"));
        guard.sessionStarted(session->id);
        tokens::TokenService::Request tokenRequest;
        tokenRequest.subject = user->id;
        tokenRequest.sessionId = session->id;
        tokenRequest.scope = QStringLiteral("openid profile email");
        tokenRequest.extra = {{QStringLiteral("roles"), QJsonArray::fromStringList(user->roles)},
                              {QStringLiteral("mfa"), false}};
        const auto issued = m_context.tokens->issue(tokenRequest);
        RefreshToken row;
        row.sessionId = session->id;
        row.userId = user->id;
        row.scope = tokenRequest.scope;
        const QString refreshToken = SessionStore::issueRefresh(db, row, refreshTtl);
        if (refreshToken.isEmpty() || !transaction.commit())
            return storeUnavailable();
        auto success = core::requestEvent(
            events::AuthenticationSuccess, Severity::Info, call.sourceIp,
            {{QStringLiteral("session_id"), session->id},
             {QStringLiteral("user_agent"), call.userAgent},
             {QStringLiteral("risk_score"), guard.assessment().score},
             {QStringLiteral("risk_reasons"), QJsonArray::fromStringList(guard.assessment().reasons)}});
        success.userId = user->id;
        core::recordEvent(success);
        recordIssued(issued, "password", user->id, call.sourceIp);
        return tokenPair(issued, refreshToken, session->id, tokenRequest.scope);
    });
}

QFuture<HttpResponse> AuthController::refresh(http::HttpRequest& request)
{
    auto decoded = http::decodeJsonObject(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    const QJsonObject body = std::get<QJsonObject>(decoded);
    if (!body.value(QStringLiteral("refresh_token")).isString())
        return http::ready(HttpResponse::error(400, QStringLiteral("invalid_request"),
                                               QStringLiteral("refresh_token is required")));
    const QString token = stringField(body, "refresh_token");
    const Call call = callOf(request, m_context);
    return QtConcurrent::run(m_context.cpuPool, [this, call, token] {
        RequestIdScope scope(call.requestId);
        if (auto limited = m_context.rateLimiter->check(call.client))
            return *limited;
        QSqlDatabase db = m_context.database->connection();
        const qint64 now = Clock::nowSecs();
        // Marking the token used and storing its successor are one write: if the
        // successor cannot be stored, the presented token stays usable for a retry.
        storage::Transaction transaction(db);
        if (!transaction.active())
            return storeUnavailable();
        const SessionStore::Use use = SessionStore::use(db, token, now);
        if (use.result == SessionStore::UseResult::Reused) {
            // RFC 9700 §4.14.2: a used token again means one of the two holders
            // is not the user; revoke everything that descends from it.
            const int revoked = SessionStore::revokeFamily(db, use.row.familyId);
            if (!use.row.sessionId.isEmpty())
                SessionStore::revoke(db, use.row.sessionId, QStringLiteral("refresh_token_reuse"));
            transaction.commit();
            auto event = core::requestEvent(events::RefreshTokenReuse, Severity::High, call.sourceIp,
                                            {{QStringLiteral("family_id"), use.row.familyId},
                                             {QStringLiteral("session_id"), use.row.sessionId},
                                             {QStringLiteral("tokens_revoked"), revoked}});
            event.userId = use.row.userId;
            core::recordEvent(event);
            return HttpResponse::error(401, QStringLiteral("invalid_grant"),
                                       QStringLiteral("The refresh token is invalid"));
        }
        if (use.result != SessionStore::UseResult::Ok)
            return HttpResponse::error(401, QStringLiteral("invalid_grant"),
                                       QStringLiteral("The refresh token is invalid"));
        const auto session = SessionStore::find(db, use.row.sessionId);
        const auto user = UserRepository::findById(db, use.row.userId);
        if (!session || session->revokedAt > 0 || session->expiresAt <= now || !user
            || user->isLocked(Clock::nowMs()))
            return HttpResponse::error(401, QStringLiteral("invalid_grant"),
                                       QStringLiteral("The session has ended"));
        const qint64 idleSecs = m_context.config->durationMs(QStringLiteral("session.idle_timeout")) / 1000;
        if (now - session->lastSeenAt > idleSecs) {
            SessionStore::revoke(db, session->id, QStringLiteral("idle_timeout"));
            transaction.commit();
            return HttpResponse::error(401, QStringLiteral("invalid_grant"),
                                       QStringLiteral("The session timed out"));
        }
        SessionStore::touch(db, session->id, now);
        threats::watchTokenUse(m_context, session->id, user->id, call.client, "refresh_token");
        tokens::TokenService::Request tokenRequest;
        tokenRequest.subject = user->id;
        tokenRequest.sessionId = session->id;
        tokenRequest.scope = use.row.scope;
        tokenRequest.extra = {{QStringLiteral("roles"), QJsonArray::fromStringList(user->roles)},
                              {QStringLiteral("mfa"), session->mfaVerified}};
        const auto issued = m_context.tokens->issue(tokenRequest);
        const QString next = SessionStore::issueRefresh(db, use.row, session->expiresAt - now);
        if (next.isEmpty() || !transaction.commit())
            return storeUnavailable();
        recordIssued(issued, "refresh_token", user->id, call.sourceIp);
        return tokenPair(issued, next, session->id, use.row.scope);
    });
}

QFuture<HttpResponse> AuthController::logout(http::HttpRequest& request, bool everywhere)
{
    const Call call = callOf(request, m_context);
    return m_context.database->run([this, call, everywhere](QSqlDatabase& db) {
        RequestIdScope scope(call.requestId);
        auto auth = core::authenticateBearer(bearerRequest(call), db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const core::Principal principal = std::get<core::Principal>(auth);
        if (principal.userId.isEmpty())
            return HttpResponse::error(403, QStringLiteral("forbidden"),
                                       QStringLiteral("Only user sessions can log out"));
        int revoked = 0;
        if (everywhere) {
            revoked
                = SessionStore::revokeForUser(db, principal.userId, QString(), QStringLiteral("logout_all"));
        } else {
            revoked = SessionStore::revoke(db, principal.sessionId, QStringLiteral("logout")) ? 1 : 0;
        }
        auto event = core::requestEvent(
            events::TokenRevoked, Severity::Info, call.sourceIp,
            {{QStringLiteral("reason"), everywhere ? QStringLiteral("logout_all") : QStringLiteral("logout")},
             {QStringLiteral("sessions_revoked"), revoked}});
        event.userId = principal.userId;
        core::recordEvent(event);
        HttpResponse response;
        response.status = 204;
        return response;
    });
}

QFuture<HttpResponse> AuthController::me(http::HttpRequest& request)
{
    const Call call = callOf(request, m_context);
    return m_context.database->run([this, call](QSqlDatabase& db) {
        RequestIdScope scope(call.requestId);
        auto auth = core::authenticateBearer(bearerRequest(call), db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const core::Principal principal = std::get<core::Principal>(auth);
        if (principal.userId.isEmpty())
            return HttpResponse::error(403, QStringLiteral("forbidden"),
                                       QStringLiteral("This token does not belong to a user"));
        const auto user = UserRepository::findById(db, principal.userId);
        if (!user)
            return core::unauthorized(QStringLiteral("The account no longer exists"));
        QJsonObject body = user->toJson(Clock::nowMs());
        body.insert(QStringLiteral("session_id"), principal.sessionId);
        return HttpResponse::json(200, body);
    });
}

QFuture<HttpResponse> AuthController::sessions(http::HttpRequest& request)
{
    const Call call = callOf(request, m_context);
    return m_context.database->run([this, call](QSqlDatabase& db) {
        RequestIdScope scope(call.requestId);
        auto auth = core::authenticateBearer(bearerRequest(call), db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const core::Principal principal = std::get<core::Principal>(auth);
        QJsonArray list;
        for (const Session& session : SessionStore::forUser(db, principal.userId, true)) {
            QJsonObject item = session.toJson();
            item.insert(QStringLiteral("current"), session.id == principal.sessionId);
            list.append(item);
        }
        return HttpResponse::json(200, QJsonObject {{QStringLiteral("sessions"), list}});
    });
}

QFuture<HttpResponse> AuthController::changePassword(http::HttpRequest& request)
{
    auto decoded = http::decodeJsonObject(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    const QJsonObject body = std::get<QJsonObject>(decoded);
    if (!body.value(QStringLiteral("current_password")).isString()
        || !body.value(QStringLiteral("new_password")).isString())
        return http::ready(
            HttpResponse::error(400, QStringLiteral("invalid_request"),
                                QStringLiteral("current_password and new_password are required")));
    const QString current = stringField(body, "current_password");
    const QString next = stringField(body, "new_password");
    const Call call = callOf(request, m_context);
    return QtConcurrent::run(m_context.cpuPool, [this, call, current, next] {
        RequestIdScope scope(call.requestId);
        if (auto limited = m_context.rateLimiter->check(call.client))
            return *limited;
        QSqlDatabase db = m_context.database->connection();
        auto auth = core::authenticateBearer(bearerRequest(call), db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const core::Principal principal = std::get<core::Principal>(auth);
        const auto user = UserRepository::findById(db, principal.userId);
        if (!user)
            return core::unauthorized(QStringLiteral("The account no longer exists"));
        if (!m_context.hasher->verify(user->passwordHash, current))
            return HttpResponse::error(403, QStringLiteral("invalid_credentials"),
                                       QStringLiteral("The current password is wrong"));
        const PasswordCheck check = m_context.passwordPolicy->check(next, user->email, user->name);
        if (!check.ok)
            return HttpResponse::error(422, check.error, check.description);
        if (!UserRepository::setPassword(db, user->id, m_context.hasher->hash(next), check.strength,
                                         Clock::nowSecs()))
            return HttpResponse::error(503, QStringLiteral("service_unavailable"),
                                       QStringLiteral("Cannot store the password"));
        // Everybody else holding this account's sessions is signed out.
        const int revoked = SessionStore::revokeForUser(db, user->id, principal.sessionId,
                                                        QStringLiteral("password_changed"));
        auto event = core::requestEvent(events::PasswordChanged, Severity::Info, call.sourceIp,
                                        {{QStringLiteral("other_sessions_revoked"), revoked}});
        event.userId = user->id;
        core::recordEvent(event);
        HttpResponse response;
        response.status = 204;
        return response;
    });
}

} // namespace auth::accounts
