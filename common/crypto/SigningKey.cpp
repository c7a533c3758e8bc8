#include "crypto/SigningKey.h"

#include "crypto/Base64Url.h"
#include "crypto/Digest.h"
#include "crypto/OpenSslSupport.h"
#include "crypto/Random.h"
#include "logging/LogCategories.h"

#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

namespace auth::crypto {

using detail::bytes;

namespace {

constexpr int kEs256CoordinateSize = 32;
constexpr int kEs256SignatureSize = 2 * kEs256CoordinateSize;
constexpr int kEd25519Size = 32;
constexpr int kEd25519SignatureSize = 64;
constexpr int kHs256SignatureSize = 32;
constexpr int kMinRsaBits = 2048;
// Bounds the cost of verifying with a key someone else published.
constexpr int kMaxRsaBits = 16384;
constexpr qsizetype kMaxPemSize = 64 * 1024;
// Large enough for any DER ECDSA-P256 signature (at most 72 bytes).
constexpr size_t kMaxEcdsaDerSize = 80;

QString jwkString(QByteArrayView data)
{
    return QString::fromLatin1(base64UrlEncode(data));
}

QByteArray bignumBytes(const BIGNUM* bn, int padTo = 0)
{
    const int size = std::max(BN_num_bytes(bn), padTo);
    QByteArray out(size, Qt::Uninitialized);
    BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), size);
    return out;
}

// JWS wants ECDSA signatures as fixed-size R||S (RFC 7518 §3.4), OpenSSL produces DER.
bool ecdsaDerToRaw(const unsigned char* der, size_t size, unsigned char* out)
{
    const unsigned char* p = der;
    const detail::EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(size)));
    if (!sig || p != der + size)
        return false;
    const BIGNUM* r = nullptr;
    const BIGNUM* s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    return BN_bn2binpad(r, out, kEs256CoordinateSize) == kEs256CoordinateSize
        && BN_bn2binpad(s, out + kEs256CoordinateSize, kEs256CoordinateSize) == kEs256CoordinateSize;
}

// Returns the DER length written to `der`, or 0.
size_t ecdsaRawToDer(const unsigned char* raw, unsigned char* der)
{
    detail::EcdsaSigPtr sig(ECDSA_SIG_new());
    BIGNUM* r = BN_bin2bn(raw, kEs256CoordinateSize, nullptr);
    BIGNUM* s = BN_bin2bn(raw + kEs256CoordinateSize, kEs256CoordinateSize, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return 0;
    }
    const int size = i2d_ECDSA_SIG(sig.get(), nullptr);
    if (size <= 0 || static_cast<size_t>(size) > kMaxEcdsaDerSize)
        return 0;
    unsigned char* out = der;
    return i2d_ECDSA_SIG(sig.get(), &out) == size ? static_cast<size_t>(size) : 0;
}

// A context set up once per key for RSASSA-PKCS1-v1_5 or ECDSA over a SHA-256
// hash. Each operation duplicates it (EVP_PKEY_CTX_dup takes a const context, so
// concurrent duplication is safe) instead of repeating the algorithm lookups of a
// fresh init, which cost about a tenth of an ES256 signature.
detail::PkeyCtxPtr operationTemplate(EVP_PKEY* pkey, JwsAlgorithm algorithm, bool signing)
{
    detail::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
    if (!ctx)
        return {};
    const int init = signing ? EVP_PKEY_sign_init(ctx.get()) : EVP_PKEY_verify_init(ctx.get());
    if (init != 1 || EVP_PKEY_CTX_set_signature_md(ctx.get(), detail::sha256Md()) != 1)
        return {};
    if (algorithm == JwsAlgorithm::RS256 && EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1)
        return {};
    return ctx;
}

bool hashInput(QByteArrayView input, unsigned char* hash)
{
    unsigned int size = 0;
    return EVP_Digest(input.data(), static_cast<size_t>(input.size()), hash, &size, detail::sha256Md(),
                      nullptr)
        == 1;
}

// Encrypted PEM is refused rather than prompting on a terminal for a passphrase.
int refusePassphrase(char*, int, int, void*)
{
    return -1;
}

QString groupName(const EVP_PKEY* pkey)
{
    char name[64] = {};
    size_t size = 0;
    if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &size) != 1)
        return {};
    return QString::fromLatin1(name, static_cast<qsizetype>(size));
}

