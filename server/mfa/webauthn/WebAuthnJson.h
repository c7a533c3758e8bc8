#pragma once

#include "mfa/webauthn/WebAuthnTypes.h"
#include "mfa/webauthn/WebAuthnVerifier.h"

#include <QJsonObject>
#include <optional>

// The browser-facing JSON of the ceremonies: options for navigator.credentials
// create()/get() in the PublicKeyCredential*OptionsJSON shape (binary fields
// base64url, as PublicKeyCredential.parseCreationOptionsFromJSON() takes them), and
// the decoding of the credential the browser sends back (PublicKeyCredential.toJSON()).
namespace auth::mfa::webauthn {

// 32 bytes from the OpenSSL CSPRNG; bind it to the session and pass it as
// Expectations::challenge when the response comes back.
QByteArray newChallenge();

struct CreationOptionsInput
{
    QString rpId;
    QString rpName;
    QByteArray userHandle; // opaque, at most 64 bytes, no personal data (§14.6.1)
    QString userName;
    QString userDisplayName;
    QByteArray challenge;
    QList<QByteArray> excludeCredentialIds; // the user's existing credentials
    QList<CoseAlgorithm> algorithms = {CoseAlgorithm::ES256, CoseAlgorithm::RS256};
    UserVerification userVerification = UserVerification::Preferred;
    QString residentKey = QStringLiteral("discouraged"); // discouraged | preferred | required
    QString attestation = QStringLiteral("none"); // none | indirect | direct
    int timeoutMs = 300000;
};

struct RequestOptionsInput
{
    QString rpId;
    QByteArray challenge;
    QList<QByteArray> allowCredentialIds; // empty for discoverable credentials
    UserVerification userVerification = UserVerification::Preferred;
    int timeoutMs = 300000;
};

QJsonObject creationOptions(const CreationOptionsInput& input);
QJsonObject requestOptions(const RequestOptionsInput& input);
QString userVerificationName(UserVerification value);

// Decode {id, rawId, type:"public-key", response:{...}} with strict base64url, size
// bounds and id == rawId. A problem is an errors::InvalidInput VerifyError.
std::optional<RegistrationResponse> parseRegistrationResponse(const QJsonObject& credential,
                                                              VerifyError* error);
std::optional<AssertionResponse> parseAssertionResponse(const QJsonObject& credential, VerifyError* error);

} // namespace auth::mfa::webauthn
