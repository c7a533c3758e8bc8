#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace auth::mfa::delivery {

// What is stored for one SMS or e-mail code: never the code itself, only
// HMAC-SHA256 under a per-challenge random salt, the expiry and the attempts left.
struct CodeChallenge
{
    QByteArray salt; // 16 random bytes
    QByteArray hash; // HMAC-SHA256(salt, code)
    qint64 expiresAtMs = 0;
    int attemptsLeft = 0;

    QJsonObject toJson() const; // base64url salt and hash, for a state store
    static std::optional<CodeChallenge> fromJson(const QJsonObject& object);
};

struct IssuedCode
{
    QString code; // goes into the message and nowhere else
    CodeChallenge challenge;
};

enum class CodeCheck {
    Accepted,
    Wrong,
    Malformed, // not the expected number of digits; counts as an attempt
    Expired,
    TooManyAttempts,
};

// Numeric one-time codes for SMS and e-mail: uniform digits from the OpenSSL CSPRNG,
// a 5-minute lifetime and 5 attempts by default. Time comes from auth::Clock.
class OneTimeCode
{
public:
    static constexpr int DefaultDigits = 6;
    static constexpr qint64 DefaultTtlMs = 5 * 60 * 1000;
    static constexpr int DefaultMaxAttempts = 5;

    static IssuedCode issue(int digits = DefaultDigits, qint64 ttlMs = DefaultTtlMs,
                            int maxAttempts = DefaultMaxAttempts);

    // Checks `input` (spaces and dashes ignored) and updates `challenge`: every check
    // that reaches the comparison uses up an attempt, and an accepted code uses up all
    // of them, so it works once. The caller must store the updated challenge
    // atomically (compare-and-set) before answering, or parallel guesses get extra tries.
    static CodeCheck verify(CodeChallenge& challenge, const QString& input, int digits = DefaultDigits);

    static QString checkName(CodeCheck check); // "accepted", "wrong", ... for events
};

} // namespace auth::mfa::delivery
