#pragma once

#include <QByteArray>
#include <QString>

namespace auth::crypto {

// Bytes from OpenSSL's CSPRNG. A failing RNG aborts the process (qFatal): no
// caller could do anything safe with predictable "random" bytes.
QByteArray randomBytes(int n);

// An unguessable token of `bytes` random bytes, base64url without padding.
QString randomToken(int bytes = 32);

} // namespace auth::crypto
