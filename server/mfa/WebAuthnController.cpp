#include "mfa/WebAuthnController.h"

#include "core/Clock.h"
#include "core/Events.h"
#include "core/RateLimiter.h"
#include "core/ServiceContext.h"
#include "crypto/Base64Url.h"
#include "http/RequestDecoder.h"
#include "logging/Logger.h"
#include "mfa/BoundChallenges.h"
#include "mfa/MfaHttp.h"
#include "mfa/MfaService.h"
#include "mfa/WebAuthnMethod.h"
#include "mfa/webauthn/WebAuthnJson.h"
#include "mfa/webauthn/WebAuthnVerifier.h"
#include "storage/Database.h"

#include <algorithm>

namespace auth::mfa {

using http::HttpResponse;
using namespace http_support;

namespace {

constexpr qsizetype MaxLabelChars = 64;

QStringList transportsOf(const QJsonObject& credential)
{
    static const QStringList known {QStringLiteral("usb"), QStringLiteral("nfc"), QStringLiteral("ble"),
                                    QStringLiteral("internal"), QStringLiteral("hybrid")};
    QStringList transports;
    const QJsonValue list
        = credential.value(QStringLiteral("response")).toObject().value(QStringLiteral("transports"));
    for (const QJsonValue& item : list.toArray()) {
        if (known.contains(item.toString()) && !transports.contains(item.toString()))
            transports.append(item.toString());
    }
    return transports;
}

HttpResponse rejected(const webauthn::VerifyError& error)
{
    return HttpResponse::error(400, QStringLiteral("webauthn_rejected"),
                               QStringLiteral("The authenticator's answer was refused (%1)").arg(error.code));
}

} // namespace

WebAuthnController::WebAuthnController(core::ServiceContext& context)
    : m_context(context)
{
    auto method = std::make_unique<WebAuthnMethod>(context);
    m_method = method.get();
    m_context.mfa->addMethod(std::move(method));
}

void WebAuthnController::registerRoutes(http::Router& router)
{
    router.add("POST", QStringLiteral("/api/v1/mfa/webauthn/register/options"),
               [this](http::HttpRequest& r) { return registrationOptions(r); });
    router.add("POST", QStringLiteral("/api/v1/mfa/webauthn/register/verify"),
               [this](http::HttpRequest& r) { return registrationVerify(r); });
    router.add("POST", QStringLiteral("/api/v1/mfa/webauthn/options"),
               [this](http::HttpRequest& r) { return assertionOptions(r); });
    router.add("DELETE", QStringLiteral("/api/v1/mfa/webauthn/{credential_id}"),
               [this](http::HttpRequest& r) { return removeCredential(r); });
}

QFuture<HttpResponse> WebAuthnController::registrationOptions(http::HttpRequest& request)
{
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto account = userAccount(db, call, m_context);
        if (auto* error = std::get_if<HttpResponse>(&account))
            return *error;
        const auto& [principal, user] = std::get<UserAccount>(account);
        // Adding a factor to an account that has one needs that one, freshly.
        if (auto denied = m_context.mfa->requireStepUp(db, principal))
            return *denied;
        const WebAuthnMethod::RelyingParty rp = m_method->relyingParty(call.request.header("host"));
        if (rp.id.isEmpty() || rp.origins.isEmpty())
            return HttpResponse::error(503, QStringLiteral("webauthn_not_configured"),
                                       QStringLiteral("Set MFA_WEBAUTHN_RP_ID and MFA_WEBAUTHN_ORIGINS"));
        webauthn::CreationOptionsInput input;
        input.rpId = rp.id;
        input.rpName = rp.name;
        input.userHandle = user.id.toUtf8();
        input.userName = user.email;
        input.userDisplayName = user.name.isEmpty() ? user.email : user.name;
        input.challenge = webauthn::newChallenge();
        for (const auto& credential : WebAuthnMethod::credentials(db, user.id))
            input.excludeCredentialIds.append(credential.id);
        input.timeoutMs = int(WebAuthnMethod::ChallengeTtlSecs * 1000);
        if (!BoundChallenges::put(db, WebAuthnMethod::registrationKey(principal.sessionId), user.id,
                                  QStringLiteral("webauthn_register"),
                                  WebAuthnMethod::binding(input.challenge, rp),
                                  WebAuthnMethod::ChallengeTtlSecs, Clock::nowSecs()))
            return unavailable();
        return HttpResponse::json(
            200, QJsonObject {{QStringLiteral("publicKey"), webauthn::creationOptions(input)}});
    });
}