std::nullopt_t refuse(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

std::optional<QByteArray> jwkBytes(const QJsonObject& jwk, const char* member)
{
    const QJsonValue value = jwk.value(QLatin1String(member));
    if (!value.isString())
        return std::nullopt;
    return base64UrlDecode(value.toString().toLatin1());
}

detail::PkeyPtr pkeyFromParams(const char* type, const OSSL_PARAM* params)
{
    detail::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY* raw = nullptr;
    if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1
        || EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, const_cast<OSSL_PARAM*>(params)) != 1)
        return {};
    return detail::PkeyPtr(raw);
}

detail::PkeyPtr rsaPublicKey(const QByteArray& n, const QByteArray& e, QString* error)
{
    const detail::BnPtr bn(BN_bin2bn(bytes(n), static_cast<int>(n.size()), nullptr));
    const detail::BnPtr be(BN_bin2bn(bytes(e), static_cast<int>(e.size()), nullptr));
    if (!bn || !be)
        return {};
    const int bits = BN_num_bits(bn.get());
    if (bits < kMinRsaBits || bits > kMaxRsaBits || !BN_is_odd(bn.get())) {
        refuse(error, QStringLiteral("RSA modulus of %1 bits; 2048 to 16384 are accepted").arg(bits));
        return {};
    }
    if (!BN_is_odd(be.get()) || BN_num_bits(be.get()) < 2 || BN_num_bits(be.get()) > 64) {
        refuse(error, QStringLiteral("unacceptable RSA public exponent"));
        return {};
    }
    std::unique_ptr<OSSL_PARAM_BLD, detail::Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>> builder(
        OSSL_PARAM_BLD_new());
    if (!builder || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, bn.get()) != 1
        || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, be.get()) != 1)
        return {};
    std::unique_ptr<OSSL_PARAM, detail::Deleter<OSSL_PARAM, OSSL_PARAM_free>> params(
        OSSL_PARAM_BLD_to_param(builder.get()));
    return params ? pkeyFromParams("RSA", params.get()) : detail::PkeyPtr();
}

detail::PkeyPtr ecPublicKey(const QByteArray& x, const QByteArray& y)
{
    if (x.size() != kEs256CoordinateSize || y.size() != kEs256CoordinateSize)
        return {};
    // SEC 1 uncompressed point; OpenSSL refuses points not on the curve.
    QByteArray point = QByteArrayLiteral("\x04") + x + y;
    char group[] = "P-256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0),
                                 OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                                                   static_cast<size_t>(point.size())),
                                 OSSL_PARAM_construct_end()};
    detail::PkeyPtr pkey = pkeyFromParams("EC", params);
    if (!pkey)
        return {};
    const detail::PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) != 1)
        return {};
    return pkey;
}

} // namespace

QString algorithmName(JwsAlgorithm algorithm)
{
    switch (algorithm) {
    case JwsAlgorithm::RS256:
        return QStringLiteral("RS256");
    case JwsAlgorithm::ES256:
        return QStringLiteral("ES256");
    case JwsAlgorithm::EdDSA:
        return QStringLiteral("EdDSA");
    case JwsAlgorithm::HS256:
        return QStringLiteral("HS256");
    }
    Q_UNREACHABLE();
}

std::optional<JwsAlgorithm> parseAlgorithm(QStringView name)
{
    for (const JwsAlgorithm algorithm :
         {JwsAlgorithm::RS256, JwsAlgorithm::ES256, JwsAlgorithm::EdDSA, JwsAlgorithm::HS256}) {
        if (name == algorithmName(algorithm))
            return algorithm;
    }
    return std::nullopt;
}

// Everything here is fixed when the key is made, so copies can share it between
// threads without locks.
struct SigningKey::Data
{
    JwsAlgorithm algorithm = JwsAlgorithm::HS256;
    bool hasPrivate = false;
    detail::PkeyPtr pkey; // null for HS256
    detail::PkeyCtxPtr signTemplate; // RS256, ES256 with a private key
    detail::PkeyCtxPtr verifyTemplate; // RS256, ES256
    detail::MacCtxPtr macTemplate; // HS256: already keyed
    int rsaSignatureSize = 0;
    QJsonObject jwk; // public members only; kid is added per copy
    QString thumbprint;
    QString defaultKid;

    static std::shared_ptr<const Data> asymmetric(detail::PkeyPtr pkey, JwsAlgorithm algorithm,
                                                  bool hasPrivate);
    bool describePublicKey();
};

