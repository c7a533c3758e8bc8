#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace auth::crypto {

// AES-256-GCM with a random 96-bit nonce, for secrets at rest (wrapped signing
// keys, TOTP seeds). Output: 0x01 version | 12-byte nonce | ciphertext | 16-byte
// tag; the version byte is authenticated too. `aad` binds the ciphertext to its
// context (e.g. the row id), so a blob copied elsewhere does not open. Random
// nonces keep a key safe for about 2^32 seals: derive a key per purpose.
// A key that is not 32 bytes is a programming error and aborts (qFatal).
QByteArray seal(const QByteArray& key32, QByteArrayView plaintext, QByteArrayView aad = {});

// The plaintext, or nullopt if the key or aad is wrong or any byte was altered.
std::optional<QByteArray> open(const QByteArray& key32, QByteArrayView sealed, QByteArrayView aad = {});

// HKDF-SHA256 (RFC 5869) producing `length` bytes (at most 255 * 32).
QByteArray hkdfSha256(QByteArrayView secret, QByteArrayView salt, QByteArrayView info, int length);

// A 32-byte key for one purpose (`info`, e.g. "auth-service signing-key wrap v1")
// from a high-entropy master secret; HKDF without salt. An empty secret aborts.
QByteArray deriveKey(QByteArrayView secret, QByteArrayView info);

} // namespace auth::crypto
