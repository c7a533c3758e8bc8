#include "mfa/MfaController.h"

#include "accounts/UserRepository.h"
#include "admin/AdminAccess.h"
#include "core/Clock.h"
#include "core/Events.h"
#include "core/RateLimiter.h"
#include "core/ServiceContext.h"
#include "http/RequestDecoder.h"
#include "logging/Logger.h"
#include "mfa/BackupCodeMethod.h"
#include "mfa/MfaHttp.h"
#include "mfa/MfaService.h"
#include "mfa/MfaStore.h"
#include "mfa/QrSvg.h"
#include "mfa/TotpMethod.h"
#include "storage/Database.h"
#include "tokens/TokenService.h"

#include <QJsonArray>

namespace auth::mfa {

namespace {

using http::HttpResponse;
using namespace http_support;

QString userAgentOf(const admin::AdminCall& call)
{
    return QString::fromUtf8(call.request.header("user-agent").left(256));
}

// Who enrols: the Bearer token's user, or the user of an enrolment mfa_token
// (a login that policy holds until a method is set up).
struct Enroller
{
    accounts::User user;
    std::optional<core::Principal> principal;
    std::optional<Challenge> challenge;
};

std::variant<Enroller, HttpResponse> identifyEnroller(QSqlDatabase& db, const admin::AdminCall& call,
                                                      const QJsonObject& body,
                                                      const core::ServiceContext& context)
{
    Enroller enroller;
    if (body.contains(QStringLiteral("mfa_token"))) {
        const auto challenge
            = MfaStore::findChallenge(db, body.value(QStringLiteral("mfa_token")).toString());
        if (!challenge || challenge->purpose != MfaStore::EnrollPurpose || challenge->usedAt > 0
            || challenge->expiresAt <= Clock::nowSecs())
            return invalidMfaToken();
        enroller.challenge = challenge;
    } else {
        auto auth = userPrincipal(db, call, context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        enroller.principal = std::get<core::Principal>(auth);
    }
    auto user
        = existingUser(db, enroller.challenge ? enroller.challenge->userId : enroller.principal->userId);
    if (auto* error = std::get_if<HttpResponse>(&user))
        return *error;
    enroller.user = std::get<accounts::User>(user);
    return enroller;
}

} // namespace

MfaController::MfaController(core::ServiceContext& context)
    : m_context(context)
    , m_service(std::make_unique<MfaService>(context))
{
    m_context.mfa = m_service.get();
    m_context.mfaMetrics = &m_service->metrics();
}

MfaController::~MfaController()
{
    m_context.mfa = nullptr;
    m_context.mfaMetrics = nullptr;
}

void MfaController::registerRoutes(http::Router& router)
{
    router.add("POST", QStringLiteral("/api/v1/mfa/verify"),
               [this](http::HttpRequest& r) { return verify(r); });
    router.add("POST", QStringLiteral("/api/v1/mfa/totp/enroll"),
               [this](http::HttpRequest& r) { return enrollTotp(r); });
    router.add("POST", QStringLiteral("/api/v1/mfa/totp/confirm"),
               [this](http::HttpRequest& r) { return confirmTotp(r); });
    router.add("DELETE", QStringLiteral("/api/v1/mfa/totp"),
               [this](http::HttpRequest& r) { return disable(r, QStringLiteral("totp")); });
    router.add("GET", QStringLiteral("/api/v1/mfa/methods"),
               [this](http::HttpRequest& r) { return methods(r); });
    router.add("POST", QStringLiteral("/api/v1/mfa/backup-codes/regenerate"),
               [this](http::HttpRequest& r) { return regenerateBackupCodes(r); });
    router.add("POST", QStringLiteral("/api/v1/mfa/backup-codes"),
               [this](http::HttpRequest& r) { return regenerateBackupCodes(r); });
    router.add("POST", QStringLiteral("/api/v1/mfa/step-up"),
               [this](http::HttpRequest& r) { return stepUp(r); });
    router.add("PUT", QStringLiteral("/admin/users/{id}/mfa-requirement"),
               [this](http::HttpRequest& r) { return setRequirement(r); });
    m_context.features[QStringLiteral("multi_factor_auth")] = true;
}

QFuture<HttpResponse> MfaController::verify(http::HttpRequest& request)
{
    auto decoded = http::decodeJsonObject(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    const QJsonObject body = std::get<QJsonObject>(decoded);
    for (const char* field : {"mfa_token", "method"}) {
        if (auto error
            = checkString(body, field, field == QByteArrayView("method") ? MaxMethodChars : MaxTokenChars))
            return http::ready(*error);
    }
    if (auto error = checkString(body, "code", MaxCodeChars, false))
        return http::ready(*error);
    const QString method = body.value(QStringLiteral("method")).toString();
    if (auto error = checkMethod(method, m_service->methodNames()))
        return http::ready(*error);
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call, body, method](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        if (auto limited = m_context.rateLimiter->check(QHostAddress(call.sourceIp)))
            return *limited;
        const qint64 now = Clock::nowSecs();
        auto found = loginChallenge(db, body.value(QStringLiteral("mfa_token")).toString(), method);
        if (auto* error = std::get_if<HttpResponse>(&found))
            return *error;
        const Challenge challenge = std::get<Challenge>(found);
        const auto user = accounts::UserRepository::findById(db, challenge.userId);
        if (!user || user->isLocked(Clock::nowMs()))
            return invalidMfaToken();
        const VerifyRequest proof {user->id, body, challenge.tokenHash, call.sourceIp};
        const MfaService::Outcome outcome = m_service->verify(db, method, proof, QStringLiteral("login"));
        if (!outcome.accepted)
            return outcome.error;
        // Two requests racing with one mfa_token: only one signs in.
        if (!MfaStore::consumeChallenge(db, challenge.tokenHash, now))
            return invalidMfaToken();
        return m_service->completeLogin(db, *user, outcome.amr, call.sourceIp, userAgentOf(call));
    });
}

QFuture<HttpResponse> MfaController::enrollTotp(http::HttpRequest& request)
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
        auto who = identifyEnroller(db, call, body, m_context);
        if (auto* error = std::get_if<HttpResponse>(&who))
            return *error;
        const Enroller enroller = std::get<Enroller>(who);
        const accounts::User& user = enroller.user;
        if (m_service->totp().isAvailable(db, user.id))
            return HttpResponse::error(
                409, QStringLiteral("already_enrolled"),
                QStringLiteral("TOTP is already set up; remove it first to replace it"));
        // Adding a factor to an account that has one needs that one, freshly.
        if (enroller.principal) {
            if (auto denied = m_service->requireStepUp(db, *enroller.principal))
                return *denied;
        }
        const auto pending = m_service->totp().begin(db, user.id, user.email);
        if (!pending)
            return unavailable();
        return HttpResponse::json(200,
                                  QJsonObject {{QStringLiteral("secret"), pending->secret},
                                               {QStringLiteral("otpauth_uri"), pending->uri},
                                               {QStringLiteral("qr_svg"), qrSvg(pending->uri)}});
    });
}

