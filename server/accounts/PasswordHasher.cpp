#include "accounts/PasswordHasher.h"

#include "logging/LogCategories.h"

#include <QByteArrayView>
#include <argon2.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <optional>

namespace auth::accounts {

namespace {

// Ours are about 100 characters; anything far longer is not a hash we would accept.
constexpr qsizetype kMaxPhcLength = 512;

// The UTF-8 bytes of an NFKC-normalised password, wiped when it goes out of scope.
class SecretUtf8
{
public:
    explicit SecretUtf8(const QString& password)
        : m_bytes(password.normalized(QString::NormalizationForm_KC).toUtf8())
    {
    }
    ~SecretUtf8()
    {
        if (!m_bytes.isEmpty())
            OPENSSL_cleanse(m_bytes.data(), size_t(m_bytes.size()));
    }
    Q_DISABLE_COPY_MOVE(SecretUtf8)

    const char* data() const { return m_bytes.constData(); }
    size_t size() const { return size_t(m_bytes.size()); }

private:
    QByteArray m_bytes;
};

struct ParsedPhc
{
    Argon2Params params;
    qsizetype saltBytes = 0;
    qsizetype hashBytes = 0;
};

QString boundsProblem(const Argon2Params& p)
{
    if (p.parallelism < 1 || p.parallelism > PasswordHasher::kMaxParallelism)
        return QStringLiteral("parallelism must be between 1 and %1").arg(PasswordHasher::kMaxParallelism);
    if (p.iterations < 1 || p.iterations > PasswordHasher::kMaxIterations)
        return QStringLiteral("iterations must be between 1 and %1").arg(PasswordHasher::kMaxIterations);
    if (p.memoryKiB < 8 * p.parallelism || p.memoryKiB > PasswordHasher::kMaxMemoryKiB)
        return QStringLiteral("memory must be between 8 KiB per lane and %1 KiB")
            .arg(PasswordHasher::kMaxMemoryKiB);
    return {};
}

bool consume(QByteArrayView& in, QByteArrayView literal)
{
    if (!in.startsWith(literal))
        return false;
    in = in.sliced(literal.size());
    return true;
}

// A decimal without sign or leading zero that fits in 32 bits (libargon2's own form).
bool consumeNumber(QByteArrayView& in, uint32_t* out)
{
    qsizetype n = 0;
    while (n < in.size() && in[n] >= '0' && in[n] <= '9')
        ++n;
    if (n == 0 || n > 10 || (n > 1 && in[0] == '0'))
        return false;
    uint64_t value = 0;
    for (qsizetype i = 0; i < n; ++i)
        value = value * 10 + uint64_t(in[i] - '0');
    if (value > UINT32_MAX)
        return false;
    *out = uint32_t(value);
    in = in.sliced(n);
    return true;
}

// Unpadded standard base64, as in PHC strings; returns the decoded length or -1.
qsizetype consumeBase64(QByteArrayView& in)
{
    qsizetype n = 0;
    while (n < in.size()) {
        const char c = in[n];
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
            || c == '/';
        if (!ok)
            break;
        ++n;
    }
    if (n == 0 || n % 4 == 1)
        return -1;
    in = in.sliced(n);
    return n * 3 / 4;
}

// Checks the whole structure and the parameter bounds before libargon2 sees the
// string, so a tampered row can neither crash nor exhaust the server.
std::optional<ParsedPhc> parsePhc(QByteArrayView in)
{
    if (in.size() > kMaxPhcLength)
        return std::nullopt;
    ParsedPhc parsed;
    Argon2Params& p = parsed.params;
    if (!consume(in, "$argon2id$v=19$m=") || !consumeNumber(in, &p.memoryKiB) || !consume(in, ",t=")
        || !consumeNumber(in, &p.iterations) || !consume(in, ",p=") || !consumeNumber(in, &p.parallelism)
        || !consume(in, "$"))
        return std::nullopt;
    parsed.saltBytes = consumeBase64(in);
    if (parsed.saltBytes < qsizetype(ARGON2_MIN_SALT_LENGTH) || !consume(in, "$"))
        return std::nullopt;
    parsed.hashBytes = consumeBase64(in);
    if (parsed.hashBytes < qsizetype(ARGON2_MIN_OUTLEN) || !in.isEmpty())
        return std::nullopt;
    if (!boundsProblem(p).isEmpty())
        return std::nullopt;
    return parsed;
}

// Empty on failure.
QByteArray encode(const Argon2Params& p, const SecretUtf8& secret)
{
    unsigned char salt[PasswordHasher::kSaltBytes];
    if (RAND_bytes(salt, sizeof salt) != 1) {
        qCCritical(lcAccounts, "no random salt for a password hash (RAND_bytes failed)");
        return {};
    }
    QByteArray encoded(qsizetype(argon2_encodedlen(p.iterations, p.memoryKiB, p.parallelism, sizeof salt,
                                                   PasswordHasher::kHashBytes, Argon2_id)),
                       '\0');
    const int rc = argon2id_hash_encoded(p.iterations, p.memoryKiB, p.parallelism, secret.data(),
                                         secret.size(), salt, sizeof salt, PasswordHasher::kHashBytes,
                                         encoded.data(), size_t(encoded.size()));
    if (rc != ARGON2_OK) {
        qCCritical(lcAccounts, "Argon2id hashing failed: %s", argon2_error_message(rc));
        return {};
    }
    encoded.truncate(qstrlen(encoded.constData()));
    return encoded;
}

// Characters outside Latin-1 become '?' and an overlong string keeps one character
// too many: the parser refuses both.
QByteArray phcBytes(const QString& phc)
{
    return phc.left(kMaxPhcLength + 1).toLatin1();
}

bool verifyEncoded(const QByteArray& phc, const QString& password)
{
    if (!parsePhc(phc)) {
        if (!phc.isEmpty())
            qCWarning(lcAccounts, "refused a malformed or out-of-bounds stored password hash");
        return false;
    }
    const SecretUtf8 secret(password);
    // phc is NUL-terminated (QByteArray) and has no embedded NUL (parsePhc).
    return argon2id_verify(phc.constData(), secret.data(), secret.size()) == ARGON2_OK;
}

} // namespace

PasswordHasher::PasswordHasher(Argon2Params params)
    : m_params(params)
{
    const QString problem = validate(m_params);
    if (!problem.isEmpty())
        qFatal("invalid Argon2id parameters: %s", qPrintable(problem));
    unsigned char random[32];
    if (RAND_bytes(random, sizeof random) != 1)
        qFatal("no randomness for the dummy password hash (RAND_bytes failed)");
    const QString dummyPassword
        = QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(random), sizeof random).toBase64());
    m_dummyPhc = QString::fromLatin1(encode(m_params, SecretUtf8(dummyPassword)));
    if (m_dummyPhc.isEmpty())
        qFatal("could not compute the dummy password hash");
}

QString PasswordHasher::validate(const Argon2Params& params)
{
    return boundsProblem(params);
}

QString PasswordHasher::hash(const QString& password) const
{
    return QString::fromLatin1(encode(m_params, SecretUtf8(password)));
}

bool PasswordHasher::verify(const QString& phc, const QString& password) const
{
    return verifyEncoded(phcBytes(phc), password);
}

bool PasswordHasher::needsRehash(const QString& phc) const
{
    const auto parsed = parsePhc(phcBytes(phc));
    return !parsed || parsed->params != m_params || parsed->saltBytes < kSaltBytes
        || parsed->hashBytes != kHashBytes;
}

void PasswordHasher::verifyDummy(const QString& password) const
{
    // The very path of verify(), against a hash made with m_params; the result is meaningless.
    (void)verify(m_dummyPhc, password);
}

} // namespace auth::accounts
