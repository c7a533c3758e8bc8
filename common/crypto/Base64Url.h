#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace auth::crypto {

// RFC 4648 §5 alphabet without padding, as JOSE (RFC 7515 §2) requires.
QByteArray base64UrlEncode(QByteArrayView data);

// Strict decoder for untrusted input: only [A-Za-z0-9-_], no padding, no
// whitespace, and the encoding must be the canonical one (unused trailing bits
// zero), so every byte string has exactly one accepted spelling and a token
// cannot be altered without changing its decoded content.
std::optional<QByteArray> base64UrlDecode(QByteArrayView text);

} // namespace auth::crypto
