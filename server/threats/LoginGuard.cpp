#include "threats/LoginGuard.h"

#include "accounts/User.h"
#include "core/Clock.h"
#include "core/Events.h"
#include "core/ServiceContext.h"

#include <QJsonArray>

namespace auth::threats {

LoginGuard::LoginGuard(const core::ServiceContext& context, const QHostAddress& client,
                       const QString& userAgent, const QString& email, const QString& password)
    : m_detector(context.threats && context.threats->enabled() ? context.threats : nullptr)
    , m_sourceIp(client.toString())
{
    if (!m_detector)
        return;
    m_attempt.accountKey = accountKeyOf(email);
    m_attempt.address = client;
    m_attempt.userAgent = userAgent;
    m_attempt.passwordFingerprint = m_detector->fingerprint(password);
    m_attempt.atMs = Clock::nowMs();
}

http::HttpResponse LoginGuard::blockedResponse(const Assessment& assessment)
{
    http::HttpResponse response = http::HttpResponse::json(
        403,
        QJsonObject {{QStringLiteral("error"), QStringLiteral("login_blocked")},
                     {QStringLiteral("error_description"),
                      QStringLiteral("Sign-in from this address is blocked for security reasons")},
                     {QStringLiteral("reason"), assessment.detector}});
    if (assessment.retryAfterSecs > 0)
        response.setHeader("Retry-After", QByteArray::number(assessment.retryAfterSecs));
    return response;
}

std::optional<http::HttpResponse> LoginGuard::precheck()
{
    if (!m_detector)
        return std::nullopt;
    m_assessment = m_detector->precheck(m_attempt);
    if (m_assessment.decision != Decision::Block)
        return std::nullopt;
    report({}, QStringLiteral("blocked"));
    return blockedResponse(m_assessment);
}

void LoginGuard::failed()
{
    if (!m_detector)
        return;
    m_attempt.atMs = Clock::nowMs();
    m_assessment = m_detector->recordFailure(m_attempt);
    reportDetections(m_assessment.detections);
}

std::optional<http::HttpResponse> LoginGuard::succeeded(QSqlDatabase& db, const accounts::User& user)
{
    if (!m_detector)
        return std::nullopt;
    m_attempt.atMs = Clock::nowMs();
    m_attempt.userId = user.id;
    BehaviourProfile profile = m_detector->profiles().load(&db, user.id);
    m_assessment = m_detector->assessSuccess(m_attempt, profile);
    switch (m_assessment.decision) {
    case Decision::Block:
        report(user.id, QStringLiteral("blocked"));
        return blockedResponse(m_assessment);
    case Decision::StepUp:
        // The MFA flow turns this into a second-factor step; until it does (or
        // for accounts without MFA) the login goes on, flagged for review.
        report(user.id, user.mfaRequired ? QStringLiteral("step_up") : QStringLiteral("allowed_flagged"));
        break;
    case Decision::Allow:
        break;
    }
    ThreatDetector::learn(profile, m_attempt);
    m_detector->profiles().save(&db, profile);
    return std::nullopt;
}

void LoginGuard::sessionStarted(const QString& sessionId)
{
    if (m_detector)
        m_detector->noteSession(sessionId, m_attempt.address);
}

void LoginGuard::report(const QString& userId, const QString& action)
{
    QJsonObject details = m_assessment.toJson();
    details.insert(QStringLiteral("action"), action);
    details.insert(QStringLiteral("email_hash"), m_attempt.accountKey);
    details.insert(QStringLiteral("user_agent"), m_attempt.userAgent.left(256));
    auto event = core::requestEvent(
        events::SuspiciousActivity,
        m_assessment.decision == Decision::Block ? Severity::High : Severity::Medium, m_sourceIp, details);
    event.userId = userId;
    core::recordEvent(event);
}

void LoginGuard::reportDetections(const QList<Detection>& detections)
{
    for (const Detection& detection : detections) {
        QJsonObject details = m_assessment.toJson();
        details.insert(QStringLiteral("detector"), detection.detector);
        details.insert(QStringLiteral("count"), detection.count);
        details.insert(QStringLiteral("action"), QStringLiteral("detected"));
        // The account concerned, as authentication_failure names it; a
        // sprayed password is never named, not even by its fingerprint.
        details.insert(QStringLiteral("email_hash"), m_attempt.accountKey);
        if (detection.detector == QLatin1String("credential_stuffing")
            || detection.detector == QLatin1String("ip_failure_velocity"))
            details.insert(QStringLiteral("blocked_for_secs"),
                           double(m_detector->settings().blockDurationMs / 1000));
        core::recordEvent(
            core::requestEvent(events::SuspiciousActivity, Severity::High, m_sourceIp, details));
    }
}

bool recordMfaUse(const core::ServiceContext& context, QSqlDatabase& db, const QString& userId,
                  const QString& method, const QHostAddress& client)
{
    ThreatDetector* detector = context.threats;
    if (!detector || !detector->enabled() || userId.isEmpty() || method.isEmpty())
        return false;
    BehaviourProfile profile = detector->profiles().load(&db, userId);
    const bool unusual = profile.logins >= detector->settings().learningLogins
        && !profile.mfaMethods.isEmpty() && !profile.mfaMethods.contains(method);
    profile.learnMfa(method, Clock::nowSecs());
    detector->profiles().save(&db, profile);
    if (unusual) {
        auto event = core::requestEvent(
            events::SuspiciousActivity, Severity::Medium, client.toString(),
            {{QStringLiteral("detector"), QStringLiteral("behaviour_profile")},
             {QStringLiteral("reasons"), QJsonArray {QStringLiteral("unusual_mfa_method")}},
             {QStringLiteral("score"), 10},
             {QStringLiteral("action"), QStringLiteral("detected")},
             {QStringLiteral("method"), method.left(32)}});
        event.userId = userId;
        core::recordEvent(event);
    }
    return unusual;
}

void watchTokenUse(const core::ServiceContext& context, const QString& sessionId, const QString& userId,
                   const QHostAddress& client, const char* tokenKind)
{
    ThreatDetector* detector = context.threats;
    if (!detector || !detector->enabled() || sessionId.isEmpty())
        return;
    const auto detection = detector->observeTokenUse(sessionId, client, Clock::nowMs());
    if (!detection)
        return;
    // A network this user signs in from anyway is roaming, not replay. Only the
    // cached profile is asked: this runs on every authenticated request.
    const QString network = networkOf(client);
    if (const auto profile = detector->profiles().cached(userId);
        profile && profile->networks.contains(network))
        return;
    auto event = core::requestEvent(
        events::SuspiciousActivity, Severity::High, client.toString(),
        {{QStringLiteral("detector"), detection->detector},
         {QStringLiteral("reasons"), QJsonArray {QStringLiteral("token_from_new_network")}},
         {QStringLiteral("score"), 60},
         {QStringLiteral("action"), QStringLiteral("detected")},
         {QStringLiteral("token"), QLatin1String(tokenKind)},
         {QStringLiteral("session_id"), sessionId},
         {QStringLiteral("network"), network}});
    event.userId = userId;
    core::recordEvent(event);
}

} // namespace auth::threats
