#include "oauth/AuthorizeController.h"

#include "accounts/CredentialCheck.h"
#include "accounts/SessionStore.h"
#include "core/Clock.h"
#include "core/Events.h"
#include "core/RateLimiter.h"
#include "core/ServiceContext.h"
#include "crypto/Digest.h"
#include "crypto/Random.h"
#include "http/RequestDecoder.h"
#include "logging/Logger.h"
#include "mfa/MfaService.h"
#include "oauth/AuthorizationCodes.h"
#include "oauth/AuthorizePages.h"
#include "oauth/ClientAuthenticator.h"
#include "oauth/ClientRepository.h"
#include "storage/Database.h"
#include "threats/LoginGuard.h"
#include "tokens/TokenService.h"

#include <QUrl>
#include <QtConcurrent>

namespace auth::oauth {

namespace {

using http::HttpResponse;

const QByteArray CsrfCookie = "__Host-auth_csrf";

// The authorization request, as parameters (query of GET, form of POST).
struct AuthorizeRequest
{
    QString clientId;
    QString redirectUri;
    QString responseType;
    QString scope;
    QString state;
    QString nonce;
    QString codeChallenge;
    QString codeChallengeMethod;

    static AuthorizeRequest from(const QUrlQuery& q)
    {
        return {formValue(q, QStringLiteral("client_id")),
                formValue(q, QStringLiteral("redirect_uri")),
                formValue(q, QStringLiteral("response_type")),
                formValue(q, QStringLiteral("scope")),
                formValue(q, QStringLiteral("state")),
                formValue(q, QStringLiteral("nonce")),
                formValue(q, QStringLiteral("code_challenge")),
                formValue(q, QStringLiteral("code_challenge_method"))};
    }
    QList<std::pair<QString, QString>> fields() const
    {
        return {{QStringLiteral("client_id"), clientId},
                {QStringLiteral("redirect_uri"), redirectUri},
                {QStringLiteral("response_type"), responseType},
                {QStringLiteral("scope"), scope},
                {QStringLiteral("state"), state},
                {QStringLiteral("nonce"), nonce},
                {QStringLiteral("code_challenge"), codeChallenge},
                {QStringLiteral("code_challenge_method"), codeChallengeMethod}};
    }
};

// The outcome of checking an authorization request: a page that must not
// redirect, a redirect carrying an error, or a valid request.
struct Checked
{
    std::optional<HttpResponse> response;
    OAuthClient client;
    QString scope; // normalised
};

// redirect_uri with `params` appended to its query (RFC 6749 §4.1.2).
QByteArray redirectTarget(const QString& redirectUri, const QList<std::pair<QString, QString>>& params)
{
    QByteArray target = QUrl(redirectUri).toEncoded();
    char separator = target.contains('?') ? '&' : '?';
    for (const auto& [name, value] : params) {
        if (value.isEmpty())
            continue;
        target += separator + QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
        separator = '&';
    }
    return target;
}

HttpResponse redirect(const QByteArray& location)
{
    HttpResponse response;
    response.status = 302;
    response.setHeader("Location", location);
    response.setHeader("Cache-Control", "no-store");
    return response;
}

HttpResponse redirectError(const AuthorizeRequest& request, const QString& issuer, const QString& error,
                           const QString& description)
{
    return redirect(redirectTarget(request.redirectUri,
                                   {{QStringLiteral("error"), error},
                                    {QStringLiteral("error_description"), description},
                                    {QStringLiteral("state"), request.state},
                                    {QStringLiteral("iss"), issuer}}));
}

QString originOf(const QString& uri)
{
    const QUrl url(uri);
    QString origin = url.scheme() + QStringLiteral("://") + url.host(QUrl::FullyEncoded);
    if (url.port() > 0)
        origin += QLatin1Char(':') + QString::number(url.port());
    return origin;
}

Checked check(const AuthorizeRequest& request, ClientRepository& clients, QSqlDatabase& db,
              const QString& issuer)
{
    Checked checked;
    const auto client = request.clientId.isEmpty() ? std::nullopt : clients.find(db, request.clientId);
    if (!client || client->disabled) {
        checked.response = AuthorizePages::error(400, QStringLiteral("Unknown application"),
                                                 QStringLiteral("The application that sent you here is not "
                                                                "registered with this server."),
                                                 QStringLiteral("invalid_client"));
        return checked;
    }
    // Exact string comparison (RFC 9700 §4.1.3): no prefix or pattern matching.
    if (request.redirectUri.isEmpty() || !client->redirectUris.contains(request.redirectUri)) {
        checked.response = AuthorizePages::error(
            400, QStringLiteral("Invalid redirect address"),
            QStringLiteral("The application asked to return you to an address it has not registered, so you "
                           "are not sent anywhere."),
            QStringLiteral("invalid_redirect_uri"));
        return checked;
    }
    checked.client = *client;
    auto fail = [&](const QString& error, const QString& description) {
        checked.response = redirectError(request, issuer, error, description);
        return checked;
    };
    if (request.responseType != QLatin1String("code"))
        return fail(QStringLiteral("unsupported_response_type"),
                    QStringLiteral("response_type must be code"));
    if (!client->allowsGrant(grants::AuthorizationCode))
        return fail(QStringLiteral("unauthorized_client"),
                    QStringLiteral("This client may not use the authorization code grant"));
    if (request.state.size() > 1024 || request.nonce.size() > 512)
        return fail(QStringLiteral("invalid_request"), QStringLiteral("state or nonce is too long"));
    if (!request.codeChallenge.isEmpty() || !request.codeChallengeMethod.isEmpty()) {
        if (request.codeChallengeMethod != QLatin1String("S256"))
            return fail(QStringLiteral("invalid_request"),
                        QStringLiteral("code_challenge_method must be S256"));
        if (!AuthorizationCodes::isValidChallenge(request.codeChallenge))
            return fail(QStringLiteral("invalid_request"), QStringLiteral("code_challenge is malformed"));
    } else if (!client->confidential) {
        return fail(QStringLiteral("invalid_request"), QStringLiteral("Public clients must use PKCE (S256)"));
    }
    bool ok = false;
    const QStringList scopes = splitScope(request.scope, &ok);
    if (!ok || !client->allowsScope(request.scope))
        return fail(QStringLiteral("invalid_scope"),
                    QStringLiteral("The requested scope exceeds what this client may ask for"));
    checked.scope = scopes.join(QLatin1Char(' '));
    return checked;
}

QByteArray cookieValue(const QByteArray& header, const QByteArray& name)
{
    for (const QByteArray& part : header.split(';')) {
        const QByteArray item = part.trimmed();
        if (item.startsWith(name + '='))
            return item.mid(name.size() + 1);
    }
    return {};
}

HttpResponse loginPage(int status, const AuthorizeRequest& request, const Checked& checked,
                       const QString& error, const QString& email)
{
    const QString csrf = crypto::randomToken(32);
    AuthorizePages::Login page;
    page.clientName = checked.client.name;
    page.error = error;
    page.email = email;
    page.csrfToken = csrf;
    page.hiddenFields = request.fields();
    page.redirectOrigin = originOf(request.redirectUri);
    HttpResponse response = AuthorizePages::login(status, page);
    response.setHeader("Set-Cookie",
                       CsrfCookie + '=' + csrf.toLatin1()
                           + "; Path=/; Max-Age=900; Secure; HttpOnly; SameSite=Strict");
    return response;
}

} // namespace

void AuthorizeController::registerRoutes(http::Router& router)
{
    router.add("GET", QStringLiteral("/oauth/authorize"), [this](http::HttpRequest& r) { return show(r); });
    router.add("POST", QStringLiteral("/oauth/authorize"),
               [this](http::HttpRequest& r) { return submit(r); });
}

QFuture<HttpResponse> AuthorizeController::show(http::HttpRequest& request)
{
    const AuthorizeRequest authorize = AuthorizeRequest::from(request.query());
    const QString requestId = request.requestId;
    const QString issuer = m_context.tokens->issuer();
    return m_context.database->run([this, authorize, requestId, issuer](QSqlDatabase& db) {
        RequestIdScope scope(requestId);
        const Checked checked = check(authorize, m_clients, db, issuer);
        if (checked.response)
            return *checked.response;
        return loginPage(200, authorize, checked, {}, {});
    });
}

QFuture<HttpResponse> AuthorizeController::submit(http::HttpRequest& request)
{
    auto decoded = http::decodeForm(request);
    if (std::holds_alternative<HttpResponse>(decoded))
        return http::ready(AuthorizePages::error(400, QStringLiteral("Invalid request"),
                                                 QStringLiteral("The sign-in form was not sent correctly."),
                                                 QStringLiteral("invalid_request")));
    OAuthCall call = oauthCall(request, m_context);
    call.form = std::get<QUrlQuery>(decoded);
    const QString issuer = m_context.tokens->issuer();
    return QtConcurrent::run(m_context.cpuPool, [this, call, issuer] {
        RequestIdScope scope(call.requestId);
        if (auto limited = m_context.rateLimiter->check(call.client))
            return *limited;
        const AuthorizeRequest authorize = AuthorizeRequest::from(call.form);
        QSqlDatabase db = m_context.database->connection();
        const Checked checked = check(authorize, m_clients, db, issuer);
        if (checked.response)
            return *checked.response;
        const QString email = formValue(call.form, QStringLiteral("email")).left(320);
        // Double-submit: the field must equal the cookie this page set.
        const QByteArray cookie = cookieValue(call.cookie, CsrfCookie);
        const QByteArray field = formValue(call.form, QStringLiteral("csrf_token")).toLatin1();
        if (cookie.size() < 32 || !crypto::constantTimeEquals(cookie, field))
            return loginPage(
                403, authorize, checked,
                QStringLiteral("The sign-in form expired or did not come from this site. Try again."), email);
        if (formValue(call.form, QStringLiteral("action")) == QLatin1String("cancel"))
            return redirectError(authorize, issuer, QStringLiteral("access_denied"),
                                 QStringLiteral("The user cancelled the sign-in"));
        const QString password = formValue(call.form, QStringLiteral("password"));
        threats::LoginGuard guard(m_context, call.client, call.userAgent, email, password);
        if (auto blocked = guard.precheck())
            return loginPage(403, authorize, checked, QStringLiteral("Sign-in from this address is blocked."),
                             email);
        const auto user = accounts::checkCredentials(db, m_context, email, password, call.sourceIp);
        if (!user) {
            guard.failed();
            return loginPage(200, authorize, checked, QStringLiteral("Invalid email or password."), email);
        }
        if (auto blocked = guard.succeeded(db, *user))
            return loginPage(403, authorize, checked, QStringLiteral("Sign-in from this address is blocked."),
                             email);
        if (user->mfaRequired || (m_context.mfa && m_context.mfa->needsSecondFactor(db, *user)))
            return AuthorizePages::error(
                403, QStringLiteral("Multi-factor sign-in required"),
                QStringLiteral("This account needs a second factor, which this sign-in "
                               "page does not offer yet. Sign in through the application "
                               "instead."),
                QStringLiteral("mfa_required"));
        const qint64 now = Clock::nowSecs();
        const qint64 lifetime = m_context.config->durationMs(QStringLiteral("jwt.refresh_token_ttl")) / 1000;
        const auto session = accounts::SessionStore::create(db, user->id, checked.client.clientId,
                                                            call.sourceIp, {}, false, lifetime);
        if (session)
            guard.sessionStarted(session->id);
        AuthorizationCode row;
        row.clientId = checked.client.clientId;
        row.userId = user->id;
        row.redirectUri = authorize.redirectUri;
        row.scope = checked.scope;
        row.nonce = authorize.nonce;
        row.codeChallenge = authorize.codeChallenge;
        if (session)
            row.sessionId = session->id;
        const QString code = session ? AuthorizationCodes::issue(db, row, now) : QString();
        if (code.isEmpty())
            return redirectError(authorize, issuer, QStringLiteral("temporarily_unavailable"),
                                 QStringLiteral("The sign-in could not be completed; try again"));
        auto event = core::requestEvent(events::AuthenticationSuccess, Severity::Info, call.sourceIp,
                                        {{QStringLiteral("session_id"), row.sessionId},
                                         {QStringLiteral("client_id"), row.clientId},
                                         {QStringLiteral("flow"), QStringLiteral("authorization_code")}});
        event.userId = user->id;
        core::recordEvent(event);
        HttpResponse response = redirect(redirectTarget(authorize.redirectUri,
                                                        {{QStringLiteral("code"), code},
                                                         {QStringLiteral("state"), authorize.state},
                                                         {QStringLiteral("iss"), issuer}}));
        // The CSRF token is spent.
        response.setHeader("Set-Cookie",
                           CsrfCookie + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict");
        return response;
    });
}

} // namespace auth::oauth
