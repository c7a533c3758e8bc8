#pragma once

#include "mfa/MfaMethod.h"
#include "mfa/webauthn/WebAuthnTypes.h"

#include <QList>
#include <optional>

namespace auth::core {
struct ServiceContext;
}

namespace auth::mfa {

// WebAuthn security keys and platform authenticators as a second factor. Each
// credential is an mfa_enrollments row (method "webauthn") with its
// webauthn_credentials row. An assertion answers the challenge bound (by
// /api/v1/mfa/webauthn/options) to the mfa_token or, for a step-up, to the
// session; the challenge is used up by the first attempt. The signature
// counter only moves forward, with a compare-and-set.
class WebAuthnMethod : public MfaMethod
{
public:
    explicit WebAuthnMethod(core::ServiceContext& context)
        : m_context(context)
    {
    }

    QString name() const override { return QStringLiteral("webauthn"); }
    QStringList amr() const override { return {QStringLiteral("hwk")}; }
    bool isAvailable(QSqlDatabase& db, const QString& userId) const override;
    Verdict verify(QSqlDatabase& db, const VerifyRequest& request) override;
    bool remove(QSqlDatabase& db, const QString& userId) override;

    // The relying party: mfa.webauthn_rp_id / _origins, by default the issuer's
    // host and origin (or, without an issuer, the request's Host).
    struct RelyingParty
    {
        QString id;
        QString name;
        QStringList origins;
    };
    RelyingParty relyingParty(const QByteArray& hostHeader) const;

    struct Credential
    {
        QByteArray id;
        QString enrollmentId;
        QString label;
        webauthn::StoredCredential stored;
    };
    static QList<Credential> credentials(QSqlDatabase& db, const QString& userId);
    static bool credentialExists(QSqlDatabase& db, const QByteArray& credentialId);
    // Stores a verified credential as a confirmed enrolment; false on a storage
    // error or when the credential id is already registered.
    static bool store(QSqlDatabase& db, const QString& userId, const QString& label,
                      const webauthn::RegisteredCredential& credential, const QString& transports,
                      qint64 nowSecs);
    // Removes one of the user's credentials; false if the user has no such credential.
    static bool removeCredential(QSqlDatabase& db, const QString& userId, const QByteArray& credentialId);

    // Where the challenges of the ceremonies are bound.
    static QString registrationKey(const QString& sessionId);
    static QString assertionKey(const QString& challengeId);
    static constexpr qint64 ChallengeTtlSecs = 300;
    // What is bound: the challenge and the relying party the options named.
    static QString binding(const QByteArray& challenge, const RelyingParty& rp);
    static std::optional<webauthn::Expectations> parseBinding(const QString& data);

private:
    core::ServiceContext& m_context;
};

} // namespace auth::mfa
