#pragma once

#include "core/BearerAuth.h"
#include "events/SecurityEvent.h"
#include "http/HttpResponse.h"
#include "mfa/MfaMethod.h"
#include "mfa/MfaMetrics.h"

#include <QSqlDatabase>
#include <memory>
#include <optional>
#include <vector>

namespace auth::accounts {
struct User;
}
namespace auth::core {
struct ServiceContext;
}

namespace auth::mfa {

class TotpMethod;
class BackupCodeMethod;

// MFA policy and the second step of sign-in, shared by the MFA routes, the
// password login, the admin gate and sensitive actions: which methods a user
// can use, whether a password alone may sign them in, the single-use
// challenge (mfa_token), verification with lockout, events and metrics, the
// tokens of a completed login, and step-up checks. Blocking (SQL): call on a
// pool thread with the thread's connection.
class MfaService
{
public:
    explicit MfaService(core::ServiceContext& context);
    ~MfaService();

    // Methods plug in here; verify and step-up route to them by name.
    void addMethod(std::unique_ptr<MfaMethod> method);
    MfaMethod* method(const QString& name) const;
    QStringList methodNames() const;
    TotpMethod& totp() const { return *m_totp; }
    MfaMetrics& metrics() { return m_metrics; }

    // Factors first, then backup_code when codes are left.
    QStringList availableMethods(QSqlDatabase& db, const QString& userId) const;
    bool hasFactor(QSqlDatabase& db, const QString& userId) const;
    // Set by an admin for the user: a password alone never signs them in.
    bool requiredByPolicy(const accounts::User& user) const;
    // MFA_REQUIRED_FOR_ADMIN and an admin: the admin API needs an MFA session.
    bool requiredForAdminApi(const accounts::User& user) const;
    // A password alone must not sign this user in.
    bool needsSecondFactor(QSqlDatabase& db, const accounts::User& user) const;

    // After a right password: the mfa_required answer (with enrollment_required
    // when policy demands MFA the user has not set up), or nullopt when the
    // password login goes on as before.
    std::optional<http::HttpResponse> beginLogin(QSqlDatabase& db, const accounts::User& user,
                                                 const QString& sourceIp, const QString& userAgent);

    struct Outcome
    {
        bool accepted = false;
        http::HttpResponse error; // when not accepted
        QStringList amr; // when accepted: "pwd" plus the method's
    };
    // Checks one proof: the MFA lock, the method's verdict, the failure count
    // (more than MFA_LOCKOUT_THRESHOLD in a row locks), the mfa_verification
    // event and the metrics. `purpose` goes into the event ("login", "step_up", ...).
    Outcome verify(QSqlDatabase& db, const QString& methodName, const VerifyRequest& request,
                   const QString& purpose);

    // The pieces of verify() for flows that check a code themselves (TOTP
    // confirmation): 429 mfa_locked while locked; counting a success or a
    // failure with its event and metrics (a 429 when this failure locked).
    std::optional<http::HttpResponse> lockedResponse(QSqlDatabase& db, const QString& userId) const;
    void countSuccess(QSqlDatabase& db, const QString& userId, const QString& methodName,
                      const QString& purpose, const QString& sourceIp);
    std::optional<http::HttpResponse> countFailure(QSqlDatabase& db, const QString& userId,
                                                   const QString& methodName, const QString& purpose,
                                                   const QString& sourceIp);

    // A new session that passed MFA, and its token pair (the password login's answer).
    http::HttpResponse completeLogin(QSqlDatabase& db, const accounts::User& user, const QStringList& amr,
                                     const QString& sourceIp, const QString& userAgent,
                                     const QJsonObject& extraAnswer = {});

    // 403 step_up_required unless the token passed MFA within MFA_STEP_UP_MAX_AGE;
    // nothing to ask of a user without MFA.
    std::optional<http::HttpResponse> requireStepUp(QSqlDatabase& db, const core::Principal& principal) const;

    void recordEvent(const char* type, Severity severity, const QString& userId, const QString& sourceIp,
                     const QJsonObject& details) const;

    // Bookkeeping the method routes share. After a method's first
    // confirmation: new backup codes when the account has none left, put into
    // `answer` as "backup_codes", with their event.
    void addBackupCodesIfNone(QSqlDatabase& db, const QString& userId, const QString& sourceIp,
                              QJsonObject& answer);
    // 409 mfa_required_by_policy when removing `methodName` would leave an
    // account that policy holds to MFA without a factor; `keptOfMethod`
    // counts what stays of that method itself (other security keys).
    std::optional<http::HttpResponse> refuseRemoval(QSqlDatabase& db, const accounts::User& user,
                                                    const QString& methodName, int keptOfMethod = 0) const;
    // After a removal: the backup codes go with the last factor; the
    // mfa_disabled event carries `details` and mfa_remaining.
    void recordRemoval(QSqlDatabase& db, const QString& userId, const QString& sourceIp, QJsonObject details);

private:
    core::ServiceContext& m_context;
    std::vector<std::unique_ptr<MfaMethod>> m_methods;
    TotpMethod* m_totp = nullptr;
    MfaMetrics m_metrics;
};

} // namespace auth::mfa