QFuture<HttpResponse> MfaController::confirmTotp(http::HttpRequest& request)
{
    auto decoded = http::decodeJsonObject(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    const QJsonObject body = std::get<QJsonObject>(decoded);
    if (auto error = checkString(body, "code", MaxCodeChars))
        return http::ready(*error);
    if (auto error = checkString(body, "mfa_token", MaxTokenChars, false))
        return http::ready(*error);
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call, body](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        if (auto limited = m_context.rateLimiter->check(QHostAddress(call.sourceIp)))
            return *limited;
        auto who = identifyEnroller(db, call, body, m_context);
        if (auto* error = std::get_if<HttpResponse>(&who))
            return *error;
        const Enroller enroller = std::get<Enroller>(who);
        const accounts::User& user = enroller.user;
        const qint64 now = Clock::nowSecs();
        // A wrong code here counts towards the MFA lock like any other.
        if (auto locked = m_service->lockedResponse(db, user.id))
            return *locked;
        const QString code = body.value(QStringLiteral("code")).toString();
        const QString purpose = QStringLiteral("enrollment");
        switch (m_service->totp().confirm(db, user.id, code)) {
        case TotpMethod::Confirm::Malformed:
            return HttpResponse::error(400, QStringLiteral("invalid_code"),
                                       QStringLiteral("The code must be 6 digits"));
        case TotpMethod::Confirm::NothingPending:
            return HttpResponse::error(409, QStringLiteral("nothing_to_confirm"),
                                       QStringLiteral("No TOTP enrolment is waiting: call enroll first"));
        case TotpMethod::Confirm::Failed:
            return unavailable();
        case TotpMethod::Confirm::Rejected:
            if (auto locked
                = m_service->countFailure(db, user.id, QStringLiteral("totp"), purpose, call.sourceIp))
                return *locked;
            return HttpResponse::error(422, QStringLiteral("invalid_code"),
                                       QStringLiteral("The code does not match the new secret; check the "
                                                      "device's clock and try the next code"));
        case TotpMethod::Confirm::Confirmed:
            break;
        }
        m_service->countSuccess(db, user.id, QStringLiteral("totp"), purpose, call.sourceIp);
        m_service->recordEvent(events::MfaEnrolled, Severity::Medium, user.id, call.sourceIp,
                               {{QStringLiteral("method"), QStringLiteral("totp")}});
        QJsonObject answer {{QStringLiteral("method"), QStringLiteral("totp")},
                            {QStringLiteral("confirmed"), true}};
        m_service->addBackupCodesIfNone(db, user.id, call.sourceIp, answer);
        // A login held for enrolment completes here: the code just proved the factor.
        if (enroller.challenge) {
            if (!MfaStore::consumeChallenge(db, enroller.challenge->tokenHash, now))
                return invalidMfaToken();
            return m_service->completeLogin(db, user, {QStringLiteral("pwd"), QStringLiteral("otp")},
                                            call.sourceIp, userAgentOf(call), answer);
        }
        return HttpResponse::json(200, answer);
    });
}

