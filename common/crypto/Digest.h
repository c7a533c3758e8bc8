#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace auth::crypto {

// SHA-256 of `data` (32 bytes).
QByteArray sha256(QByteArrayView data);

// HMAC-SHA256 (RFC 2104) of `data` under `key` (32 bytes).
QByteArray hmacSha256(QByteArrayView key, QByteArrayView data);

// Compares secrets (MACs, token hashes) in time independent of where they differ.
// A length mismatch returns false at once: lengths are public, contents are not.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace auth::crypto
