#pragma once

#include <QString>

namespace auth::test {

// The TOTP code that oathtool (an independent generator) computes for the
// base32 `secret` at now + offsetSecs; empty when oathtool fails.
QString oathCode(const QString& secret, qint64 offsetSecs = 0);

} // namespace auth::test
