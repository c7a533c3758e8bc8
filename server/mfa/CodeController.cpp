#include "mfa/CodeController.h"

#include "core/Clock.h"
#include "core/Events.h"
#include "core/RateLimiter.h"
#include "core/ServiceContext.h"
#include "http/RequestDecoder.h"
#include "logging/Logger.h"
#include "mfa/CodeDelivery.h"
#include "mfa/CodeMethod.h"
#include "mfa/MfaHttp.h"
#include "mfa/MfaService.h"
#include "storage/Database.h"

namespace auth::mfa {

using delivery::Channel;
using delivery::CodeCheck;
using delivery::DeliveryResult;
using http::HttpResponse;
using namespace http_support;

namespace {

constexpr qsizetype MaxRecipientChars = 254;

// What a handler decided on its pool thread: an answer, or a code to send first.
struct SendPlan
{
    CodeDelivery::Request request;
    QJsonObject answer;
    QString pendingEnrollmentId; // dropped again when the code cannot be sent
};
using Prepared = std::variant<HttpResponse, SendPlan>;

HttpResponse rateLimited(qint64 retryAfterMs)
{
    HttpResponse error = HttpResponse::error(
        429, QStringLiteral("too_many_codes"),
        QStringLiteral("Too many codes were sent to this account; wait before asking for another"));
    error.setHeader("Retry-After", QByteArray::number(qMax<qint64>(1, (retryAfterMs + 999) / 1000)));
    return error;
}

HttpResponse deliveryFailed(Channel channel)
{
    return HttpResponse::error(
        502, QStringLiteral("delivery_failed"),
        QStringLiteral("The %1 could not be sent: the gateway did not accept it. Try again later or use "
                       "another method.")
            .arg(channel == Channel::Sms ? QStringLiteral("text message") : QStringLiteral("e-mail")));
}

// 503 while the channel's gateway is not configured.
std::optional<HttpResponse> deliveryUnavailable(const CodeDelivery& delivery, Channel channel)
{
    const QString reason = delivery.unavailableReason(channel);
    if (reason.isEmpty())
        return std::nullopt;
    return HttpResponse::error(503, QStringLiteral("delivery_unavailable"),
                               QStringLiteral("Codes cannot be sent: %1").arg(reason));
}

QJsonObject sentAnswer(const CodeMethod& method, const QString& recipient)
{
    return {{QStringLiteral("method"), method.name()},
            {QStringLiteral("sent"), true},
            {QStringLiteral("destination"), CodeMethod::mask(method.channel(), recipient)},
            {QStringLiteral("expires_in"), double(delivery::OneTimeCode::DefaultTtlMs / 1000)}};
}

} // namespace

CodeController::CodeController(core::ServiceContext& context)
    : m_context(context)
    , m_delivery(std::make_unique<CodeDelivery>(context))
{
    auto sms = std::make_unique<CodeMethod>(context, Channel::Sms);
    auto email = std::make_unique<CodeMethod>(context, Channel::Email);
    m_sms = sms.get();
    m_email = email.get();
    m_context.mfa->addMethod(std::move(sms));
    m_context.mfa->addMethod(std::move(email));
}

CodeController::~CodeController() = default;

CodeMethod* CodeController::method(const QString& name) const
{
    return name == m_sms->name() ? m_sms : name == m_email->name() ? m_email : nullptr;
}

void CodeController::registerRoutes(http::Router& router)
{
    for (CodeMethod* target : {m_sms, m_email}) {
        const QString base = QStringLiteral("/api/v1/mfa/") + target->name();
        router.add("POST", base + QStringLiteral("/enroll"),
                   [this, target](http::HttpRequest& r) { return enroll(r, target); });
        router.add("POST", base + QStringLiteral("/confirm"),
                   [this, target](http::HttpRequest& r) { return confirm(r, target); });
        router.add("DELETE", base, [this, target](http::HttpRequest& r) { return disable(r, target); });
    }
    router.add("POST", QStringLiteral("/api/v1/mfa/send"), [this](http::HttpRequest& r) { return send(r); });
}

// Runs the plan's send (when there is one) and answers with its outcome.
static QFuture<HttpResponse> deliverThenAnswer(core::ServiceContext& context, CodeDelivery& delivery,
                                               QFuture<Prepared> prepared)
{
    return prepared
        .then([&context, &delivery](Prepared decided) -> QFuture<HttpResponse> {
            if (auto* answer = std::get_if<HttpResponse>(&decided))
                return http::ready(*answer);
            const SendPlan plan = std::get<SendPlan>(decided);
            return delivery.send(plan.request)
                .then([&context, plan](DeliveryResult result) -> QFuture<HttpResponse> {
                    if (result.ok)
                        return http::ready(HttpResponse::json(200, plan.answer));
                    const HttpResponse failed = deliveryFailed(plan.request.channel);
                    if (plan.pendingEnrollmentId.isEmpty())
                        return http::ready(failed);
                    return context.database->run([id = plan.pendingEnrollmentId, failed](QSqlDatabase& db) {
                        CodeMethod::dropPending(db, id);
                        return failed;
                    });
                })
                .unwrap();
        })
        .unwrap();
}

QFuture<HttpResponse> CodeController::enroll(http::HttpRequest& request, CodeMethod* target)
{
    auto decoded = http::decodeJsonObject(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    const QJsonObject body = std::get<QJsonObject>(decoded);
    const char* field = target->channel() == Channel::Sms ? "phone" : "email";
    if (auto error = checkString(body, field, MaxRecipientChars))
        return http::ready(*error);
    const QString recipient = body.value(QLatin1String(field)).toString();
    if (const QString problem = delivery::MessageSender::checkRecipient(target->channel(), recipient);
        !problem.isEmpty())
        return http::ready(HttpResponse::error(400, QStringLiteral("invalid_%1").arg(QLatin1String(field)),
                                               QStringLiteral("%1: %2").arg(QLatin1String(field), problem)));
    if (auto error = deliveryUnavailable(*m_delivery, target->channel()))
        return http::ready(*error);
    const admin::AdminCall call = admin::adminCall(request, m_context);
    auto prepared = m_context.database->run([this, call, target, recipient](QSqlDatabase& db) -> Prepared {
        RequestIdScope scope(call.request.requestId);
        if (auto limited = m_context.rateLimiter->check(QHostAddress(call.sourceIp)))
            return *limited;
        auto auth = userPrincipal(db, call, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const core::Principal principal = std::get<core::Principal>(auth);
        if (target->isAvailable(db, principal.userId))
            return HttpResponse::error(409, QStringLiteral("already_enrolled"),
                                       QStringLiteral("%1 codes are already set up; remove them first to "
                                                      "change the destination")
                                           .arg(target->name()));
        if (auto denied = m_context.mfa->requireStepUp(db, principal))
            return *denied;
        const delivery::SendDecision decision = m_delivery->acquire(principal.userId);
        if (!decision.allowed)
            return rateLimited(decision.retryAfterMs);
        const auto enrollmentId = target->begin(db, principal.userId, recipient);
        const auto code = enrollmentId
            ? target->issue(db, principal.userId, CodeMethod::enrollmentKey(target->name(), *enrollmentId))
            : std::nullopt;
        if (!code)
            return unavailable();
        SendPlan plan;
        plan.request = {target->channel(), recipient,     *code,
                        principal.userId,  call.sourceIp, QStringLiteral("enrollment")};
        plan.answer = sentAnswer(*target, recipient);
        plan.answer.insert(QStringLiteral("confirmed"), false);
        plan.pendingEnrollmentId = *enrollmentId;
        return plan;
    });
    return deliverThenAnswer(m_context, *m_delivery, prepared);
}

QFuture<HttpResponse> CodeController::confirm(http::HttpRequest& request, CodeMethod* target)
{
    auto decoded = http::decodeJsonObject(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    const QJsonObject body = std::get<QJsonObject>(decoded);
    if (auto error = checkString(body, "code", MaxCodeChars))
        return http::ready(*error);
    const QString code = body.value(QStringLiteral("code")).toString();
    if (!CodeMethod::isWellFormed(code))
        return http::ready(HttpResponse::error(400, QStringLiteral("invalid_code"),
                                               QStringLiteral("The code must be 6 digits")));
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call, target, code](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        if (auto limited = m_context.rateLimiter->check(QHostAddress(call.sourceIp)))
            return *limited;
        auto auth = userPrincipal(db, call, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const core::Principal principal = std::get<core::Principal>(auth);
        const QString userId = principal.userId;
        if (auto locked = m_context.mfa->lockedResponse(db, userId))
            return *locked;
        const auto pending = MfaStore::enrollment(db, userId, target->name());
        if (!pending || pending->confirmed)
            return HttpResponse::error(
                409, QStringLiteral("nothing_to_confirm"),
                QStringLiteral("No %1 enrolment is waiting: call enroll first").arg(target->name()));
        const QString purpose = QStringLiteral("enrollment");
        if (target->check(db, CodeMethod::enrollmentKey(target->name(), pending->id), code)
            != CodeCheck::Accepted) {
            if (auto locked = m_context.mfa->countFailure(db, userId, target->name(), purpose, call.sourceIp))
                return *locked;
            return HttpResponse::error(422, QStringLiteral("invalid_code"),
                                       QStringLiteral("The code is wrong, expired or used up; enroll again "
                                                      "for a new one"));
        }
        if (!MfaStore::confirm(db, pending->id, Clock::nowSecs()))
            return HttpResponse::error(409, QStringLiteral("nothing_to_confirm"),
                                       QStringLiteral("The enrolment changed meanwhile; enroll again"));
        m_context.mfa->countSuccess(db, userId, target->name(), purpose, call.sourceIp);
        m_context.mfa->recordEvent(
            events::MfaEnrolled, Severity::Medium, userId, call.sourceIp,
            {{QStringLiteral("method"), target->name()}, {QStringLiteral("destination"), pending->label}});
        QJsonObject answer {{QStringLiteral("method"), target->name()},
                            {QStringLiteral("destination"), pending->label},
                            {QStringLiteral("confirmed"), true}};
        m_context.mfa->addBackupCodesIfNone(db, userId, call.sourceIp, answer);
        return HttpResponse::json(200, answer);
    });
}

QFuture<HttpResponse> CodeController::disable(http::HttpRequest& request, CodeMethod* target)
{
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call, target](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto account = userAccount(db, call, m_context);
        if (auto* error = std::get_if<HttpResponse>(&account))
            return *error;
        const auto& [principal, user] = std::get<UserAccount>(account);
        if (!MfaStore::enrollment(db, principal.userId, target->name()))
            return HttpResponse::error(404, QStringLiteral("not_enrolled"),
                                       QStringLiteral("This method is not set up for the account"));
        if (auto denied = m_context.mfa->requireStepUp(db, principal))
            return *denied;
        if (auto refused = m_context.mfa->refuseRemoval(db, user, target->name()))
            return *refused;
        target->remove(db, user.id);
        m_context.mfa->recordRemoval(db, user.id, call.sourceIp,
                                     {{QStringLiteral("method"), target->name()}});
        HttpResponse response;
        response.status = 204;
        return response;
    });
}

QFuture<HttpResponse> CodeController::send(http::HttpRequest& request)
{
    auto decoded = http::decodeJsonObject(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    const QJsonObject body = std::get<QJsonObject>(decoded);
    if (auto error = checkString(body, "method", MaxMethodChars))
        return http::ready(*error);
    if (auto error = checkString(body, "mfa_token", MaxTokenChars, false))
        return http::ready(*error);
    const QString name = body.value(QStringLiteral("method")).toString();
    if (auto error = checkMethod(name, {m_sms->name(), m_email->name()}))
        return http::ready(*error);
    CodeMethod* target = method(name);
    if (auto error = deliveryUnavailable(*m_delivery, target->channel()))
        return http::ready(*error);
    const admin::AdminCall call = admin::adminCall(request, m_context);
    auto prepared = m_context.database->run([this, call, body, target](QSqlDatabase& db) -> Prepared {
        RequestIdScope scope(call.request.requestId);
        if (auto limited = m_context.rateLimiter->check(QHostAddress(call.sourceIp)))
            return *limited;
        QString userId;
        QString challengeId;
        QString purpose;
        if (body.contains(QStringLiteral("mfa_token"))) {
            auto found
                = loginChallenge(db, body.value(QStringLiteral("mfa_token")).toString(), target->name());
            if (auto* error = std::get_if<HttpResponse>(&found))
                return *error;
            userId = std::get<Challenge>(found).userId;
            challengeId = std::get<Challenge>(found).tokenHash;
            purpose = QStringLiteral("login");
        } else {
            auto auth = userPrincipal(db, call, m_context);
            if (auto* error = std::get_if<HttpResponse>(&auth))
                return *error;
            userId = std::get<core::Principal>(auth).userId;
            challengeId = std::get<core::Principal>(auth).sessionId;
            purpose = QStringLiteral("step_up");
        }
        if (auto locked = m_context.mfa->lockedResponse(db, userId))
            return *locked;
        const auto recipient = target->recipient(db, userId);
        if (!recipient)
            return HttpResponse::error(400, QStringLiteral("method_not_available"),
                                       QStringLiteral("This method is not set up for the account"));
        const delivery::SendDecision decision = m_delivery->acquire(userId);
        if (!decision.allowed)
            return rateLimited(decision.retryAfterMs);
        const auto code = target->issue(db, userId, CodeMethod::loginKey(target->name(), challengeId));
        if (!code)
            return unavailable();
        SendPlan plan;
        plan.request = {target->channel(), *recipient, *code, userId, call.sourceIp, purpose};
        plan.answer = sentAnswer(*target, *recipient);
        return plan;
    });
    return deliverThenAnswer(m_context, *m_delivery, prepared);
}

} // namespace auth::mfa
