#include "mfa/webauthn/CoseKey.h"

#include "crypto/OpenSslSupport.h"
#include "mfa/webauthn/Cbor.h"

#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

namespace auth::mfa::webauthn {
namespace {

using namespace auth::crypto::detail;

// COSE labels (RFC 9053 §7, IANA COSE Key Type Parameters).
constexpr qint64 kLabelKty = 1;
constexpr qint64 kLabelAlg = 3;
constexpr qint64 kLabelCrv = -1; // EC2 crv, RSA n
constexpr qint64 kLabelX = -2; // EC2 x, RSA e
constexpr qint64 kLabelY = -3; // EC2 y, RSA d
constexpr qint64 kLabelEcD = -4;
constexpr qint64 kKtyEc2 = 2;
constexpr qint64 kKtyRsa = 3;
constexpr qint64 kCrvP256 = 1;
constexpr int kMinRsaBits = 2048;
constexpr int kMaxRsaBits = 8192;

VerifyError keyError(const QString& message)
{
    return {QString::fromLatin1(errors::PublicKeyInvalid), message};
}

PkeyPtr fromParams(const char* type, OSSL_PARAM* params)
{
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY* raw = nullptr;
    if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1
        || EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params) != 1)
        return {};
    PkeyPtr key(raw);
    const PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) != 1)
        return {};
    return key;
}

PkeyPtr ecKey(const QByteArray& x, const QByteArray& y)
{
    // SEC 1 uncompressed point; the import and public check refuse points off the curve.
    QByteArray point = QByteArrayLiteral("\x04") + x + y;
    char group[] = "P-256";
    OSSL_PARAM params[]
        = {OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0),
           OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, point.data(), size_t(point.size())),
           OSSL_PARAM_construct_end()};
    return fromParams("EC", params);
}

PkeyPtr rsaKey(const QByteArray& n, const QByteArray& e, QString* why)
{
    const BnPtr bn(BN_bin2bn(bytes(n), int(n.size()), nullptr));
    const BnPtr be(BN_bin2bn(bytes(e), int(e.size()), nullptr));
    if (!bn || !be)
        return {};
    const int bits = BN_num_bits(bn.get());
    if (bits < kMinRsaBits || bits > kMaxRsaBits || !BN_is_odd(bn.get())) {
        *why = QStringLiteral("RSA modulus of %1 bits; %2 to %3 are accepted")
                   .arg(bits)
                   .arg(kMinRsaBits)
                   .arg(kMaxRsaBits);
        return {};
    }
    if (!BN_is_odd(be.get()) || BN_num_bits(be.get()) < 2 || BN_num_bits(be.get()) > 32) {
        *why = QStringLiteral("unacceptable RSA public exponent");
        return {};
    }
    std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>> builder(
        OSSL_PARAM_BLD_new());
    if (!builder || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, bn.get()) != 1
        || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, be.get()) != 1)
        return {};
    std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>> params(
        OSSL_PARAM_BLD_to_param(builder.get()));
    return params ? fromParams("RSA", params.get()) : PkeyPtr();
}

} // namespace

QByteArray subjectPublicKeyInfo(EVP_PKEY* key)
{
    unsigned char* der = nullptr;
    const int size = i2d_PUBKEY(key, &der);
    if (size <= 0)
        return {};
    QByteArray out(reinterpret_cast<const char*>(der), size);
    OPENSSL_free(der);
    return out;
}

QString algorithmName(CoseAlgorithm algorithm)
{
    return algorithm == CoseAlgorithm::RS256 ? QStringLiteral("RS256") : QStringLiteral("ES256");
}

std::optional<CredentialPublicKey> publicKeyFromCose(const cbor_item_t* coseKey, VerifyError* error)
{
    const ErrorQueueGuard guard;
    if (!coseKey || !cbor_isa_map(coseKey)) {
        *error = keyError(QStringLiteral("the credential public key is not a COSE_Key map"));
        return std::nullopt;
    }
    const auto kty = cbor::toInt(cbor::mapValue(coseKey, kLabelKty));
    const auto alg = cbor::toInt(cbor::mapValue(coseKey, kLabelAlg));
    if (!kty || !alg) {
        *error = keyError(QStringLiteral("the COSE_Key lacks kty or alg"));
        return std::nullopt;
    }
    CredentialPublicKey result;
    PkeyPtr key;
    QString why;
    if (*alg == int(CoseAlgorithm::ES256)) {
        const auto crv = cbor::toInt(cbor::mapValue(coseKey, kLabelCrv));
        const auto x = cbor::toBytes(cbor::mapValue(coseKey, kLabelX));
        const auto y = cbor::toBytes(cbor::mapValue(coseKey, kLabelY));
        if (*kty != kKtyEc2 || crv != kCrvP256 || !x || !y || x->size() != 32 || y->size() != 32
            || cbor::mapValue(coseKey, kLabelEcD)) {
            *error = keyError(
                QStringLiteral("an ES256 key must be an EC2 P-256 public key with 32-byte x and y"));
            return std::nullopt;
        }
        result.algorithm = CoseAlgorithm::ES256;
        key = ecKey(*x, *y);
    } else if (*alg == int(CoseAlgorithm::RS256)) {
        const auto n = cbor::toBytes(cbor::mapValue(coseKey, kLabelCrv));
        const auto e = cbor::toBytes(cbor::mapValue(coseKey, kLabelX));
        if (*kty != kKtyRsa || !n || !e || cbor::mapValue(coseKey, kLabelY)) {
            *error = keyError(QStringLiteral("an RS256 key must be an RSA public key with n and e"));
            return std::nullopt;
        }
        result.algorithm = CoseAlgorithm::RS256;
        key = rsaKey(*n, *e, &why);
    } else {
        *error
            = {QString::fromLatin1(errors::AlgorithmNotAllowed),
               QStringLiteral("COSE algorithm %1 is not supported (ES256 -7 and RS256 -257 are)").arg(*alg)};
        return std::nullopt;
    }
    if (!key) {
        *error = keyError(why.isEmpty() ? QStringLiteral("the public key is not a valid key") : why);
        return std::nullopt;
    }
    result.spkiDer = subjectPublicKeyInfo(key.get());
    if (result.spkiDer.isEmpty()) {
        *error = keyError(QStringLiteral("the public key could not be encoded"));
        return std::nullopt;
    }
    return result;
}

bool verifySignature(CoseAlgorithm algorithm, const QByteArray& spkiDer, QByteArrayView data,
                     QByteArrayView signature)
{
    const ErrorQueueGuard guard;
    const unsigned char* cursor = bytes(spkiDer);
    PkeyPtr key(d2i_PUBKEY(nullptr, &cursor, long(spkiDer.size())));
    if (!key || cursor != bytes(spkiDer) + spkiDer.size() || signature.isEmpty())
        return false;
    const int expectedType = algorithm == CoseAlgorithm::RS256 ? EVP_PKEY_RSA : EVP_PKEY_EC;
    if (EVP_PKEY_get_base_id(key.get()) != expectedType)
        return false;
    MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    if (!ctx
        || EVP_DigestVerifyInit_ex(ctx.get(), &pctx, "SHA256", nullptr, nullptr, key.get(), nullptr) != 1)
        return false;
    if (algorithm == CoseAlgorithm::RS256 && EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), bytes(signature), size_t(signature.size()), bytes(data),
                            size_t(data.size()))
        == 1;
}

} // namespace auth::mfa::webauthn
