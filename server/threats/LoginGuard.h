#pragma once

#include "http/HttpResponse.h"
#include "threats/ThreatDetector.h"

#include <QSqlDatabase>
#include <optional>

namespace auth::core {
struct ServiceContext;
}
namespace auth::accounts {
struct User;
}

namespace auth::threats {

// The threat checks of one sign-in, for the login handlers (/api/v1/auth/login,
// the /oauth/authorize form): cheap in-memory work on the handler's pool thread,
// plus one profile read and write on success. A no-op when the context has no
// detector or threats.enabled is false.
//
//   LoginGuard guard(context, client, userAgent, email, password);
//   if (auto blocked = guard.precheck()) return *blocked;      // before hashing
//   ... check the password ...
//   failure: guard.failed();
//   success: if (auto blocked = guard.succeeded(db, user)) return *blocked;
//            guard.assessment().decision == Decision::StepUp asks for MFA.
class LoginGuard
{
public:
    LoginGuard(const core::ServiceContext& context, const QHostAddress& client, const QString& userAgent,
               const QString& email, const QString& password);

    // A 403 login_blocked answer when this address may not sign in at all.
    std::optional<http::HttpResponse> precheck();
    void failed();
    // Scores a correct password; a 403 when the score reaches threats.block_score.
    // Otherwise the login goes on and the profile learns from it.
    std::optional<http::HttpResponse> succeeded(QSqlDatabase& db, const accounts::User& user);
    // Remembers which network the new session was issued to (token replay).
    void sessionStarted(const QString& sessionId);
    const Assessment& assessment() const { return m_assessment; }

    // The answer of a blocked login: 403 {"error":"login_blocked","reason":...}
    // with Retry-After when the block has an end.
    static http::HttpResponse blockedResponse(const Assessment& assessment);

private:
    void report(const QString& userId, const QString& action);
    void reportDetections(const QList<Detection>& detections);

    ThreatDetector* m_detector = nullptr;
    LoginAttempt m_attempt;
    QString m_sourceIp;
    Assessment m_assessment;
};

// For the MFA flow, after a second factor succeeded: learns the method into
// the user's profile and, when the user has an established habit and this
// method is not part of it, records suspicious_activity (unusual_mfa_method).
// Returns whether it was unusual. Database: call on a pool thread.
bool recordMfaUse(const core::ServiceContext& context, QSqlDatabase& db, const QString& userId,
                  const QString& method, const QHostAddress& client);

// Token replay: call where a session's token is accepted (Bearer checks,
// refresh). Records suspicious_activity the first time the session's tokens
// come from a network that is neither the one it was issued to nor one of the
// user's known networks. In-memory and O(1).
void watchTokenUse(const core::ServiceContext& context, const QString& sessionId, const QString& userId,
                   const QHostAddress& client, const char* tokenKind);

} // namespace auth::threats
