#pragma once

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace auth::mfa {

// What a method is asked to check: whose proof, the request body that carries
// it (`code` for code methods, an assertion for WebAuthn), and the challenge it
// answers (the SHA-256 of the mfa_token; empty for a step-up).
struct VerifyRequest
{
    QString userId;
    QJsonObject body;
    QString challengeId;
    QString sourceIp;
};

enum class Verdict {
    Accepted, // the proof is right and now consumed: it never passes again
    Rejected, // wrong, replayed or used up: counts towards the MFA lockout
    Malformed, // not even shaped like a proof (400, not counted)
};

// One second factor. MfaService owns the registered methods, asks each whether
// a user can use it, and routes /api/v1/mfa/verify and /step-up to it by name;
// lockout, events, metrics and tokens stay in MfaService. New methods (WebAuthn,
// SMS, e-mail) plug in with MfaService::addMethod. Methods run on pool threads
// with the thread's connection.
class MfaMethod
{
public:
    virtual ~MfaMethod() = default;
    // The name clients send as "method" ("totp", "backup_code", "webauthn", ...).
    virtual QString name() const = 0;
    // RFC 8176 authentication method references it adds to "pwd" in tokens.
    virtual QStringList amr() const = 0;
    // Counts as an enrolled factor (backup codes do not: they back one up).
    virtual bool isFactor() const { return true; }
    // The user can complete a challenge with this method now.
    virtual bool isAvailable(QSqlDatabase& db, const QString& userId) const = 0;
    virtual Verdict verify(QSqlDatabase& db, const VerifyRequest& request) = 0;
    // Removes the user's enrolment of this method; false if there was none.
    virtual bool remove(QSqlDatabase& db, const QString& userId) = 0;
};

} // namespace auth::mfa
