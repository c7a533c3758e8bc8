#include "SoftAuthenticator.h"

#include "crypto/Base64Url.h"
#include "crypto/Digest.h"
#include "crypto/Random.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QtEndian>
#include <cbor.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace auth::test {
namespace {

struct ItemDeleter
{
    void operator()(cbor_item_t* item) const { cbor_decref(&item); }
};
using Item = std::unique_ptr<cbor_item_t, ItemDeleter>;
using Pkey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

// Canonical CTAP2 encoding wants the shortest integer form.
cbor_item_t* buildInt(qint64 value)
{
    const uint64_t n = value >= 0 ? uint64_t(value) : uint64_t(-1 - value);
    const bool neg = value < 0;
    if (n < 0x100)
        return neg ? cbor_build_negint8(uint8_t(n)) : cbor_build_uint8(uint8_t(n));
    if (n < 0x10000)
        return neg ? cbor_build_negint16(uint16_t(n)) : cbor_build_uint16(uint16_t(n));
    if (n < 0x100000000ULL)
        return neg ? cbor_build_negint32(uint32_t(n)) : cbor_build_uint32(uint32_t(n));
    return neg ? cbor_build_negint64(n) : cbor_build_uint64(n);
}

cbor_item_t* buildBytes(const QByteArray& data)
{
    return cbor_build_bytestring(reinterpret_cast<cbor_data>(data.constData()), size_t(data.size()));
}

cbor_item_t* buildText(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    return cbor_build_stringn(utf8.constData(), size_t(utf8.size()));
}

void add(cbor_item_t* map, cbor_item_t* key, cbor_item_t* value)
{
    cbor_map_add(map, cbor_pair {cbor_move(key), cbor_move(value)});
}

QByteArray serialize(const cbor_item_t* item)
{
    unsigned char* buffer = nullptr;
    size_t capacity = 0;
    const size_t length = cbor_serialize_alloc(item, &buffer, &capacity);
    QByteArray out(reinterpret_cast<const char*>(buffer), qsizetype(length));
    free(buffer);
    return out;
}

QByteArray bignum(EVP_PKEY* key, const char* name)
{
    BIGNUM* bn = nullptr;
    EVP_PKEY_get_bn_param(key, name, &bn);
    QByteArray out(BN_num_bytes(bn), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
    BN_free(bn);
    return out;
}

// An attestation certificate as WebAuthn §8.2.1 describes, self-signed.
QByteArray makeAttestationCertificate(EVP_PKEY* key, const QByteArray& aaguid)
{
    std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
    X509_set_version(cert.get(), X509_VERSION_3);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
    X509_set_pubkey(cert.get(), key);
    X509_NAME* name = X509_get_subject_name(cert.get());
    const auto entry = [name](const char* field, const char* value) {
        X509_NAME_add_entry_by_txt(name, field, MBSTRING_ASC, reinterpret_cast<const unsigned char*>(value),
                                   -1, -1, 0);
    };
    entry("C", "DE");
    entry("O", "auth-service tests");
    entry("OU", "Authenticator Attestation");
    entry("CN", "Soft Authenticator");
    X509_set_issuer_name(cert.get(), name);
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    const QByteArray aaguidExt = "DER:04:10:" + aaguid.toHex(':');
    for (const auto& [field, value] :
         {std::pair<QByteArray, QByteArray> {"basicConstraints", "critical,CA:FALSE"},
          std::pair<QByteArray, QByteArray> {"1.3.6.1.4.1.45724.1.1.4", aaguidExt}}) {
        X509_EXTENSION* ext = X509V3_EXT_conf(nullptr, &ctx, field.constData(), value.constData());
        X509_add_ext(cert.get(), ext, -1);
        X509_EXTENSION_free(ext);
    }
    X509_sign(cert.get(), key, EVP_sha256());
    unsigned char* der = nullptr;
    const int size = i2d_X509(cert.get(), &der);
    QByteArray out(reinterpret_cast<const char*>(der), size);
    OPENSSL_free(der);
    return out;
}

QString b64(const QByteArray& data)
{
    return QString::fromLatin1(crypto::base64UrlEncode(data));
}

} // namespace

struct SoftAuthenticator::Keys
{
    Pkey credential {nullptr, EVP_PKEY_free};
    Pkey attestation {nullptr, EVP_PKEY_free};
    QByteArray attestationCertificate;
};

SoftAuthenticator::SoftAuthenticator(Options options)
    : m_options(std::move(options))
    , m_keys(std::make_unique<Keys>())
{
    m_keys->credential.reset(m_options.algorithm == Algorithm::RS256 ? EVP_RSA_gen(2048)
                                                                     : EVP_EC_gen("P-256"));
    if (m_options.attestation == Attestation::PackedX5c) {
        m_keys->attestation.reset(EVP_EC_gen("P-256"));
        m_keys->attestationCertificate
            = makeAttestationCertificate(m_keys->attestation.get(), m_options.aaguid);
    }
    m_credentialId = crypto::randomBytes(32);
}

SoftAuthenticator::SoftAuthenticator()
    : SoftAuthenticator(Options {})
{
}

SoftAuthenticator::~SoftAuthenticator() = default;

QByteArray SoftAuthenticator::clientDataJson(const QString& type, const QByteArray& challenge,
                                             const QString& origin, bool crossOrigin)
{
    const QJsonObject data {{QStringLiteral("type"), type},
                            {QStringLiteral("challenge"), b64(challenge)},
                            {QStringLiteral("origin"), origin},
                            {QStringLiteral("crossOrigin"), crossOrigin}};
    return QJsonDocument(data).toJson(QJsonDocument::Compact);
}

QByteArray SoftAuthenticator::cosePublicKey() const
{
    EVP_PKEY* key = m_keys->credential.get();
    const Item map(cbor_new_definite_map(m_options.algorithm == Algorithm::RS256 ? 4 : 5));
    if (m_options.algorithm == Algorithm::RS256) {
        add(map.get(), buildInt(1), buildInt(3)); // kty RSA
        add(map.get(), buildInt(3), buildInt(-257));
        add(map.get(), buildInt(-1), buildBytes(bignum(key, OSSL_PKEY_PARAM_RSA_N)));
        add(map.get(), buildInt(-2), buildBytes(bignum(key, OSSL_PKEY_PARAM_RSA_E)));
    } else {
        unsigned char point[65];
        size_t length = 0;
        EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point, &length);
        const QByteArray raw(reinterpret_cast<const char*>(point), qsizetype(length));
        add(map.get(), buildInt(1), buildInt(2)); // kty EC2
        add(map.get(), buildInt(3), buildInt(-7));
        add(map.get(), buildInt(-1), buildInt(1)); // P-256
        add(map.get(), buildInt(-2), buildBytes(raw.mid(1, 32)));
        add(map.get(), buildInt(-3), buildBytes(raw.mid(33, 32)));
    }
    return serialize(map.get());
}

