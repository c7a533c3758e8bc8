#pragma once

#include "mfa/webauthn/WebAuthnTypes.h"

#include <QByteArray>

namespace auth::mfa::webauthn {

// Checks clientDataJSON (WebAuthn §5.8.1) against what the relying party expects:
// `type` ("webauthn.create" or "webauthn.get"), the challenge (constant-time), the
// origin (exact match against the allowed list), crossOrigin and tokenBinding.
// Returns an empty VerifyError when all hold.
VerifyError checkClientData(const QByteArray& clientDataJson, const char* expectedType,
                            const Expectations& expected);

} // namespace auth::mfa::webauthn