std::shared_ptr<const SigningKey::Data> SigningKey::Data::asymmetric(detail::PkeyPtr pkey,
                                                                     JwsAlgorithm algorithm, bool hasPrivate)
{
    auto d = std::make_shared<Data>();
    d->algorithm = algorithm;
    d->hasPrivate = hasPrivate;
    d->pkey = std::move(pkey);
    if (algorithm == JwsAlgorithm::RS256 || algorithm == JwsAlgorithm::ES256) {
        d->verifyTemplate = operationTemplate(d->pkey.get(), algorithm, false);
        if (!d->verifyTemplate)
            return {};
        if (hasPrivate) {
            d->signTemplate = operationTemplate(d->pkey.get(), algorithm, true);
            if (!d->signTemplate)
                return {};
        }
    }
    d->rsaSignatureSize = algorithm == JwsAlgorithm::RS256 ? EVP_PKEY_get_size(d->pkey.get()) : 0;
    if (!d->describePublicKey())
        return {};
    return d;
}

// Builds the public JWK and its RFC 7638 thumbprint: the required members only,
// in lexicographic order, no whitespace, hashed with SHA-256.
bool SigningKey::Data::describePublicKey()
{
    QByteArray canonical;
    switch (algorithm) {
    case JwsAlgorithm::RS256: {
        BIGNUM* n = nullptr;
        BIGNUM* e = nullptr;
        const bool ok = EVP_PKEY_get_bn_param(pkey.get(), OSSL_PKEY_PARAM_RSA_N, &n) == 1
            && EVP_PKEY_get_bn_param(pkey.get(), OSSL_PKEY_PARAM_RSA_E, &e) == 1;
        const detail::BnPtr ownN(n), ownE(e);
        if (!ok)
            return false;
        const QByteArray n64 = base64UrlEncode(bignumBytes(n));
        const QByteArray e64 = base64UrlEncode(bignumBytes(e));
        jwk = {{QStringLiteral("kty"), QStringLiteral("RSA")},
               {QStringLiteral("n"), QString::fromLatin1(n64)},
               {QStringLiteral("e"), QString::fromLatin1(e64)}};
        canonical = "{\"e\":\"" + e64 + "\",\"kty\":\"RSA\",\"n\":\"" + n64 + "\"}";
        break;
    }
    case JwsAlgorithm::ES256: {
        BIGNUM* x = nullptr;
        BIGNUM* y = nullptr;
        const bool ok = EVP_PKEY_get_bn_param(pkey.get(), OSSL_PKEY_PARAM_EC_PUB_X, &x) == 1
            && EVP_PKEY_get_bn_param(pkey.get(), OSSL_PKEY_PARAM_EC_PUB_Y, &y) == 1;
        const detail::BnPtr ownX(x), ownY(y);
        if (!ok)
            return false;
        // RFC 7518 §6.2.1.2: coordinates are always the full field size.
        const QByteArray x64 = base64UrlEncode(bignumBytes(x, kEs256CoordinateSize));
        const QByteArray y64 = base64UrlEncode(bignumBytes(y, kEs256CoordinateSize));
        jwk = {{QStringLiteral("kty"), QStringLiteral("EC")},
               {QStringLiteral("crv"), QStringLiteral("P-256")},
               {QStringLiteral("x"), QString::fromLatin1(x64)},
               {QStringLiteral("y"), QString::fromLatin1(y64)}};
        canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x64 + "\",\"y\":\"" + y64 + "\"}";
        break;
    }
    case JwsAlgorithm::EdDSA: {
        unsigned char raw[kEd25519Size];
        size_t size = sizeof raw;
        if (EVP_PKEY_get_raw_public_key(pkey.get(), raw, &size) != 1 || size != sizeof raw)
            return false;
        const QByteArray x64 = base64UrlEncode(QByteArrayView(raw, kEd25519Size));
        jwk = {{QStringLiteral("kty"), QStringLiteral("OKP")},
               {QStringLiteral("crv"), QStringLiteral("Ed25519")},
               {QStringLiteral("x"), QString::fromLatin1(x64)}};
        canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x64 + "\"}";
        break;
    }
    case JwsAlgorithm::HS256:
        return false;
    }
    jwk.insert(QStringLiteral("alg"), algorithmName(algorithm));
    jwk.insert(QStringLiteral("use"), QStringLiteral("sig"));
    thumbprint = jwkString(sha256(canonical));
    defaultKid = thumbprint;
    return true;
}

