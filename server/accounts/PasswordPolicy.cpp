#include "accounts/PasswordPolicy.h"

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <algorithm>
#include <cmath>
#include <openssl/crypto.h>
#include <vector>
#include <zxcvbn.h>

namespace auth::accounts {

namespace {

// Personal words shorter than this are too common to refuse (e.g. "al", "jo").
constexpr qsizetype kMinPersonalToken = 3;

QString nfkc(const QString& s)
{
    return s.normalized(QString::NormalizationForm_KC);
}

// Code points in `s`, or -1 when it is ill-formed UTF-16 (a lone surrogate, as
// JSON "\ud800" yields): such a string has no faithful UTF-8 form to hash.
qsizetype codePointCount(const QString& s)
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < s.size(); ++i, ++count) {
        const QChar c = s.at(i);
        if (c.isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate())
            ++i;
        else if (c.isSurrogate())
            return -1;
    }
    return count;
}

// NIST allows every printing character and space; C0 controls (NUL, tab, newline,
// escape …) and DEL cannot be typed reliably and break storage and logs.
bool hasControlCharacter(const QString& s)
{
    return std::any_of(s.cbegin(), s.cend(),
                       [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; });
}

// Runs of letters and digits, case-folded, of at least kMinPersonalToken code points.
QStringList tokens(const QString& folded)
{
    QStringList result;
    QList<char32_t> current;
    const auto flush = [&] {
        if (current.size() >= kMinPersonalToken)
            result.append(QString::fromUcs4(current.constData(), current.size()));
        current.clear();
    };
    for (char32_t cp : folded.toUcs4()) {
        if (QChar::isLetterOrNumber(cp))
            current.append(cp);
        else
            flush();
    }
    flush();
    return result;
}

struct PersonalData
{
    QStringList forbidden; // the password must not contain any of these
    QStringList dictionary; // words zxcvbn should treat as trivially guessable
};

PersonalData personalData(const QString& email, const QString& name)
{
    PersonalData data;
    const QString foldedEmail = nfkc(email).trimmed().toCaseFolded();
    if (codePointCount(foldedEmail) >= kMinPersonalToken)
        data.forbidden.append(foldedEmail);
    const qsizetype at = foldedEmail.lastIndexOf(QLatin1Char('@'));
    const QString local = at >= 0 ? foldedEmail.left(at) : foldedEmail;
    if (codePointCount(local) >= kMinPersonalToken)
        data.forbidden.append(local);
    data.forbidden.append(tokens(nfkc(name).toCaseFolded()));

    data.dictionary = data.forbidden;
    data.dictionary.append(tokens(local));
    if (at >= 0) {
        QStringList labels = tokens(foldedEmail.mid(at + 1));
        if (!labels.isEmpty())
            labels.removeLast(); // the top-level domain says nothing about the user
        data.dictionary.append(labels);
    }
    data.dictionary.removeDuplicates();
    return data;
}

// zxcvbn's entropy estimate in bits, mapped linearly to 0..100 with 80 bits (well
// beyond offline guessing against Argon2id) as 100: strength = min(100, bits*100/80).
// The default minimum of 50 is 40 bits: it refuses "password1" (about 3 bits),
// "qwertyuiop" (11) and "Summer2024!" (19), and passes four random words such as
// "correct horse battery staple" (about 70 bits, strength 87).
int strengthFromEntropy(double bits)
{
    if (!(bits > 0))
        return 0;
    return int(std::min(100.0, std::floor(bits * 100.0 / 80.0)));
}

int zxcvbnStrength(const QString& normalized, const QStringList& dictionary)
{
    QByteArray utf8 = normalized.toUtf8();
    QList<QByteArray> words;
    std::vector<const char*> dict;
    for (const QString& word : dictionary)
        words.append(word.toUtf8());
    for (const QByteArray& word : words)
        dict.push_back(word.constData());
    dict.push_back(nullptr);
    const double bits = ZxcvbnMatch(utf8.constData(), dict.data(), nullptr);
    if (!utf8.isEmpty())
        OPENSSL_cleanse(utf8.data(), size_t(utf8.size()));
    return strengthFromEntropy(bits);
}

PasswordCheck refuse(const char* error, const QString& description, int strength = 0)
{
    return {false, QString::fromLatin1(error), description, strength};
}

} // namespace

PasswordPolicy::PasswordPolicy(int minStrength)
    : m_minStrength(std::clamp(minStrength, 0, 100))
{
}

PasswordCheck PasswordPolicy::check(const QString& password, const QString& email, const QString& name) const
{
    const QString normalized = nfkc(password);
    const qsizetype length = codePointCount(normalized);
    if (length < 0 || hasControlCharacter(normalized))
        return refuse("password_invalid_characters",
                      QStringLiteral("The password must not contain control characters such as tabs or line "
                                     "breaks, or invalid Unicode."));
    if (length < kMinLength)
        return refuse("password_too_short",
                      QStringLiteral("The password must be at least %1 characters long.").arg(kMinLength));
    if (length > kMaxLength)
        return refuse("password_too_long",
                      QStringLiteral("The password must be at most %1 characters long.").arg(kMaxLength));

    const PersonalData personal = personalData(email, name);
    const int strength = zxcvbnStrength(normalized, personal.dictionary);
    const QString folded = normalized.toCaseFolded();
    for (const QString& word : personal.forbidden) {
        if (folded.contains(word))
            return refuse("password_contains_personal_data",
                          QStringLiteral("The password must not contain your name or email address."),
                          strength);
    }
    if (strength < m_minStrength)
        return refuse(
            "password_too_weak",
            QStringLiteral("The password is too easy to guess. A passphrase of four or more unrelated "
                           "words is both strong and easy to remember."),
            strength);
    return {true, QString(), QString(), strength};
}

int PasswordPolicy::strengthOf(const QString& password)
{
    const QString normalized = nfkc(password);
    if (normalized.isEmpty())
        return 0;
    return zxcvbnStrength(normalized, {});
}

} // namespace auth::accounts