QByteArray SoftAuthenticator::authenticatorData(bool withCredential) const
{
    QByteArray data = crypto::sha256(m_options.rpId.toUtf8());
    data.append(char(m_options.flags | (withCredential ? 0x40 : 0)));
    char counter[4];
    qToBigEndian<quint32>(m_options.counter, counter);
    data.append(counter, 4);
    if (withCredential) {
        data.append(m_options.aaguid);
        char length[2];
        qToBigEndian<quint16>(quint16(m_credentialId.size()), length);
        data.append(length, 2);
        data.append(m_credentialId);
        data.append(cosePublicKey());
    }
    return data;
}

QByteArray SoftAuthenticator::sign(bool attestationKey, const QByteArray& data) const
{
    EVP_PKEY* key = attestationKey ? m_keys->attestation.get() : m_keys->credential.get();
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    size_t length = 0;
    EVP_DigestSignInit_ex(ctx.get(), nullptr, "SHA256", nullptr, nullptr, key, nullptr);
    EVP_DigestSign(ctx.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(data.constData()),
                   size_t(data.size()));
    QByteArray signature(qsizetype(length), '\0');
    EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                   reinterpret_cast<const unsigned char*>(data.constData()), size_t(data.size()));
    signature.truncate(qsizetype(length));
    return signature;
}

