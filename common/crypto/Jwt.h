#pragma once

#include "crypto/JwtVerifier.h"
#include "crypto/SigningKey.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace auth::crypto {

// Tokens above this size are refused unparsed: no legitimate token of ours comes
// close, and it bounds the work an attacker can make a verifier do.
constexpr qsizetype kMaxJwtSize = 16 * 1024;

// Compact JWS of `claims`. The header's "alg" comes from the key and "kid" from
// key.kid() (removed when the kid is empty), overriding whatever the caller put
// there; other members (e.g. "typ") are kept. Empty if the key cannot sign.
QByteArray signJwt(const QJsonObject& header, const QJsonObject& claims, const SigningKey& key);

// The parts of a compact JWS, parsed but NOT verified.
struct DecodedJwt
{
    QJsonObject header;
    QJsonObject claims;
    QByteArray signingInput; // "<header>.<payload>" exactly as received
    QByteArray signature;
};

// Splits and parses a compact JWS: exactly three parts, strict base64url, header
// and payload JSON objects without duplicate keys, at most kMaxJwtSize bytes.
// Says nothing about authenticity: use JwtVerifier for that.
std::optional<DecodedJwt> decodeJwt(QByteArrayView token, QString* error = nullptr);

} // namespace auth::crypto
