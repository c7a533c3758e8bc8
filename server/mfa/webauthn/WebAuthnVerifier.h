#pragma once

#include "mfa/webauthn/WebAuthnTypes.h"

#include <QList>

// The relying party's checks of the two WebAuthn ceremonies (W3C WebAuthn Level 2
// §7.1 registration, §7.2 authentication). Pure functions of their inputs: safe on
// any thread, no I/O; the caller binds the challenge to the session, stores the
// credential and makes sure a credential id is not registered twice.
namespace auth::mfa::webauthn {

// The authenticator's answer to navigator.credentials.create(), decoded from base64url.
struct RegistrationResponse
{
    QByteArray credentialId; // rawId; when non-empty it must equal the id in authData
    QByteArray clientDataJson;
    QByteArray attestationObject;
};

// Verifies a registration: clientData type "webauthn.create", challenge, origin,
// rpIdHash = SHA-256(rpId), user present (and verified when required), attested
// credential data with an ES256 or RS256 key among `algorithms`, and the
// attestation statement: "none", or "packed" (self attestation checked with the
// credential key; x5c checked against the leaf certificate only, reported as
// AttestationType::BasicUnverifiedChain). Other formats are refused.
RegistrationResult verifyRegistration(const Expectations& expected, const RegistrationResponse& response,
                                      const QList<CoseAlgorithm>& algorithms
                                      = {CoseAlgorithm::ES256, CoseAlgorithm::RS256});

// Verifies an assertion made with `stored`: credential id, user handle (when the
// authenticator returned one), clientData type "webauthn.get", challenge, origin,
// rpIdHash, user presence/verification, the signature over authData ||
// SHA-256(clientDataJSON), and the signature counter: when either counter is non-zero
// the new one must be greater, otherwise the error is "counter_regression" (a
// possibly cloned authenticator; the caller should not update anything).
AssertionResult verifyAssertion(const Expectations& expected, const StoredCredential& stored,
                                const AssertionResponse& response);

} // namespace auth::mfa::webauthn