SigningKey::SigningKey() = default;

SigningKey::SigningKey(std::shared_ptr<const Data> data)
    : m_d(std::move(data))
{
}

SigningKey SigningKey::generate(JwsAlgorithm algorithm)
{
    EVP_PKEY* raw = nullptr;
    switch (algorithm) {
    case JwsAlgorithm::RS256:
        raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(kMinRsaBits));
        break;
    case JwsAlgorithm::ES256:
        raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
        break;
    case JwsAlgorithm::EdDSA:
        raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
        break;
    case JwsAlgorithm::HS256:
        return hmac(randomBytes(kHs256SignatureSize));
    }
    auto data = raw ? Data::asymmetric(detail::PkeyPtr(raw), algorithm, true) : nullptr;
    if (!data)
        qFatal("auth::crypto: cannot generate a %s key: %s", qPrintable(algorithmName(algorithm)),
               qPrintable(detail::lastOpenSslError()));
    return SigningKey(std::move(data));
}

std::optional<SigningKey> SigningKey::fromPrivatePem(const QByteArray& pem, QString* error)
{
    const detail::ErrorQueueGuard guard;
    if (pem.size() > kMaxPemSize)
        return refuse(error, QStringLiteral("PEM larger than 64 KiB"));
    const detail::BioPtr bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    detail::PkeyPtr pkey(
        bio ? PEM_read_bio_PrivateKey_ex(bio.get(), nullptr, refusePassphrase, nullptr, nullptr, nullptr)
            : nullptr);
    if (!pkey)
        return refuse(error, QStringLiteral("not an unencrypted PEM private key"));

    JwsAlgorithm algorithm;
    if (EVP_PKEY_is_a(pkey.get(), "RSA")) {
        const int bits = EVP_PKEY_get_bits(pkey.get());
        if (bits < kMinRsaBits || bits > kMaxRsaBits)
            return refuse(error, QStringLiteral("RSA key of %1 bits; 2048 to 16384 are accepted").arg(bits));
        algorithm = JwsAlgorithm::RS256;
    } else if (EVP_PKEY_is_a(pkey.get(), "EC")) {
        const QString group = groupName(pkey.get());
        if (group != QLatin1String("prime256v1") && group != QLatin1String("P-256"))
            return refuse(error, QStringLiteral("EC key on curve '%1'; only P-256 is accepted").arg(group));
        algorithm = JwsAlgorithm::ES256;
    } else if (EVP_PKEY_is_a(pkey.get(), "ED25519")) {
        algorithm = JwsAlgorithm::EdDSA;
    } else {
        return refuse(error,
                      QStringLiteral("unsupported key type %1")
                          .arg(QString::fromLatin1(EVP_PKEY_get0_type_name(pkey.get()))));
    }
    auto data = Data::asymmetric(std::move(pkey), algorithm, true);
    if (!data)
        return refuse(error, QStringLiteral("unusable key: %1").arg(detail::lastOpenSslError()));
    SigningKey key(std::move(data));
    // A damaged key would otherwise only show up as tokens nobody can verify.
    static const QByteArray probe = QByteArrayLiteral("auth::crypto signing-key self-test");
    if (!key.verify(probe, key.sign(probe)))
        return refuse(error, QStringLiteral("key fails a sign/verify self-test"));
    return key;
}

