#include "mfa/MfaService.h"

#include "accounts/SessionStore.h"
#include "accounts/User.h"
#include "accounts/UserRepository.h"
#include "core/Clock.h"
#include "core/Events.h"
#include "core/ServiceContext.h"
#include "mfa/BackupCodeMethod.h"
#include "mfa/MfaStore.h"
#include "mfa/TotpMethod.h"
#include "tokens/TokenService.h"

#include <QJsonArray>

namespace auth::mfa {

using http::HttpResponse;

MfaService::MfaService(core::ServiceContext& context)
    : m_context(context)
{
    auto totp = std::make_unique<TotpMethod>(context);
    m_totp = totp.get();
    addMethod(std::move(totp));
    addMethod(std::make_unique<BackupCodeMethod>());
}

MfaService::~MfaService() = default;

void MfaService::addMethod(std::unique_ptr<MfaMethod> method)
{
    m_methods.push_back(std::move(method));
}

MfaMethod* MfaService::method(const QString& name) const
{
    for (const auto& method : m_methods) {
        if (method->name() == name)
            return method.get();
    }
    return nullptr;
}

QStringList MfaService::methodNames() const
{
    QStringList names;
    for (const auto& method : m_methods)
        names.append(method->name());
    return names;
}

QStringList MfaService::availableMethods(QSqlDatabase& db, const QString& userId) const
{
    QStringList factors;
    QStringList standIns;
    for (const auto& method : m_methods) {
        if (method->isAvailable(db, userId))
            (method->isFactor() ? factors : standIns).append(method->name());
    }
    // Backup codes stand in for a factor; without one they open nothing.
    return factors.isEmpty() ? QStringList() : factors + standIns;
}

bool MfaService::hasFactor(QSqlDatabase& db, const QString& userId) const
{
    for (const auto& method : m_methods) {
        if (method->isFactor() && method->isAvailable(db, userId))
            return true;
    }
    return false;
}

bool MfaService::requiredByPolicy(const accounts::User& user) const
{
    return user.mfaRequired;
}

bool MfaService::requiredForAdminApi(const accounts::User& user) const
{
    return user.isAdmin() && m_context.config->boolean(QStringLiteral("mfa.required_for_admin"));
}

bool MfaService::needsSecondFactor(QSqlDatabase& db, const accounts::User& user) const
{
    return requiredByPolicy(user) || hasFactor(db, user.id);
}

std::optional<HttpResponse> MfaService::beginLogin(QSqlDatabase& db, const accounts::User& user,
                                                   const QString& sourceIp, const QString& userAgent)
{
    const QStringList methods = availableMethods(db, user.id);
    const bool enrol = methods.isEmpty();
    if (enrol && !requiredByPolicy(user))
        return std::nullopt;
    Challenge challenge;
    challenge.userId = user.id;
    challenge.purpose = enrol ? MfaStore::EnrollPurpose : MfaStore::LoginPurpose;
    challenge.methods = enrol ? QStringList {m_totp->name()} : methods;
    challenge.sourceIp = sourceIp;
    challenge.userAgent = userAgent;
    challenge.createdAt = Clock::nowSecs();
    const qint64 ttl
        = qMax<qint64>(1, m_context.config->durationMs(QStringLiteral("mfa.challenge_ttl")) / 1000);
    challenge.expiresAt = challenge.createdAt + ttl;
    const QString token = MfaStore::createChallenge(db, challenge);
    if (token.isEmpty())
        return HttpResponse::error(503, QStringLiteral("service_unavailable"),
                                   QStringLiteral("Cannot start the second step of the sign-in"));
    QJsonObject body {{QStringLiteral("mfa_required"), true},
                      {QStringLiteral("mfa_token"), token},
                      {QStringLiteral("methods"), QJsonArray::fromStringList(challenge.methods)},
                      {QStringLiteral("expires_in"), double(ttl)}};
    if (enrol)
        body.insert(QStringLiteral("enrollment_required"), true);
    return HttpResponse::json(200, body);
}

void MfaService::recordEvent(const char* type, Severity severity, const QString& userId,
                             const QString& sourceIp, const QJsonObject& details) const
{
    auto event = core::requestEvent(type, severity, sourceIp, details);
    event.userId = userId;
    core::recordEvent(event);
}

void MfaService::addBackupCodesIfNone(QSqlDatabase& db, const QString& userId, const QString& sourceIp,
                                      QJsonObject& answer)
{
    if (MfaStore::remainingBackupCodes(db, userId) != 0)
        return;
    const int count = int(m_context.config->integer(QStringLiteral("mfa.backup_codes_count")));
    const QStringList codes = BackupCodeMethod::regenerate(db, userId, count);
    if (codes.isEmpty())
        return;
    answer.insert(QStringLiteral("backup_codes"), QJsonArray::fromStringList(codes));
    recordEvent(events::MfaBackupCodesGenerated, Severity::Info, userId, sourceIp,
                {{QStringLiteral("count"), count}});
}

std::optional<HttpResponse> MfaService::refuseRemoval(QSqlDatabase& db, const accounts::User& user,
                                                      const QString& methodName, int keptOfMethod) const
{
    int otherFactors = keptOfMethod;
    for (const QString& name : availableMethods(db, user.id)) {
        const MfaMethod* other = method(name);
        otherFactors += (other && other->isFactor() && name != methodName) ? 1 : 0;
    }
    if (otherFactors > 0 || !requiredByPolicy(user))
        return std::nullopt;
    return HttpResponse::error(409, QStringLiteral("mfa_required_by_policy"),
                               QStringLiteral("MFA is required for this account: set up another "
                                              "method before removing this one"));
}

void MfaService::recordRemoval(QSqlDatabase& db, const QString& userId, const QString& sourceIp,
                               QJsonObject details)
{
    // Backup codes stand in for a factor; with none left they go too.
    const bool factorLeft = hasFactor(db, userId);
    if (!factorLeft)
        MfaStore::deleteBackupCodes(db, userId);
    details.insert(QStringLiteral("mfa_remaining"), factorLeft);
    recordEvent(events::MfaDisabled, Severity::Medium, userId, sourceIp, details);
}

namespace {

HttpResponse lockedError(qint64 retryAfterSecs)
{
    HttpResponse error = HttpResponse::error(
        429, QStringLiteral("mfa_locked"),
        QStringLiteral("Too many wrong codes: MFA is locked for this account; try again later"));
    error.setHeader("Retry-After", QByteArray::number(qMax<qint64>(1, retryAfterSecs)));
    return error;
}

QJsonObject verificationDetails(const QString& method, const QString& purpose, const QString& result)
{
    return {{QStringLiteral("method"), method},
            {QStringLiteral("purpose"), purpose},
            {QStringLiteral("result"), result}};
}

} // namespace

std::optional<HttpResponse> MfaService::lockedResponse(QSqlDatabase& db, const QString& userId) const
{
    const qint64 now = Clock::nowSecs();
    const qint64 lockedUntil = MfaStore::lockedUntil(db, userId);
    if (lockedUntil <= now)
        return std::nullopt;
    return lockedError(lockedUntil - now);
}

void MfaService::countSuccess(QSqlDatabase& db, const QString& userId, const QString& methodName,
                              const QString& purpose, const QString& sourceIp)
{
    MfaStore::recordSuccess(db, userId, Clock::nowSecs());
    m_metrics.record(methodName, true);
    recordEvent(events::MfaVerification, Severity::Info, userId, sourceIp,
                verificationDetails(methodName, purpose, QStringLiteral("success")));
}

std::optional<HttpResponse> MfaService::countFailure(QSqlDatabase& db, const QString& userId,
                                                     const QString& methodName, const QString& purpose,
                                                     const QString& sourceIp)
{
    const qint64 now = Clock::nowSecs();
    m_metrics.record(methodName, false);
    recordEvent(events::MfaVerification, Severity::Low, userId, sourceIp,
                verificationDetails(methodName, purpose, QStringLiteral("failure")));
    const int threshold = int(m_context.config->integer(QStringLiteral("mfa.lockout_threshold")));
    const qint64 lockSecs = m_context.config->durationMs(QStringLiteral("mfa.lockout_duration")) / 1000;
    if (!MfaStore::recordFailure(db, userId, threshold, lockSecs, now))
        return std::nullopt;
    m_metrics.recordLockout();
    recordEvent(events::MfaLocked, Severity::High, userId, sourceIp,
                {{QStringLiteral("failed_codes"), threshold + 1},
                 {QStringLiteral("locked_until"), double(now + lockSecs)},
                 {QStringLiteral("method"), methodName}});
    return lockedError(lockSecs);
}

MfaService::Outcome MfaService::verify(QSqlDatabase& db, const QString& methodName,
                                       const VerifyRequest& request, const QString& purpose)
{
    Outcome outcome;
    if (auto locked = lockedResponse(db, request.userId)) {
        QJsonObject details = verificationDetails(methodName, purpose, QStringLiteral("failure"));
        details.insert(QStringLiteral("reason"), QStringLiteral("locked"));
        recordEvent(events::MfaVerification, Severity::Medium, request.userId, request.sourceIp, details);
        outcome.error = *locked;
        return outcome;
    }
    MfaMethod* method = this->method(methodName);
    if (!method || !method->isAvailable(db, request.userId)) {
        outcome.error = HttpResponse::error(400, QStringLiteral("method_not_available"),
                                            QStringLiteral("This method is not set up for the account"));
        return outcome;
    }
    switch (method->verify(db, request)) {
    case Verdict::Malformed:
        outcome.error = HttpResponse::error(400, QStringLiteral("invalid_code"),
                                            QStringLiteral("The code does not have the expected format"));
        return outcome;
    case Verdict::Accepted:
        countSuccess(db, request.userId, methodName, purpose, request.sourceIp);
        outcome.accepted = true;
        outcome.amr = QStringList {QStringLiteral("pwd")} + method->amr();
        outcome.amr.removeDuplicates();
        return outcome;
    case Verdict::Rejected:
        break;
    }
    if (auto locked = countFailure(db, request.userId, methodName, purpose, request.sourceIp)) {
        outcome.error = *locked;
        return outcome;
    }
    outcome.error = HttpResponse::error(401, QStringLiteral("invalid_code"),
                                        QStringLiteral("The code is wrong, expired or already used"));
    return outcome;
}

HttpResponse MfaService::completeLogin(QSqlDatabase& db, const accounts::User& user, const QStringList& amr,
                                       const QString& sourceIp, const QString& userAgent,
                                       const QJsonObject& extraAnswer)
{
    const qint64 refreshTtl = m_context.config->durationMs(QStringLiteral("jwt.refresh_token_ttl")) / 1000;
    const auto session
        = accounts::SessionStore::create(db, user.id, {}, sourceIp, userAgent, true, refreshTtl);
    if (!session)
        return HttpResponse::error(503, QStringLiteral("service_unavailable"),
                                   QStringLiteral("Cannot create a session"));
    tokens::TokenService::Request request;
    request.subject = user.id;
    request.sessionId = session->id;
    request.scope = QStringLiteral("openid profile email");
    request.extra = {{QStringLiteral("roles"), QJsonArray::fromStringList(user.roles)},
                     {QStringLiteral("mfa"), true},
                     {QStringLiteral("amr"), QJsonArray::fromStringList(amr)},
                     {QStringLiteral("auth_time"), double(Clock::nowSecs())}};
    const auto issued = m_context.tokens->issue(request);
    accounts::RefreshToken row;
    row.sessionId = session->id;
    row.userId = user.id;
    row.scope = request.scope;
    const QString refreshToken = accounts::SessionStore::issueRefresh(db, row, refreshTtl);
    recordEvent(events::AuthenticationSuccess, Severity::Info, user.id, sourceIp,
                {{QStringLiteral("session_id"), session->id},
                 {QStringLiteral("user_agent"), userAgent},
                 {QStringLiteral("amr"), QJsonArray::fromStringList(amr)}});
    recordEvent(events::JwtGeneration, Severity::Info, user.id, sourceIp,
                {{QStringLiteral("kid"), issued.kid},
                 {QStringLiteral("jti"), issued.jti},
                 {QStringLiteral("grant"), QStringLiteral("password+mfa")}});
    QJsonObject body = extraAnswer;
    body.insert(QStringLiteral("access_token"), QString::fromLatin1(issued.token));
    body.insert(QStringLiteral("token_type"), QStringLiteral("Bearer"));
    body.insert(QStringLiteral("expires_in"), double(issued.expiresIn));
    body.insert(QStringLiteral("refresh_token"), refreshToken);
    body.insert(QStringLiteral("session_id"), session->id);
    body.insert(QStringLiteral("scope"), request.scope);
    return HttpResponse::json(200, body);
}

std::optional<HttpResponse> MfaService::requireStepUp(QSqlDatabase& db,
                                                      const core::Principal& principal) const
{
    if (principal.userId.isEmpty() || !hasFactor(db, principal.userId))
        return std::nullopt;
    const qint64 maxAge = m_context.config->durationMs(QStringLiteral("mfa.step_up_max_age")) / 1000;
    const qint64 authTime = qint64(principal.claims.value(QStringLiteral("auth_time")).toDouble());
    if (principal.mfa && authTime > 0 && Clock::nowSecs() - authTime <= maxAge)
        return std::nullopt;
    return HttpResponse::error(403, QStringLiteral("step_up_required"),
                               QStringLiteral("This action needs a fresh MFA check: call "
                                              "POST /api/v1/mfa/step-up and retry with the new token"));
}

} // namespace auth::mfa
