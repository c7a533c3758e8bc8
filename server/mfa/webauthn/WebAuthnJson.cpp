#include "mfa/webauthn/WebAuthnJson.h"

#include "crypto/Base64Url.h"
#include "crypto/Random.h"

#include <QJsonArray>

namespace auth::mfa::webauthn {
namespace {

constexpr int kChallengeBytes = 32;

QString b64(const QByteArray& data)
{
    return QString::fromLatin1(crypto::base64UrlEncode(data));
}

QJsonArray descriptors(const QList<QByteArray>& ids)
{
    QJsonArray out;
    for (const QByteArray& id : ids)
        out.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("public-key")},
                                {QStringLiteral("id"), b64(id)}});
    return out;
}

VerifyError invalid(const QString& message)
{
    return {QString::fromLatin1(errors::InvalidInput), message};
}

// A base64url member of `object`, decoded, within `maxBytes`; `optional` allows it to
// be absent or null (then an empty array is returned).
std::optional<QByteArray> binaryMember(const QJsonObject& object, const char* name, qsizetype maxBytes,
                                       VerifyError* error, bool optional = false)
{
    const QJsonValue value = object.value(QLatin1String(name));
    if (optional && (value.isUndefined() || value.isNull()))
        return QByteArray();
    // base64url of maxBytes is at most ceil(4n/3) characters: refuse before decoding.
    if (!value.isString() || value.toString().size() > (maxBytes * 4 + 2) / 3) {
        *error = invalid(QStringLiteral("%1 is missing or too long").arg(QLatin1String(name)));
        return std::nullopt;
    }
    const auto decoded = crypto::base64UrlDecode(value.toString().toLatin1());
    if (!decoded || (decoded->isEmpty() && !optional)) {
        *error = invalid(QStringLiteral("%1 is not base64url").arg(QLatin1String(name)));
        return std::nullopt;
    }
    return decoded;
}

// The envelope shared by both ceremonies; returns the `response` member.
std::optional<QJsonObject> envelope(const QJsonObject& credential, QByteArray* rawId, VerifyError* error)
{
    if (credential.value(QLatin1String("type")) != QLatin1String("public-key")) {
        *error = invalid(QStringLiteral("type must be \"public-key\""));
        return std::nullopt;
    }
    const auto id = binaryMember(credential, "id", limits::CredentialId, error);
    const auto raw = id ? binaryMember(credential, "rawId", limits::CredentialId, error) : std::nullopt;
    if (!id || !raw)
        return std::nullopt;
    if (*id != *raw) {
        *error = invalid(QStringLiteral("id and rawId differ"));
        return std::nullopt;
    }
    const QJsonValue response = credential.value(QLatin1String("response"));
    if (!response.isObject()) {
        *error = invalid(QStringLiteral("response must be an object"));
        return std::nullopt;
    }
    *rawId = *raw;
    return response.toObject();
}

} // namespace

QByteArray newChallenge()
{
    return crypto::randomBytes(kChallengeBytes);
}

QString userVerificationName(UserVerification value)
{
    switch (value) {
    case UserVerification::Required:
        return QStringLiteral("required");
    case UserVerification::Discouraged:
        return QStringLiteral("discouraged");
    case UserVerification::Preferred:
        break;
    }
    return QStringLiteral("preferred");
}

QJsonObject creationOptions(const CreationOptionsInput& input)
{
    QJsonArray params;
    for (const CoseAlgorithm algorithm : input.algorithms)
        params.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("public-key")},
                                   {QStringLiteral("alg"), int(algorithm)}});
    return QJsonObject {
        {QStringLiteral("rp"),
         QJsonObject {{QStringLiteral("id"), input.rpId}, {QStringLiteral("name"), input.rpName}}},
        {QStringLiteral("user"),
         QJsonObject {{QStringLiteral("id"), b64(input.userHandle)},
                      {QStringLiteral("name"), input.userName},
                      {QStringLiteral("displayName"), input.userDisplayName}}},
        {QStringLiteral("challenge"), b64(input.challenge)},
        {QStringLiteral("pubKeyCredParams"), params},
        {QStringLiteral("timeout"), input.timeoutMs},
        {QStringLiteral("excludeCredentials"), descriptors(input.excludeCredentialIds)},
        {QStringLiteral("authenticatorSelection"),
         QJsonObject {{QStringLiteral("residentKey"), input.residentKey},
                      {QStringLiteral("requireResidentKey"), input.residentKey == QLatin1String("required")},
                      {QStringLiteral("userVerification"), userVerificationName(input.userVerification)}}},
        {QStringLiteral("attestation"), input.attestation},
    };
}

QJsonObject requestOptions(const RequestOptionsInput& input)
{
    return QJsonObject {
        {QStringLiteral("rpId"), input.rpId},
        {QStringLiteral("challenge"), b64(input.challenge)},
        {QStringLiteral("timeout"), input.timeoutMs},
        {QStringLiteral("allowCredentials"), descriptors(input.allowCredentialIds)},
        {QStringLiteral("userVerification"), userVerificationName(input.userVerification)},
    };
}

std::optional<RegistrationResponse> parseRegistrationResponse(const QJsonObject& credential,
                                                              VerifyError* error)
{
    RegistrationResponse out;
    const auto response = envelope(credential, &out.credentialId, error);
    if (!response)
        return std::nullopt;
    const auto clientData = binaryMember(*response, "clientDataJSON", limits::ClientDataJson, error);
    const auto attestation = clientData
        ? binaryMember(*response, "attestationObject", limits::AttestationObject, error)
        : std::nullopt;
    if (!clientData || !attestation)
        return std::nullopt;
    out.clientDataJson = *clientData;
    out.attestationObject = *attestation;
    return out;
}

std::optional<AssertionResponse> parseAssertionResponse(const QJsonObject& credential, VerifyError* error)
{
    AssertionResponse out;
    const auto response = envelope(credential, &out.credentialId, error);
    if (!response)
        return std::nullopt;
    const auto clientData = binaryMember(*response, "clientDataJSON", limits::ClientDataJson, error);
    const auto authData = clientData
        ? binaryMember(*response, "authenticatorData", limits::AuthenticatorData, error)
        : std::nullopt;
    const auto signature
        = authData ? binaryMember(*response, "signature", limits::Signature, error) : std::nullopt;
    const auto userHandle
        = signature ? binaryMember(*response, "userHandle", limits::UserHandle, error, true) : std::nullopt;
    if (!userHandle)
        return std::nullopt;
    out.clientDataJson = *clientData;
    out.authenticatorData = *authData;
    out.signature = *signature;
    out.userHandle = *userHandle;
    return out;
}

} // namespace auth::mfa::webauthn
