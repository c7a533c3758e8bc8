#pragma once

#include "mfa/webauthn/CoseKey.h"
#include "mfa/webauthn/WebAuthnTypes.h"

#include <cbor.h>

namespace auth::mfa::webauthn {

struct AttestationInput
{
    QString format;
    const cbor_item_t* statement = nullptr; // the attStmt map
    QByteArray authenticatorData; // raw bytes as signed
    QByteArray clientDataHash;
    CredentialPublicKey credentialKey;
    QByteArray aaguid;
};

// Verifies attestation statement formats "none" (WebAuthn §8.7) and "packed" (§8.2),
// filling `credential`'s attestationType and attestationCertificates. Any other
// format is refused with errors::UnsupportedAttestation.
VerifyError verifyAttestation(const AttestationInput& input, RegisteredCredential* credential);

} // namespace auth::mfa::webauthn
