#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace auth::mfa {

// RFC 6238 TOTP over liboath, in the profile authenticator apps assume:
// HMAC-SHA1, 30-second steps counted from the Unix epoch.
class Totp
{
public:
    static constexpr int SecretBytes = 20; // 160 bits (RFC 4226 §4 recommends it)
    static constexpr int StepSecs = 30;
    static constexpr int Digits = 6;

    // The code for `unixSecs` with `digits` digits (6 to 8); empty on a liboath error.
    static QString generate(const QByteArray& secret, qint64 unixSecs, int digits = Digits);

    // The time-step counter (unixSecs / 30) of the step whose code equals `code`,
    // searching `window` steps either side of `unixSecs`; nullopt when none does.
    // The counter names the accepted code, so callers can refuse a replay of it.
    static std::optional<quint64> validate(const QByteArray& secret, const QString& code, qint64 unixSecs,
                                           int window);

    // RFC 4648 base32 without padding, as otpauth URIs and oathtool -b take it.
    static QString toBase32(const QByteArray& secret);
    static std::optional<QByteArray> fromBase32(const QString& text);
};

} // namespace auth::mfa