std::optional<SigningKey> SigningKey::fromPublicJwk(const QJsonObject& jwk, QString* error)
{
    const detail::ErrorQueueGuard guard;
    for (const char* member : {"d", "p", "q", "dp", "dq", "qi", "oth", "k"}) {
        if (jwk.contains(QLatin1String(member)))
            return refuse(error, QStringLiteral("JWK carries private or secret key material"));
    }
    const QString kty = jwk.value(QLatin1String("kty")).toString();
    const QString crv = jwk.value(QLatin1String("crv")).toString();
    JwsAlgorithm algorithm;
    detail::PkeyPtr pkey;
    if (kty == QLatin1String("RSA")) {
        algorithm = JwsAlgorithm::RS256;
        const auto n = jwkBytes(jwk, "n");
        const auto e = jwkBytes(jwk, "e");
        if (!n || !e)
            return refuse(error, QStringLiteral("RSA JWK needs base64url n and e"));
        QString reason;
        pkey = rsaPublicKey(*n, *e, &reason);
        if (!pkey)
            return refuse(error, reason.isEmpty() ? QStringLiteral("invalid RSA public key") : reason);
    } else if (kty == QLatin1String("EC") && crv == QLatin1String("P-256")) {
        algorithm = JwsAlgorithm::ES256;
        const auto x = jwkBytes(jwk, "x");
        const auto y = jwkBytes(jwk, "y");
        pkey = x && y ? ecPublicKey(*x, *y) : detail::PkeyPtr();
        if (!pkey)
            return refuse(error, QStringLiteral("invalid P-256 public key"));
    } else if (kty == QLatin1String("OKP") && crv == QLatin1String("Ed25519")) {
        algorithm = JwsAlgorithm::EdDSA;
        const auto x = jwkBytes(jwk, "x");
        if (x && x->size() == kEd25519Size)
            pkey.reset(EVP_PKEY_new_raw_public_key_ex(nullptr, "ED25519", nullptr, bytes(*x), kEd25519Size));
        if (!pkey)
            return refuse(error, QStringLiteral("invalid Ed25519 public key"));
    } else {
        return refuse(error, QStringLiteral("unsupported JWK type '%1' '%2'").arg(kty, crv));
    }
    if (jwk.contains(QLatin1String("alg"))
        && jwk.value(QLatin1String("alg")).toString() != algorithmName(algorithm))
        return refuse(error, QStringLiteral("JWK alg does not match its key type"));
    if (jwk.contains(QLatin1String("use"))
        && jwk.value(QLatin1String("use")).toString() != QLatin1String("sig"))
        return refuse(error, QStringLiteral("JWK is not meant for signatures"));
    auto data = Data::asymmetric(std::move(pkey), algorithm, false);
    if (!data)
        return refuse(error, QStringLiteral("unusable key: %1").arg(detail::lastOpenSslError()));
    SigningKey key(std::move(data));
    const QJsonValue kid = jwk.value(QLatin1String("kid"));
    if (kid.isString())
        key.setKid(kid.toString());
    return key;
}

SigningKey SigningKey::hmac(const QByteArray& secret)
{
    if (secret.size() < kHs256SignatureSize) {
        qCWarning(lcCommon) << "refused an HS256 secret shorter than 32 bytes";
        return SigningKey();
    }
    auto d = std::make_shared<Data>();
    d->algorithm = JwsAlgorithm::HS256;
    d->hasPrivate = true;
    d->macTemplate = detail::newHmacSha256(secret);
    // A PRF output under the secret: stable per secret, and says nothing about it.
    d->defaultKid = QStringLiteral("hs256-")
        + jwkString(hmacSha256(secret, QByteArrayLiteral("auth::crypto HS256 kid")).left(16));
    return SigningKey(std::move(d));
}

bool SigningKey::hasPrivateKey() const
{
    return m_d && m_d->hasPrivate;
}

JwsAlgorithm SigningKey::algorithm() const
{
    return m_d ? m_d->algorithm : JwsAlgorithm::HS256;
}

QByteArray SigningKey::privatePem() const
{
    if (!m_d || !m_d->hasPrivate || !m_d->pkey)
        return {};
    const detail::ErrorQueueGuard guard;
    const detail::BioPtr bio(BIO_new(BIO_s_secmem()));
    if (!bio
        || PEM_write_bio_PKCS8PrivateKey(bio.get(), m_d->pkey.get(), nullptr, nullptr, 0, nullptr, nullptr)
            != 1)
        return {};
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return size > 0 ? QByteArray(data, static_cast<qsizetype>(size)) : QByteArray();
}

QJsonObject SigningKey::publicJwk() const
{
    if (!m_d || m_d->jwk.isEmpty())
        return {};
    QJsonObject jwk = m_d->jwk;
    const QString id = kid();
    if (!id.isEmpty())
        jwk.insert(QStringLiteral("kid"), id);
    return jwk;
}

QString SigningKey::thumbprint() const
{
    return m_d ? m_d->thumbprint : QString();
}

QString SigningKey::kid() const
{
    if (!m_kid.isEmpty())
        return m_kid;
    return m_d ? m_d->defaultKid : QString();
}

void SigningKey::setKid(const QString& kid)
{
    m_kid = kid;
}