QFuture<HttpResponse> WebAuthnController::registrationVerify(http::HttpRequest& request)
{
    auto decoded = http::decodeJsonObject(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    const QJsonObject body = std::get<QJsonObject>(decoded);
    if (!body.value(QStringLiteral("credential")).isObject())
        return http::ready(
            invalidRequest(QStringLiteral("credential must be the PublicKeyCredential as JSON")));
    if (auto error = checkString(body, "label", MaxLabelChars, false))
        return http::ready(*error);
    const QJsonObject credentialJson = body.value(QStringLiteral("credential")).toObject();
    webauthn::VerifyError parseError;
    const auto response = webauthn::parseRegistrationResponse(credentialJson, &parseError);
    if (!response)
        return http::ready(HttpResponse::error(400, QStringLiteral("invalid_credential"),
                                               QStringLiteral("credential: %1").arg(parseError.message)));
    QString label = body.value(QStringLiteral("label")).toString().trimmed();
    for (const QChar c : label) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return http::ready(invalidRequest(QStringLiteral("label must not contain control characters")));
    }
    if (label.isEmpty())
        label = QStringLiteral("Security key");
    const QString transports = transportsOf(credentialJson).join(QLatin1Char(','));
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call, response = *response, label, transports](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = userPrincipal(db, call, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const core::Principal principal = std::get<core::Principal>(auth);
        const qint64 now = Clock::nowSecs();
        const auto bound
            = BoundChallenges::take(db, WebAuthnMethod::registrationKey(principal.sessionId), now);
        const auto expected = bound ? WebAuthnMethod::parseBinding(*bound) : std::nullopt;
        if (!expected)
            return HttpResponse::error(409, QStringLiteral("no_registration_pending"),
                                       QStringLiteral("No registration is waiting for this session (or it "
                                                      "expired): call register/options first"));
        const webauthn::RegistrationResult result = webauthn::verifyRegistration(*expected, response);
        if (!result.ok()) {
            m_context.mfa->recordEvent(events::MfaVerification, Severity::Low, principal.userId,
                                       call.sourceIp,
                                       {{QStringLiteral("method"), QStringLiteral("webauthn")},
                                        {QStringLiteral("purpose"), QStringLiteral("enrollment")},
                                        {QStringLiteral("result"), QStringLiteral("failure")},
                                        {QStringLiteral("reason"), result.error.code}});
            return rejected(result.error);
        }
        if (WebAuthnMethod::credentialExists(db, result.credential->credentialId))
            return HttpResponse::error(409, QStringLiteral("credential_exists"),
                                       QStringLiteral("This authenticator is already registered"));
        if (!WebAuthnMethod::store(db, principal.userId, label, *result.credential, transports, now))
            return HttpResponse::error(409, QStringLiteral("credential_exists"),
                                       QStringLiteral("This authenticator could not be registered (already "
                                                      "registered, or the store is unavailable)"));
        const QString credentialId
            = QString::fromLatin1(crypto::base64UrlEncode(result.credential->credentialId));
        m_context.mfa->recordEvent(events::MfaEnrolled, Severity::Medium, principal.userId, call.sourceIp,
                                   {{QStringLiteral("method"), QStringLiteral("webauthn")},
                                    {QStringLiteral("credential_id"), credentialId},
                                    {QStringLiteral("attestation"), result.credential->attestationFormat}});
        QJsonObject answer {{QStringLiteral("method"), QStringLiteral("webauthn")},
                            {QStringLiteral("credential_id"), credentialId},
                            {QStringLiteral("label"), label},
                            {QStringLiteral("confirmed"), true}};
        m_context.mfa->addBackupCodesIfNone(db, principal.userId, call.sourceIp, answer);
        return HttpResponse::json(201, answer);
    });
}

