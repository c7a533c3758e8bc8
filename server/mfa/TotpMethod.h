#pragma once

#include "mfa/MfaMethod.h"

#include <optional>

namespace auth::core {
struct ServiceContext;
}

namespace auth::mfa {

// TOTP (RFC 6238) as a second factor: enrolment with a 160-bit seed sealed at
// rest, confirmation by a first valid code, verification within MFA_TOTP_WINDOW
// steps, and a replay cache in the state store so an accepted code never
// passes again for the same user (shared by all instances with Redis).
class TotpMethod : public MfaMethod
{
public:
    explicit TotpMethod(core::ServiceContext& context)
        : m_context(context)
    {
    }

    QString name() const override { return QStringLiteral("totp"); }
    QStringList amr() const override { return {QStringLiteral("otp")}; }
    bool isAvailable(QSqlDatabase& db, const QString& userId) const override;
    Verdict verify(QSqlDatabase& db, const VerifyRequest& request) override;
    bool remove(QSqlDatabase& db, const QString& userId) override;

    struct Pending
    {
        QString secret; // base32
        QString uri; // otpauth://
    };
    // A new pending enrolment (replacing an earlier pending one); nullopt on a storage error.
    std::optional<Pending> begin(QSqlDatabase& db, const QString& userId, const QString& accountName);

    enum class Confirm { Confirmed, NothingPending, Rejected, Malformed, Failed };
    Confirm confirm(QSqlDatabase& db, const QString& userId, const QString& code);

    // Enrols and confirms at once (the first admin's seed, written to its 0600 file).
    std::optional<Pending> enrollConfirmed(QSqlDatabase& db, const QString& userId,
                                           const QString& accountName);

    static bool isWellFormed(const QString& code);

private:
    // Accepted when the code is right and was not accepted before.
    Verdict check(const QByteArray& secret, const QString& userId, const QString& code);
    QByteArray seal(const QString& userId, const QString& enrollmentId, const QByteArray& secret) const;
    std::optional<QByteArray> open(const QString& userId, const QString& enrollmentId,
                                   const QByteArray& sealed) const;
    QString uriFor(const QString& accountName, const QString& secretBase32) const;

    core::ServiceContext& m_context;
};

} // namespace auth::mfa
