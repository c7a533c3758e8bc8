#pragma once

#include "mfa/webauthn/WebAuthnTypes.h"

#include <QByteArray>
#include <QString>
#include <cbor.h>
#include <openssl/types.h>
#include <optional>

// COSE_Key (RFC 9052/9053) credential public keys and the signatures made with them.
namespace auth::mfa::webauthn {

struct CredentialPublicKey
{
    CoseAlgorithm algorithm = CoseAlgorithm::ES256;
    QByteArray spkiDer; // DER SubjectPublicKeyInfo
};

// Converts a decoded COSE_Key map to a public key: EC2 on P-256 with alg -7, or
// RSA (2048 to 8192 bits, odd exponent) with alg -257. Any other key type, curve,
// algorithm, a point off the curve or private-key members fail with `error`.
std::optional<CredentialPublicKey> publicKeyFromCose(const cbor_item_t* coseKey, VerifyError* error);

// Verifies `signature` over `data` with SHA-256: DER ECDSA-Sig-Value for ES256,
// PKCS#1 v1.5 for RS256. `spkiDer` must hold a key of the algorithm's type.
bool verifySignature(CoseAlgorithm algorithm, const QByteArray& spkiDer, QByteArrayView data,
                     QByteArrayView signature);

// The DER SubjectPublicKeyInfo of `key`; empty when OpenSSL cannot encode it.
QByteArray subjectPublicKeyInfo(EVP_PKEY* key);

// The algorithm's IANA name ("ES256", "RS256") for logs and events.
QString algorithmName(CoseAlgorithm algorithm);

} // namespace auth::mfa::webauthn