QByteArray SoftAuthenticator::attestationObject(const QByteArray& authData,
                                                const QByteArray& clientDataHash) const
{
    const Attestation kind = m_options.attestation;
    QString fmt = kind == Attestation::None ? QStringLiteral("none") : QStringLiteral("packed");
    const Item statement(cbor_new_definite_map(kind == Attestation::PackedX5c  ? 3
                                                   : kind == Attestation::None ? 0
                                                                               : 2));
    if (kind != Attestation::None) {
        const bool x5c = kind == Attestation::PackedX5c;
        const int alg = x5c || m_options.algorithm == Algorithm::ES256 ? -7 : -257;
        add(statement.get(), buildText(QStringLiteral("alg")), buildInt(alg));
        add(statement.get(), buildText(QStringLiteral("sig")),
            buildBytes(sign(x5c, authData + clientDataHash)));
        if (x5c) {
            cbor_item_t* chain = cbor_new_definite_array(1);
            cbor_array_push(chain, cbor_move(buildBytes(m_keys->attestationCertificate)));
            add(statement.get(), buildText(QStringLiteral("x5c")), chain);
        }
    }
    if (!m_formatOverride.isEmpty())
        fmt = m_formatOverride;
    const Item object(cbor_new_definite_map(3));
    add(object.get(), buildText(QStringLiteral("fmt")), buildText(fmt));
    cbor_map_add(object.get(), cbor_pair {cbor_move(buildText(QStringLiteral("attStmt"))), statement.get()});
    add(object.get(), buildText(QStringLiteral("authData")), buildBytes(authData));
    return serialize(object.get());
}

SoftAuthenticator::Registration SoftAuthenticator::makeCredential(const QByteArray& challenge,
                                                                  const QByteArray& userHandle)
{
    m_userHandle = userHandle;
    Registration out;
    out.credentialId = m_credentialId;
    out.clientDataJson
        = clientDataJson(m_typeOverride.isEmpty() ? QStringLiteral("webauthn.create") : m_typeOverride,
                         challenge, m_options.origin);
    out.authenticatorData = authenticatorData(true);
    out.attestationObject = attestationObject(out.authenticatorData, crypto::sha256(out.clientDataJson));
    return out;
}

SoftAuthenticator::Registration SoftAuthenticator::makeCredential(const QJsonObject& creationOptions)
{
    const auto challenge
        = crypto::base64UrlDecode(creationOptions.value(QLatin1String("challenge")).toString().toLatin1());
    const auto user = crypto::base64UrlDecode(creationOptions.value(QLatin1String("user"))
                                                  .toObject()
                                                  .value(QLatin1String("id"))
                                                  .toString()
                                                  .toLatin1());
    return makeCredential(challenge.value_or(QByteArray()), user.value_or(QByteArray()));
}

SoftAuthenticator::Assertion SoftAuthenticator::getAssertion(const QByteArray& challenge)
{
    m_options.counter += m_options.counterStep;
    Assertion out;
    out.credentialId = m_credentialId;
    out.userHandle = m_userHandle;
    out.clientDataJson
        = clientDataJson(m_typeOverride.isEmpty() ? QStringLiteral("webauthn.get") : m_typeOverride,
                         challenge, m_options.origin);
    out.authenticatorData = authenticatorData(false);
    out.signature = sign(false, out.authenticatorData + crypto::sha256(out.clientDataJson));
    return out;
}

QJsonObject SoftAuthenticator::Registration::toJson() const
{
    return QJsonObject {{QStringLiteral("id"), b64(credentialId)},
                        {QStringLiteral("rawId"), b64(credentialId)},
                        {QStringLiteral("type"), QStringLiteral("public-key")},
                        {QStringLiteral("response"),
                         QJsonObject {{QStringLiteral("clientDataJSON"), b64(clientDataJson)},
                                      {QStringLiteral("attestationObject"), b64(attestationObject)}}},
                        {QStringLiteral("clientExtensionResults"), QJsonObject()}};
}

QJsonObject SoftAuthenticator::Assertion::toJson() const
{
    QJsonObject response {{QStringLiteral("clientDataJSON"), b64(clientDataJson)},
                          {QStringLiteral("authenticatorData"), b64(authenticatorData)},
                          {QStringLiteral("signature"), b64(signature)}};
    if (!userHandle.isEmpty())
        response.insert(QStringLiteral("userHandle"), b64(userHandle));
    return QJsonObject {{QStringLiteral("id"), b64(credentialId)},
                        {QStringLiteral("rawId"), b64(credentialId)},
                        {QStringLiteral("type"), QStringLiteral("public-key")},
                        {QStringLiteral("response"), response},
                        {QStringLiteral("clientExtensionResults"), QJsonObject()}};
}

} // namespace auth::test