QFuture<HttpResponse> MfaController::disable(http::HttpRequest& request, const QString& method)
{
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call, method](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto account = userAccount(db, call, m_context);
        if (auto* error = std::get_if<HttpResponse>(&account))
            return *error;
        const auto& [principal, user] = std::get<UserAccount>(account);
        MfaMethod* target = m_service->method(method);
        if (!target || !MfaStore::enrollment(db, principal.userId, method))
            return HttpResponse::error(404, QStringLiteral("not_enrolled"),
                                       QStringLiteral("This method is not set up for the account"));
        if (auto denied = m_service->requireStepUp(db, principal))
            return *denied;
        if (auto refused = m_service->refuseRemoval(db, user, method))
            return *refused;
        target->remove(db, user.id);
        m_service->recordRemoval(db, user.id, call.sourceIp, {{QStringLiteral("method"), method}});
        HttpResponse response;
        response.status = 204;
        return response;
    });
}

QFuture<HttpResponse> MfaController::methods(http::HttpRequest& request)
{
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto account = userAccount(db, call, m_context);
        if (auto* error = std::get_if<HttpResponse>(&account))
            return *error;
        const accounts::User& user = std::get<UserAccount>(account).user;
        QJsonArray list;
        for (const Enrollment& enrollment : MfaStore::enrollments(db, user.id))
            list.append(enrollment.toJson());
        const qint64 lockedUntil = MfaStore::lockedUntil(db, user.id);
        return HttpResponse::json(
            200,
            QJsonObject {
                {QStringLiteral("methods"), list},
                {QStringLiteral("available"),
                 QJsonArray::fromStringList(m_service->availableMethods(db, user.id))},
                {QStringLiteral("backup_codes_remaining"), MfaStore::remainingBackupCodes(db, user.id)},
                {QStringLiteral("mfa_required"), m_service->requiredByPolicy(user)},
                {QStringLiteral("required_for_admin_api"), m_service->requiredForAdminApi(user)},
                {QStringLiteral("locked_until"),
                 lockedUntil > Clock::nowSecs() ? QJsonValue(double(lockedUntil)) : QJsonValue()}});
    });
}

QFuture<HttpResponse> MfaController::regenerateBackupCodes(http::HttpRequest& request)
{
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = userPrincipal(db, call, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const core::Principal principal = std::get<core::Principal>(auth);
        if (!m_service->hasFactor(db, principal.userId))
            return HttpResponse::error(409, QStringLiteral("mfa_not_enrolled"),
                                       QStringLiteral("Backup codes back up a method: set up TOTP first"));
        if (auto denied = m_service->requireStepUp(db, principal))
            return *denied;
        const int count = int(m_context.config->integer(QStringLiteral("mfa.backup_codes_count")));
        const QStringList codes = BackupCodeMethod::regenerate(db, principal.userId, count);
        if (codes.isEmpty())
            return unavailable();
        m_service->recordEvent(events::MfaBackupCodesGenerated, Severity::Medium, principal.userId,
                               call.sourceIp, {{QStringLiteral("count"), count}});
        const QJsonArray list = QJsonArray::fromStringList(codes);
        // "codes" is the same list under the name the first route used.
        return HttpResponse::json(
            200, QJsonObject {{QStringLiteral("backup_codes"), list}, {QStringLiteral("codes"), list}});
    });
}

