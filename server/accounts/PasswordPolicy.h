#pragma once

#include <QString>

namespace auth::accounts {

// The outcome of a policy check. `error` is a stable code (empty when ok),
// `description` a sentence for the user; neither ever contains the password.
struct PasswordCheck
{
    bool ok = false;
    QString error;
    QString description;
    int strength = 0; // 0..100, see PasswordPolicy::strengthOf()
};

// Which new passwords are accepted (NIST SP 800-63B 5.1.1.2, OWASP ASVS 2.1):
// 8 to 128 code points after NFKC, any printing character or space, nothing
// containing the user's name or email address, and an estimated strength of at
// least minStrength(). No composition rules.
class PasswordPolicy
{
public:
    static constexpr int kMinLength = 8; // Unicode code points after NFKC
    static constexpr int kMaxLength = 128;
    static constexpr int kDefaultMinStrength = 50; // about 40 bits of zxcvbn entropy

    // `minStrength` is clamped to 0..100.
    explicit PasswordPolicy(int minStrength = kDefaultMinStrength);

    int minStrength() const { return m_minStrength; }

    // Checks a new password for the account with this email and display name
    // (either may be empty). Stops at the first problem found.
    PasswordCheck check(const QString& password, const QString& email, const QString& name) const;

    // zxcvbn's estimate for the NFKC-normalised password, mapped to 0..100
    // (100 at 80 bits and above), without any personal dictionary.
    static int strengthOf(const QString& password);

private:
    int m_minStrength;
};

} // namespace auth::accounts