QFuture<HttpResponse> WebAuthnController::removeCredential(http::HttpRequest& request)
{
    const auto credentialId
        = crypto::base64UrlDecode(request.pathParam(QStringLiteral("credential_id")).toLatin1());
    if (!credentialId || credentialId->isEmpty() || credentialId->size() > webauthn::limits::CredentialId)
        return http::ready(
            invalidRequest(QStringLiteral("credential_id must be the base64url credential id")));
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call, id = *credentialId](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto account = userAccount(db, call, m_context);
        if (auto* error = std::get_if<HttpResponse>(&account))
            return *error;
        const auto& [principal, user] = std::get<UserAccount>(account);
        const auto credentials = WebAuthnMethod::credentials(db, principal.userId);
        const bool owned = std::any_of(credentials.cbegin(), credentials.cend(),
                                       [&id](const WebAuthnMethod::Credential& c) { return c.id == id; });
        if (!owned)
            return HttpResponse::error(404, QStringLiteral("not_enrolled"),
                                       QStringLiteral("No such security key on this account"));
        if (auto denied = m_context.mfa->requireStepUp(db, principal))
            return *denied;
        if (auto refused
            = m_context.mfa->refuseRemoval(db, user, m_method->name(), int(credentials.size()) - 1))
            return *refused;
        if (!WebAuthnMethod::removeCredential(db, user.id, id))
            return unavailable();
        m_context.mfa->recordRemoval(
            db, user.id, call.sourceIp,
            {{QStringLiteral("method"), QStringLiteral("webauthn")},
             {QStringLiteral("credential_id"), QString::fromLatin1(crypto::base64UrlEncode(id))}});
        HttpResponse response;
        response.status = 204;
        return response;
    });
}

QFuture<HttpResponse> WebAuthnController::assertionOptions(http::HttpRequest& request)
{
    auto decoded = optionalJson(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    const QJsonObject body = std::get<QJsonObject>(decoded);
    if (auto error = checkString(body, "mfa_token", MaxTokenChars, false))
        return http::ready(*error);
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call, body](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        if (auto limited = m_context.rateLimiter->check(QHostAddress(call.sourceIp)))
            return *limited;
        QString userId;
        QString challengeId;
        qint64 ttl = WebAuthnMethod::ChallengeTtlSecs;
        if (body.contains(QStringLiteral("mfa_token"))) {
            auto found
                = loginChallenge(db, body.value(QStringLiteral("mfa_token")).toString(), m_method->name());
            if (auto* error = std::get_if<HttpResponse>(&found))
                return *error;
            const Challenge challenge = std::get<Challenge>(found);
            userId = challenge.userId;
            challengeId = challenge.tokenHash;
            ttl = qMin(ttl, challenge.expiresAt - Clock::nowSecs());
        } else {
            // A step-up: the challenge is bound to the Bearer token's session.
            auto auth = userPrincipal(db, call, m_context);
            if (auto* error = std::get_if<HttpResponse>(&auth))
                return *error;
            const core::Principal principal = std::get<core::Principal>(auth);
            userId = principal.userId;
            challengeId = principal.sessionId;
        }
        const auto credentials = WebAuthnMethod::credentials(db, userId);
        if (credentials.isEmpty())
            return HttpResponse::error(400, QStringLiteral("method_not_available"),
                                       QStringLiteral("No security key is registered for the account"));
        const WebAuthnMethod::RelyingParty rp = m_method->relyingParty(call.request.header("host"));
        webauthn::RequestOptionsInput input;
        input.rpId = rp.id;
        input.challenge = webauthn::newChallenge();
        for (const auto& credential : credentials)
            input.allowCredentialIds.append(credential.id);
        input.timeoutMs = int(ttl * 1000);
        if (!BoundChallenges::put(db, WebAuthnMethod::assertionKey(challengeId), userId,
                                  QStringLiteral("webauthn_assert"),
                                  WebAuthnMethod::binding(input.challenge, rp), ttl, Clock::nowSecs()))
            return unavailable();
        return HttpResponse::json(
            200, QJsonObject {{QStringLiteral("publicKey"), webauthn::requestOptions(input)}});
    });
}

} // namespace auth::mfa