QByteArray SigningKey::sign(QByteArrayView signingInput) const
{
    if (!m_d || !m_d->hasPrivate)
        return {};
    const detail::ErrorQueueGuard guard;
    switch (m_d->algorithm) {
    case JwsAlgorithm::HS256: {
        const detail::MacCtxPtr ctx(EVP_MAC_CTX_dup(m_d->macTemplate.get()));
        return ctx ? detail::finishHmac(ctx.get(), signingInput) : QByteArray();
    }
    case JwsAlgorithm::EdDSA: {
        // Pure Ed25519 signs the message itself, so there is no pre-hash step.
        const detail::MdCtxPtr ctx(EVP_MD_CTX_new());
        QByteArray signature(kEd25519SignatureSize, Qt::Uninitialized);
        size_t size = kEd25519SignatureSize;
        if (!ctx
            || EVP_DigestSignInit_ex(ctx.get(), nullptr, nullptr, nullptr, nullptr, m_d->pkey.get(), nullptr)
                != 1
            || EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                              bytes(signingInput), static_cast<size_t>(signingInput.size()))
                != 1
            || size != kEd25519SignatureSize)
            return {};
        return signature;
    }
    case JwsAlgorithm::RS256:
    case JwsAlgorithm::ES256:
        break;
    }
    unsigned char hash[32];
    const detail::PkeyCtxPtr ctx(EVP_PKEY_CTX_dup(m_d->signTemplate.get()));
    if (!ctx || !hashInput(signingInput, hash))
        return {};
    if (m_d->algorithm == JwsAlgorithm::RS256) {
        QByteArray signature(m_d->rsaSignatureSize, Qt::Uninitialized);
        size_t size = static_cast<size_t>(signature.size());
        if (EVP_PKEY_sign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size, hash,
                          sizeof hash)
                != 1
            || size != static_cast<size_t>(signature.size()))
            return {};
        return signature;
    }
    unsigned char der[kMaxEcdsaDerSize];
    size_t size = sizeof der;
    QByteArray signature(kEs256SignatureSize, Qt::Uninitialized);
    if (EVP_PKEY_sign(ctx.get(), der, &size, hash, sizeof hash) != 1
        || !ecdsaDerToRaw(der, size, reinterpret_cast<unsigned char*>(signature.data())))
        return {};
    return signature;
}

bool SigningKey::verify(QByteArrayView signingInput, QByteArrayView signature) const
{
    if (!m_d)
        return false;
    const detail::ErrorQueueGuard guard;
    switch (m_d->algorithm) {
    case JwsAlgorithm::HS256: {
        if (signature.size() != kHs256SignatureSize)
            return false;
        const detail::MacCtxPtr ctx(EVP_MAC_CTX_dup(m_d->macTemplate.get()));
        return ctx && constantTimeEquals(detail::finishHmac(ctx.get(), signingInput), signature);
    }
    case JwsAlgorithm::EdDSA: {
        if (signature.size() != kEd25519SignatureSize)
            return false;
        const detail::MdCtxPtr ctx(EVP_MD_CTX_new());
        return ctx
            && EVP_DigestVerifyInit_ex(ctx.get(), nullptr, nullptr, nullptr, nullptr, m_d->pkey.get(),
                                       nullptr)
            == 1
            && EVP_DigestVerify(ctx.get(), bytes(signature), kEd25519SignatureSize, bytes(signingInput),
                                static_cast<size_t>(signingInput.size()))
            == 1;
    }
    case JwsAlgorithm::RS256:
    case JwsAlgorithm::ES256:
        break;
    }
    unsigned char der[kMaxEcdsaDerSize];
    const unsigned char* sig = bytes(signature);
    size_t sigSize = static_cast<size_t>(signature.size());
    if (m_d->algorithm == JwsAlgorithm::RS256) {
        if (signature.size() != m_d->rsaSignatureSize)
            return false;
    } else {
        // JWS fixes ES256 signatures at 64 bytes; DER or any other length is refused.
        if (signature.size() != kEs256SignatureSize)
            return false;
        sigSize = ecdsaRawToDer(sig, der);
        sig = der;
        if (sigSize == 0)
            return false;
    }
    unsigned char hash[32];
    const detail::PkeyCtxPtr ctx(EVP_PKEY_CTX_dup(m_d->verifyTemplate.get()));
    return ctx && hashInput(signingInput, hash)
        && EVP_PKEY_verify(ctx.get(), sig, sigSize, hash, sizeof hash) == 1;
}

} // namespace auth::crypto
