#pragma once

#include "mfa/MfaMethod.h"
#include "mfa/delivery/Message.h"
#include "mfa/delivery/OneTimeCode.h"

#include <optional>

namespace auth::core {
struct ServiceContext;
}

namespace auth::mfa {

// SMS or e-mail one-time codes as a second factor. The enrolment keeps the
// phone number or address sealed with the MFA key (the label shows it masked).
// A code is issued for one binding (a login's mfa_token, a step-up's session,
// an enrolment), stored only as a salted HMAC with its expiry and attempts
// (mfa_challenges.data), and updated with a compare-and-set so parallel
// guesses cannot get extra tries.
class CodeMethod : public MfaMethod
{
public:
    CodeMethod(core::ServiceContext& context, delivery::Channel channel)
        : m_context(context)
        , m_channel(channel)
    {
    }

    QString name() const override;
    // RFC 8176: "sms" for a code sent by text message, "otp" for one by mail.
    QStringList amr() const override;
    bool isAvailable(QSqlDatabase& db, const QString& userId) const override;
    Verdict verify(QSqlDatabase& db, const VerifyRequest& request) override;
    bool remove(QSqlDatabase& db, const QString& userId) override;

    delivery::Channel channel() const { return m_channel; }

    // The confirmed (or, with `pending`, unconfirmed) enrolment's recipient.
    std::optional<QString> recipient(QSqlDatabase& db, const QString& userId, bool pending = false) const;
    // A new unconfirmed enrolment for `recipient` (replacing an earlier one); its id.
    std::optional<QString> begin(QSqlDatabase& db, const QString& userId, const QString& recipient);

    // Drops an enrolment that never got its code (the gateway failed).
    static void dropPending(QSqlDatabase& db, const QString& enrollmentId);

    // A fresh code for `bindingKey` (replacing an earlier one); the code goes
    // into the message only. nullopt on a storage error.
    std::optional<QString> issue(QSqlDatabase& db, const QString& userId, const QString& bindingKey);
    // Checks a code against the one issued for `bindingKey`.
    delivery::CodeCheck check(QSqlDatabase& db, const QString& bindingKey, const QString& code);

    static QString loginKey(const QString& method, const QString& challengeId);
    static QString enrollmentKey(const QString& method, const QString& enrollmentId);
    static bool isWellFormed(const QString& code);
    // "+49*******5678", "a***@example.com": enough to recognise, not to reuse.
    static QString mask(delivery::Channel channel, const QString& recipient);

private:
    QByteArray aad(const QString& userId, const QString& enrollmentId) const;

    core::ServiceContext& m_context;
    delivery::Channel m_channel;
};

} // namespace auth::mfa
