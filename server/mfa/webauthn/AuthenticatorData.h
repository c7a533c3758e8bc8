#pragma once

#include "mfa/webauthn/WebAuthnTypes.h"

#include <QByteArray>
#include <optional>

namespace auth::mfa::webauthn {

// The authenticator data structure (WebAuthn §6.1), parsed strictly: the attested
// credential data and extensions must be present exactly when their flags say so,
// each CBOR item is checked, and nothing may follow them.
struct AuthenticatorData
{
    QByteArray rpIdHash; // 32 bytes
    quint8 flags = 0;
    quint32 signCount = 0;
    // Attested credential data, when FlagAttestedCredentialData is set:
    QByteArray aaguid;
    QByteArray credentialId;
    QByteArray cosePublicKey; // the COSE_Key CBOR item's bytes
    QByteArray extensions; // the extensions CBOR map's bytes, when FlagExtensionData is set

    bool has(AuthenticatorFlag flag) const { return (flags & flag) != 0; }
};

std::optional<AuthenticatorData> parseAuthenticatorData(const QByteArray& raw, VerifyError* error);

} // namespace auth::mfa::webauthn