QFuture<HttpResponse> MfaController::stepUp(http::HttpRequest& request)
{
    auto decoded = http::decodeJsonObject(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    const QJsonObject body = std::get<QJsonObject>(decoded);
    if (auto error = checkString(body, "method", MaxMethodChars))
        return http::ready(*error);
    if (auto error = checkString(body, "code", MaxCodeChars, false))
        return http::ready(*error);
    const QString method = body.value(QStringLiteral("method")).toString();
    if (auto error = checkMethod(method, m_service->methodNames()))
        return http::ready(*error);
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call, body, method](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        if (auto limited = m_context.rateLimiter->check(QHostAddress(call.sourceIp)))
            return *limited;
        auto auth = userPrincipal(db, call, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const core::Principal principal = std::get<core::Principal>(auth);
        if (!m_service->hasFactor(db, principal.userId))
            return HttpResponse::error(409, QStringLiteral("mfa_not_enrolled"),
                                       QStringLiteral("The account has no MFA method to step up with"));
        const VerifyRequest proof {principal.userId, body, principal.sessionId, call.sourceIp};
        const MfaService::Outcome outcome = m_service->verify(db, method, proof, QStringLiteral("step_up"));
        if (!outcome.accepted)
            return outcome.error;
        MfaStore::markSessionVerified(db, principal.sessionId);
        tokens::TokenService::Request tokenRequest;
        tokenRequest.subject = principal.userId;
        tokenRequest.sessionId = principal.sessionId;
        tokenRequest.scope = principal.scope;
        tokenRequest.extra = {{QStringLiteral("roles"), QJsonArray::fromStringList(principal.roles)},
                              {QStringLiteral("mfa"), true},
                              {QStringLiteral("amr"), QJsonArray::fromStringList(outcome.amr)},
                              {QStringLiteral("auth_time"), double(Clock::nowSecs())}};
        const auto issued = m_context.tokens->issue(tokenRequest);
        m_service->recordEvent(events::JwtGeneration, Severity::Info, principal.userId, call.sourceIp,
                               {{QStringLiteral("kid"), issued.kid},
                                {QStringLiteral("jti"), issued.jti},
                                {QStringLiteral("grant"), QStringLiteral("mfa_step_up")}});
        return HttpResponse::json(
            200,
            QJsonObject {{QStringLiteral("access_token"), QString::fromLatin1(issued.token)},
                         {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                         {QStringLiteral("expires_in"), double(issued.expiresIn)},
                         {QStringLiteral("scope"), principal.scope}});
    });
}

QFuture<HttpResponse> MfaController::setRequirement(http::HttpRequest& request)
{
    auto decoded = http::decodeJsonObject(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    const QJsonObject body = std::get<QJsonObject>(decoded);
    if (!body.value(QStringLiteral("required")).isBool())
        return http::ready(HttpResponse::error(422, QStringLiteral("invalid_request"),
                                               QStringLiteral("required must be a boolean")));
    const QJsonValue reasonValue = body.value(QStringLiteral("reason"));
    if (!reasonValue.isUndefined() && (!reasonValue.isString() || reasonValue.toString().size() > 500))
        return http::ready(
            HttpResponse::error(422, QStringLiteral("invalid_request"),
                                QStringLiteral("reason must be a string of at most 500 characters")));
    const bool required = body.value(QStringLiteral("required")).toBool();
    const QString reason = reasonValue.toString().trimmed();
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call, required, reason](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = admin::requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const core::Principal actor = std::get<core::Principal>(auth);
        const QString userId = call.request.pathParam(QStringLiteral("id"));
        const QJsonObject parameters {{QStringLiteral("user_id"), userId},
                                      {QStringLiteral("required"), required}};
        if (!MfaStore::setRequired(db, userId, required, Clock::nowSecs())) {
            admin::audit(actor, call.sourceIp, QStringLiteral("users.mfa_requirement"), reason, parameters,
                         QStringLiteral("not_found"));
            return HttpResponse::error(404, QStringLiteral("not_found"), QStringLiteral("No such user"));
        }
        admin::audit(actor, call.sourceIp, QStringLiteral("users.mfa_requirement"), reason, parameters,
                     required ? QStringLiteral("required") : QStringLiteral("not_required"));
        return HttpResponse::json(
            200,
            QJsonObject {{QStringLiteral("user_id"), userId},
                         {QStringLiteral("mfa_required"), required},
                         {QStringLiteral("mfa_enrolled"), m_service->hasFactor(db, userId)}});
    });
}

} // namespace auth::mfa
