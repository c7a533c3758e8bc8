#include "mfa/webauthn/WebAuthnVerifier.h"

#include "crypto/Digest.h"
#include "mfa/webauthn/Attestation.h"
#include "mfa/webauthn/AuthenticatorData.h"
#include "mfa/webauthn/Cbor.h"
#include "mfa/webauthn/ClientData.h"
#include "mfa/webauthn/CoseKey.h"

namespace auth::mfa::webauthn {
namespace {

VerifyError fail(const char* code, const QString& message)
{
    return {QString::fromLatin1(code), message};
}

// Checks shared by both ceremonies on the parsed authenticator data.
VerifyError checkAuthenticatorData(const AuthenticatorData& data, const Expectations& expected)
{
    if (!crypto::constantTimeEquals(data.rpIdHash, crypto::sha256(expected.rpId.toUtf8())))
        return fail(errors::RpIdMismatch, QStringLiteral("rpIdHash is not SHA-256 of the relying party id"));
    if (!data.has(FlagUserPresent))
        return fail(errors::UserNotPresent, QStringLiteral("the user-present flag is not set"));
    if (expected.requireUserVerification && !data.has(FlagUserVerified))
        return fail(errors::UserNotVerified,
                    QStringLiteral("user verification was required but not performed"));
    return {};
}

RegistrationResult refused(const VerifyError& error)
{
    RegistrationResult result;
    result.error = error;
    return result;
}

AssertionResult refusedAssertion(const VerifyError& error)
{
    AssertionResult result;
    result.error = error;
    return result;
}

} // namespace

RegistrationResult verifyRegistration(const Expectations& expected, const RegistrationResponse& response,
                                      const QList<CoseAlgorithm>& algorithms)
{
    if (response.attestationObject.isEmpty() || response.attestationObject.size() > limits::AttestationObject)
        return refused(
            fail(errors::InvalidInput,
                 QStringLiteral("attestationObject of %1 bytes").arg(response.attestationObject.size())));
    if (response.credentialId.size() > limits::CredentialId)
        return refused(fail(errors::InvalidInput, QStringLiteral("credential id too long")));
    if (const VerifyError error = checkClientData(response.clientDataJson, "webauthn.create", expected);
        error.isError())
        return refused(error);

    QString why;
    const cbor::ItemPtr object = cbor::decodeExact(response.attestationObject, &why);
    if (!object || !cbor_isa_map(object.get()))
        return refused(fail(errors::CborInvalid,
                            why.isEmpty() ? QStringLiteral("attestationObject is not a CBOR map") : why));
    const auto fmt = cbor::toText(cbor::mapValue(object.get(), "fmt"));
    const cbor_item_t* attStmt = cbor::mapValue(object.get(), "attStmt");
    const auto authDataBytes = cbor::toBytes(cbor::mapValue(object.get(), "authData"));
    if (!fmt || !attStmt || !cbor_isa_map(attStmt) || !authDataBytes)
        return refused(
            fail(errors::CborInvalid, QStringLiteral("attestationObject lacks fmt, attStmt or authData")));

    VerifyError error;
    const auto authData = parseAuthenticatorData(*authDataBytes, &error);
    if (!authData)
        return refused(error);
    if (error = checkAuthenticatorData(*authData, expected); error.isError())
        return refused(error);
    if (!authData->has(FlagAttestedCredentialData))
        return refused(fail(errors::CredentialDataMissing, QStringLiteral("no attested credential data")));
    if (!response.credentialId.isEmpty() && response.credentialId != authData->credentialId)
        return refused(fail(errors::CredentialMismatch,
                            QStringLiteral("rawId differs from the attested credential id")));

    const cbor::ItemPtr coseKey = cbor::decodeExact(authData->cosePublicKey, &why);
    if (!coseKey)
        return refused(fail(errors::CborInvalid, QStringLiteral("credential public key: ") + why));
    const auto publicKey = publicKeyFromCose(coseKey.get(), &error);
    if (!publicKey)
        return refused(error);
    if (!algorithms.contains(publicKey->algorithm))
        return refused(fail(errors::AlgorithmNotAllowed,
                            QStringLiteral("%1 is not allowed").arg(algorithmName(publicKey->algorithm))));

    RegisteredCredential credential;
    credential.credentialId = authData->credentialId;
    credential.algorithm = publicKey->algorithm;
    credential.publicKeySpki = publicKey->spkiDer;
    credential.cosePublicKey = authData->cosePublicKey;
    credential.signCount = authData->signCount;
    credential.aaguid = authData->aaguid;
    credential.flags = authData->flags;
    credential.userVerified = authData->has(FlagUserVerified);
    credential.backupEligible = authData->has(FlagBackupEligible);
    credential.backedUp = authData->has(FlagBackedUp);
    credential.attestationFormat = *fmt;

    const AttestationInput attestation {
        *fmt, attStmt, *authDataBytes, crypto::sha256(response.clientDataJson), *publicKey, authData->aaguid};
    if (error = verifyAttestation(attestation, &credential); error.isError())
        return refused(error);

    RegistrationResult result;
    result.credential = credential;
    return result;
}

AssertionResult verifyAssertion(const Expectations& expected, const StoredCredential& stored,
                                const AssertionResponse& response)
{
    if (response.credentialId.isEmpty() || response.credentialId.size() > limits::CredentialId
        || response.signature.isEmpty() || response.signature.size() > limits::Signature
        || response.userHandle.size() > limits::UserHandle)
        return refusedAssertion(
            fail(errors::InvalidInput, QStringLiteral("missing or oversized assertion field")));
    if (response.credentialId != stored.credentialId)
        return refusedAssertion(
            fail(errors::CredentialMismatch, QStringLiteral("the assertion is for a different credential")));
    if (!response.userHandle.isEmpty() && !crypto::constantTimeEquals(response.userHandle, stored.userHandle))
        return refusedAssertion(fail(errors::UserHandleMismatch,
                                     QStringLiteral("the user handle is not the credential's owner")));
    if (const VerifyError error = checkClientData(response.clientDataJson, "webauthn.get", expected);
        error.isError())
        return refusedAssertion(error);

    VerifyError error;
    const auto authData = parseAuthenticatorData(response.authenticatorData, &error);
    if (!authData)
        return refusedAssertion(error);
    if (authData->has(FlagAttestedCredentialData))
        return refusedAssertion(fail(errors::AuthDataInvalid,
                                     QStringLiteral("an assertion must not carry attested credential data")));
    if (error = checkAuthenticatorData(*authData, expected); error.isError())
        return refusedAssertion(error);

    const QByteArray signedData = response.authenticatorData + crypto::sha256(response.clientDataJson);
    if (!verifySignature(stored.algorithm, stored.publicKeySpki, signedData, response.signature))
        return refusedAssertion(
            fail(errors::SignatureInvalid, QStringLiteral("the assertion signature is invalid")));

    if ((authData->signCount != 0 || stored.signCount != 0) && authData->signCount <= stored.signCount)
        return refusedAssertion(fail(errors::CounterRegression,
                                     QStringLiteral("signature counter %1 is not above the stored %2; the "
                                                    "authenticator may have been cloned")
                                         .arg(authData->signCount)
                                         .arg(stored.signCount)));

    AssertionResult result;
    result.newSignCount = authData->signCount;
    result.userVerified = authData->has(FlagUserVerified);
    result.backedUp = authData->has(FlagBackedUp);
    return result;
}

} // namespace auth::mfa::webauthn
