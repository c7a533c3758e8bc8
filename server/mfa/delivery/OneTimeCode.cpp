#include "mfa/delivery/OneTimeCode.h"

#include "core/Clock.h"
#include "crypto/Base64Url.h"
#include "crypto/Digest.h"
#include "crypto/Random.h"

#include <QtEndian>

namespace auth::mfa::delivery {
namespace {

constexpr int kSaltBytes = 16;

quint32 power10(int digits)
{
    quint32 value = 1;
    for (int i = 0; i < digits; ++i)
        value *= 10;
    return value;
}

// A uniform value below `bound`: draws whose remainder would favour small values are
// rejected instead of reduced (no modulo bias).
quint32 uniformBelow(quint32 bound)
{
    const quint64 range = quint64(1) << 32;
    const quint64 limit = range - range % bound;
    for (;;) {
        const QByteArray bytes = crypto::randomBytes(4);
        const quint32 value = qFromBigEndian<quint32>(bytes.constData());
        if (value < limit)
            return value % bound;
    }
}

} // namespace

QJsonObject CodeChallenge::toJson() const
{
    return QJsonObject {{QStringLiteral("salt"), QString::fromLatin1(crypto::base64UrlEncode(salt))},
                        {QStringLiteral("hash"), QString::fromLatin1(crypto::base64UrlEncode(hash))},
                        {QStringLiteral("expires_at_ms"), expiresAtMs},
                        {QStringLiteral("attempts_left"), attemptsLeft}};
}

std::optional<CodeChallenge> CodeChallenge::fromJson(const QJsonObject& object)
{
    const auto salt = crypto::base64UrlDecode(object.value(QLatin1String("salt")).toString().toLatin1());
    const auto hash = crypto::base64UrlDecode(object.value(QLatin1String("hash")).toString().toLatin1());
    const QJsonValue expires = object.value(QLatin1String("expires_at_ms"));
    const QJsonValue attempts = object.value(QLatin1String("attempts_left"));
    if (!salt || salt->size() != kSaltBytes || !hash || hash->size() != 32 || !expires.isDouble()
        || !attempts.isDouble() || attempts.toInt(-1) < 0)
        return std::nullopt;
    return CodeChallenge {*salt, *hash, expires.toInteger(), attempts.toInt()};
}

IssuedCode OneTimeCode::issue(int digits, qint64 ttlMs, int maxAttempts)
{
    Q_ASSERT(digits >= 4 && digits <= 9 && maxAttempts > 0 && ttlMs > 0);
    IssuedCode issued;
    issued.code = QStringLiteral("%1").arg(uniformBelow(power10(digits)), digits, 10, QLatin1Char('0'));
    issued.challenge.salt = crypto::randomBytes(kSaltBytes);
    issued.challenge.hash = crypto::hmacSha256(issued.challenge.salt, issued.code.toLatin1());
    issued.challenge.expiresAtMs = Clock::nowMs() + ttlMs;
    issued.challenge.attemptsLeft = maxAttempts;
    return issued;
}

CodeCheck OneTimeCode::verify(CodeChallenge& challenge, const QString& input, int digits)
{
    if (challenge.attemptsLeft <= 0)
        return CodeCheck::TooManyAttempts;
    if (Clock::nowMs() >= challenge.expiresAtMs)
        return CodeCheck::Expired;
    --challenge.attemptsLeft;
    QString normalized = input.left(64);
    normalized.remove(QLatin1Char(' ')).remove(QLatin1Char('-'));
    bool digitsOnly = normalized.size() == digits;
    for (const QChar c : normalized)
        digitsOnly = digitsOnly && c >= QLatin1Char('0') && c <= QLatin1Char('9');
    if (!digitsOnly)
        return CodeCheck::Malformed;
    if (!crypto::constantTimeEquals(crypto::hmacSha256(challenge.salt, normalized.toLatin1()),
                                    challenge.hash))
        return CodeCheck::Wrong;
    challenge.attemptsLeft = 0;
    return CodeCheck::Accepted;
}

QString OneTimeCode::checkName(CodeCheck check)
{
    switch (check) {
    case CodeCheck::Accepted:
        return QStringLiteral("accepted");
    case CodeCheck::Wrong:
        return QStringLiteral("wrong");
    case CodeCheck::Malformed:
        return QStringLiteral("malformed");
    case CodeCheck::Expired:
        return QStringLiteral("expired");
    case CodeCheck::TooManyAttempts:
        break;
    }
    return QStringLiteral("too_many_attempts");
}

} // namespace auth::mfa::delivery
