#include "crypto/Base64Url.h"
#include "crypto/Digest.h"
#include "crypto/Random.h"
#include "crypto/SigningKey.h"

#include <QJsonDocument>
#include <QTest>
#include <atomic>
#include <memory>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <thread>
#include <vector>

using namespace auth::crypto;

Q_DECLARE_METATYPE(auth::crypto::JwsAlgorithm)

namespace {

// RFC 7638 §3.1: the example RSA key (from RFC 7517 appendix A.1) and its thumbprint.
const char kRfc7638N[]
    = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZC"
      "iFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZ"
      "gnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBn"
      "iIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
const char kRfc7638Thumbprint[] = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

// RFC 7515 appendix A.1.1 and A.3.1 share this payload.
const char kRfc7515Payload[]
    = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb2"
      "90Ijp0cnVlfQ";

std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> ownKey(EVP_PKEY* key)
{
    return {key, &EVP_PKEY_free};
}

QByteArray pemOf(EVP_PKEY* key, bool publicOnly = false, const EVP_CIPHER* cipher = nullptr)
{
    BIO* bio = BIO_new(BIO_s_mem());
    const char pass[] = "passphrase";
    if (publicOnly)
        PEM_write_bio_PUBKEY(bio, key);
    else
        PEM_write_bio_PKCS8PrivateKey(bio, key, cipher, cipher ? pass : nullptr, cipher ? 10 : 0, nullptr,
                                      nullptr);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, size);
    BIO_free(bio);
    return pem;
}

QSet<QString> memberNames(const QJsonObject& object)
{
    const QStringList keys = object.keys();
    return QSet<QString>(keys.begin(), keys.end());
}

} // namespace

class TestSigningKey : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void algorithmNames();
    void signVerifyRoundTrip_data();
    void signVerifyRoundTrip();
    void tamperedSignatureFails_data();
    void tamperedSignatureFails();
    void es256SignatureIsRawRS();
    void rs256MatchesIndependentVerify();
    void jwkShapes();
    void rfc7638Thumbprint();
    void rfc7515Hs256Vector();
    void rfc7515Es256Vector();
    void rfc8037Ed25519Vector();
    void privatePemRoundTrip_data();
    void privatePemRoundTrip();
    void fromPrivatePemRefuses();
    void fromPublicJwkVerifies_data();
    void fromPublicJwkVerifies();
    void fromPublicJwkRefuses();
    void hmacKeys();
    void kidDefaultsAndOverrides();
    void nullKey();
    void concurrentSigning();

private:
    SigningKey key(JwsAlgorithm algorithm) const;
    QList<SigningKey> m_keys;
};

void TestSigningKey::initTestCase()
{
    for (const auto algorithm :
         {JwsAlgorithm::RS256, JwsAlgorithm::ES256, JwsAlgorithm::EdDSA, JwsAlgorithm::HS256})
        m_keys.append(SigningKey::generate(algorithm));
}

SigningKey TestSigningKey::key(JwsAlgorithm algorithm) const
{
    return m_keys.at(static_cast<int>(algorithm));
}

static void addAlgorithmRows()
{
    QTest::addColumn<JwsAlgorithm>("algorithm");
    QTest::addColumn<int>("signatureSize");
    QTest::newRow("RS256") << JwsAlgorithm::RS256 << 256;
    QTest::newRow("ES256") << JwsAlgorithm::ES256 << 64;
    QTest::newRow("EdDSA") << JwsAlgorithm::EdDSA << 64;
    QTest::newRow("HS256") << JwsAlgorithm::HS256 << 32;
}

void TestSigningKey::algorithmNames()
{
    for (const auto algorithm :
         {JwsAlgorithm::RS256, JwsAlgorithm::ES256, JwsAlgorithm::EdDSA, JwsAlgorithm::HS256})
        QCOMPARE(parseAlgorithm(algorithmName(algorithm)), algorithm);
    QCOMPARE(algorithmName(JwsAlgorithm::EdDSA), QStringLiteral("EdDSA"));
    QVERIFY(!parseAlgorithm(u"none"));
    QVERIFY(!parseAlgorithm(u"None"));
    QVERIFY(!parseAlgorithm(u"rs256"));
    QVERIFY(!parseAlgorithm(u"PS256"));
    QVERIFY(!parseAlgorithm(u""));
}

void TestSigningKey::signVerifyRoundTrip_data()
{
    addAlgorithmRows();
}

void TestSigningKey::signVerifyRoundTrip()
{
    QFETCH(JwsAlgorithm, algorithm);
    QFETCH(int, signatureSize);
    const SigningKey k = key(algorithm);
    QCOMPARE(k.algorithm(), algorithm);
    QVERIFY(k.hasPrivateKey());
    const QByteArray input = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9";
    const QByteArray signature = k.sign(input);
    QCOMPARE(signature.size(), signatureSize);
    QVERIFY(k.verify(input, signature));
    QVERIFY(!k.verify(QByteArray(input).append('x'), signature));
    QVERIFY(!k.verify(input.chopped(1), signature));
    QVERIFY(k.verify({}, k.sign({})));
    // A different key of the same algorithm does not accept it.
    QVERIFY(!SigningKey::generate(algorithm).verify(input, signature));
}

void TestSigningKey::tamperedSignatureFails_data()
{
    addAlgorithmRows();
}

void TestSigningKey::tamperedSignatureFails()
{
    QFETCH(JwsAlgorithm, algorithm);
    const SigningKey k = key(algorithm);
    const QByteArray input = "header.payload";
    const QByteArray signature = k.sign(input);
    for (int i = 0; i < signature.size(); ++i) {
        QByteArray tampered = signature;
        tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
        QVERIFY2(!k.verify(input, tampered), qPrintable(QStringLiteral("byte %1").arg(i)));
    }
    QVERIFY(!k.verify(input, signature.chopped(1)));
    QVERIFY(!k.verify(input, signature + '\0'));
    QVERIFY(!k.verify(input, {}));
    QVERIFY(!k.verify(input, QByteArray(signature.size(), '\0')));
}

void TestSigningKey::es256SignatureIsRawRS()
{
    const SigningKey k = key(JwsAlgorithm::ES256);
    const QByteArray input = "header.payload";
    // ECDSA is randomised: two signatures differ, both verify.
    const QByteArray a = k.sign(input);
    const QByteArray b = k.sign(input);
    QCOMPARE(a.size(), 64);
    QVERIFY(a != b);
    QVERIFY(k.verify(input, b));

    // The same signature in DER, as OpenSSL natively writes it, is refused.
    ECDSA_SIG* sig = ECDSA_SIG_new();
    ECDSA_SIG_set0(sig, BN_bin2bn(reinterpret_cast<const unsigned char*>(a.constData()), 32, nullptr),
                   BN_bin2bn(reinterpret_cast<const unsigned char*>(a.constData()) + 32, 32, nullptr));
    unsigned char* der = nullptr;
    const int derSize = i2d_ECDSA_SIG(sig, &der);
    const QByteArray derSignature(reinterpret_cast<const char*>(der), derSize);
    OPENSSL_free(der);
    ECDSA_SIG_free(sig);
    QVERIFY(!k.verify(input, derSignature));

    // And the DER form verifies with plain OpenSSL against the published key:
    // R||S really is the ECDSA signature over SHA-256 of the input.
    const QByteArray pem = k.privatePem();
    BIO* bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    auto pkey = ownKey(PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr));
    BIO_free(bio);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    QCOMPARE(EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, pkey.get()), 1);
    QCOMPARE(EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(derSignature.constData()),
                              static_cast<size_t>(derSignature.size()),
                              reinterpret_cast<const unsigned char*>(input.constData()),
                              static_cast<size_t>(input.size())),
             1);
    EVP_MD_CTX_free(ctx);
}

void TestSigningKey::rs256MatchesIndependentVerify()
{
    const SigningKey k = key(JwsAlgorithm::RS256);
    const QByteArray input = "header.payload";
    const QByteArray signature = k.sign(input);
    // RSASSA-PKCS1-v1_5 is deterministic.
    QCOMPARE(k.sign(input), signature);
    const QByteArray pem = k.privatePem();
    BIO* bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    auto pkey = ownKey(PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr));
    BIO_free(bio);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    QCOMPARE(EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, pkey.get()), 1);
    QCOMPARE(EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.constData()),
                              static_cast<size_t>(signature.size()),
                              reinterpret_cast<const unsigned char*>(input.constData()),
                              static_cast<size_t>(input.size())),
             1);
    EVP_MD_CTX_free(ctx);
}

void TestSigningKey::jwkShapes()
{
    const auto decodedSize = [](const QJsonObject& jwk, const char* member) {
        return base64UrlDecode(jwk.value(QLatin1String(member)).toString().toLatin1()).value_or("?").size();
    };
    const QJsonObject rsa = key(JwsAlgorithm::RS256).publicJwk();
    QCOMPARE(memberNames(rsa), (QSet<QString> {"kty", "n", "e", "kid", "alg", "use"}));
    QCOMPARE(rsa.value("kty").toString(), QStringLiteral("RSA"));
    QCOMPARE(rsa.value("alg").toString(), QStringLiteral("RS256"));
    QCOMPARE(rsa.value("use").toString(), QStringLiteral("sig"));
    QCOMPARE(rsa.value("e").toString(), QStringLiteral("AQAB"));
    QCOMPARE(decodedSize(rsa, "n"), 256);

    const QJsonObject ec = key(JwsAlgorithm::ES256).publicJwk();
    QCOMPARE(memberNames(ec), (QSet<QString> {"kty", "crv", "x", "y", "kid", "alg", "use"}));
    QCOMPARE(ec.value("kty").toString(), QStringLiteral("EC"));
    QCOMPARE(ec.value("crv").toString(), QStringLiteral("P-256"));
    QCOMPARE(ec.value("alg").toString(), QStringLiteral("ES256"));
    QCOMPARE(decodedSize(ec, "x"), 32);
    QCOMPARE(decodedSize(ec, "y"), 32);

    const QJsonObject okp = key(JwsAlgorithm::EdDSA).publicJwk();
    QCOMPARE(memberNames(okp), (QSet<QString> {"kty", "crv", "x", "kid", "alg", "use"}));
    QCOMPARE(okp.value("kty").toString(), QStringLiteral("OKP"));
    QCOMPARE(okp.value("crv").toString(), QStringLiteral("Ed25519"));
    QCOMPARE(okp.value("alg").toString(), QStringLiteral("EdDSA"));
    QCOMPARE(decodedSize(okp, "x"), 32);

    for (const SigningKey& k : m_keys) {
        if (k.algorithm() != JwsAlgorithm::HS256)
            QCOMPARE(k.publicJwk().value("kid").toString(), k.thumbprint());
    }
    // Nothing private leaks into a published key.
    for (const SigningKey& k : m_keys) {
        const QJsonObject jwk = k.publicJwk();
        QVERIFY(!jwk.contains("d") && !jwk.contains("p") && !jwk.contains("k"));
    }
}

void TestSigningKey::rfc7638Thumbprint()
{
    const QJsonObject jwk {
        {"kty", "RSA"}, {"n", kRfc7638N}, {"e", "AQAB"}, {"alg", "RS256"}, {"kid", "2011-04-29"}};
    QString error;
    const auto k = SigningKey::fromPublicJwk(jwk, &error);
    QVERIFY2(k, qPrintable(error));
    QCOMPARE(k->thumbprint(), QString::fromLatin1(kRfc7638Thumbprint));
    QCOMPARE(k->kid(), QStringLiteral("2011-04-29"));
    QCOMPARE(k->publicJwk().value("n").toString(), QString::fromLatin1(kRfc7638N));
    QVERIFY(!k->hasPrivateKey());
    QVERIFY(k->sign("x").isEmpty());
    QVERIFY(k->privatePem().isEmpty());
}

void TestSigningKey::rfc7515Hs256Vector()
{
    // RFC 7515 appendix A.1.
    const auto secret = base64UrlDecode(
        "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");
    QVERIFY(secret);
    const SigningKey k = SigningKey::hmac(*secret);
    const QByteArray input = QByteArray("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.") + kRfc7515Payload;
    QCOMPARE(base64UrlEncode(k.sign(input)), QByteArray("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    QVERIFY(k.verify(input, base64UrlDecode("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").value()));
}

void TestSigningKey::rfc7515Es256Vector()
{
    // RFC 7515 appendix A.3: verify the published signature with the published key.
    const QJsonObject jwk {{"kty", "EC"},
                           {"crv", "P-256"},
                           {"x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"},
                           {"y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}};
    QString error;
    const auto k = SigningKey::fromPublicJwk(jwk, &error);
    QVERIFY2(k, qPrintable(error));
    const QByteArray input = QByteArray("eyJhbGciOiJFUzI1NiJ9.") + kRfc7515Payload;
    const auto signature = base64UrlDecode(
        "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q");
    QVERIFY(signature);
    QVERIFY(k->verify(input, *signature));
}

void TestSigningKey::rfc8037Ed25519Vector()
{
    // RFC 8037 appendix A: the RFC 8032 test key, its thumbprint, and a signature.
    const unsigned char d[]
        = {0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a, 0xf4, 0x92, 0xec, 0x2c, 0xc4,
           0x44, 0x49, 0xc5, 0x69, 0x7b, 0x32, 0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60};
    auto pkey = ownKey(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, d, sizeof d));
    QString error;
    const auto k = SigningKey::fromPrivatePem(pemOf(pkey.get()), &error);
    QVERIFY2(k, qPrintable(error));
    QCOMPARE(k->algorithm(), JwsAlgorithm::EdDSA);
    QCOMPARE(k->publicJwk().value("x").toString(),
             QStringLiteral("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"));
    QCOMPARE(k->thumbprint(), QStringLiteral("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"));
    const QByteArray input = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
    QCOMPARE(
        base64UrlEncode(k->sign(input)),
        QByteArray("hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"));
}

void TestSigningKey::privatePemRoundTrip_data()
{
    addAlgorithmRows();
}

void TestSigningKey::privatePemRoundTrip()
{
    QFETCH(JwsAlgorithm, algorithm);
    const SigningKey k = key(algorithm);
    const QByteArray pem = k.privatePem();
    if (algorithm == JwsAlgorithm::HS256) {
        QVERIFY(pem.isEmpty());
        return;
    }
    QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----\n")); // PKCS#8, unencrypted
    QString error;
    const auto loaded = SigningKey::fromPrivatePem(pem, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->algorithm(), algorithm);
    QCOMPARE(loaded->thumbprint(), k.thumbprint());
    QCOMPARE(loaded->publicJwk(), k.publicJwk());
    QVERIFY(k.verify("input", loaded->sign("input")));
    QVERIFY(loaded->verify("input", k.sign("input")));
}

void TestSigningKey::fromPrivatePemRefuses()
{
    ERR_clear_error();
    QString error;
    QVERIFY(!SigningKey::fromPrivatePem("not a key", &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!SigningKey::fromPrivatePem({}, nullptr));

    auto rsa1024 = ownKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(1024)));
    error.clear();
    QVERIFY(!SigningKey::fromPrivatePem(pemOf(rsa1024.get()), &error));
    QVERIFY2(error.contains("1024"), qPrintable(error));

    // The traditional PKCS#1 form of a good RSA key is accepted.
    auto rsa2048 = ownKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(2048)));
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey_traditional(bio, rsa2048.get(), nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    const QByteArray pkcs1(data, BIO_get_mem_data(bio, &data));
    BIO_free(bio);
    QVERIFY(pkcs1.startsWith("-----BEGIN RSA PRIVATE KEY-----"));
    const auto fromPkcs1 = SigningKey::fromPrivatePem(pkcs1, &error);
    QVERIFY2(fromPkcs1, qPrintable(error));
    QCOMPARE(fromPkcs1->algorithm(), JwsAlgorithm::RS256);

    auto p384 = ownKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"));
    error.clear();
    QVERIFY(!SigningKey::fromPrivatePem(pemOf(p384.get()), &error));
    QVERIFY2(error.contains("P-256"), qPrintable(error));

    auto ed448 = ownKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED448"));
    QVERIFY(!SigningKey::fromPrivatePem(pemOf(ed448.get()), &error));

    // Encrypted PEM is refused without prompting for a passphrase.
    auto ec = ownKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    const QByteArray encrypted = pemOf(ec.get(), false, EVP_aes_256_cbc());
    QVERIFY(encrypted.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    QVERIFY(!SigningKey::fromPrivatePem(encrypted, &error));

    // A public key is not a private key.
    QVERIFY(!SigningKey::fromPrivatePem(pemOf(ec.get(), true), &error));
    QVERIFY(ERR_peek_error() == 0); // failures leave no stale OpenSSL errors behind
}

void TestSigningKey::fromPublicJwkVerifies_data()
{
    addAlgorithmRows();
}

void TestSigningKey::fromPublicJwkVerifies()
{
    QFETCH(JwsAlgorithm, algorithm);
    const SigningKey k = key(algorithm);
    const QJsonObject jwk = k.publicJwk();
    if (algorithm == JwsAlgorithm::HS256) {
        QVERIFY(jwk.isEmpty());
        QVERIFY(!SigningKey::fromPublicJwk(jwk));
        return;
    }
    // Through JSON text, as a console would receive it.
    const QJsonObject received = QJsonDocument::fromJson(QJsonDocument(jwk).toJson()).object();
    QString error;
    const auto published = SigningKey::fromPublicJwk(received, &error);
    QVERIFY2(published, qPrintable(error));
    QCOMPARE(published->algorithm(), algorithm);
    QCOMPARE(published->kid(), k.kid());
    QCOMPARE(published->thumbprint(), k.thumbprint());
    QVERIFY(!published->hasPrivateKey());
    QVERIFY(published->sign("input").isEmpty());
    QVERIFY(published->verify("input", k.sign("input")));
    QVERIFY(!published->verify("input2", k.sign("input")));
}

void TestSigningKey::fromPublicJwkRefuses()
{
    const QJsonObject ec = key(JwsAlgorithm::ES256).publicJwk();
    const auto refused = [](const QJsonObject& jwk) {
        QString error;
        const bool refusedIt = !SigningKey::fromPublicJwk(jwk, &error);
        return refusedIt && !error.isEmpty();
    };
    QJsonObject withD = ec;
    withD.insert("d", QString::fromLatin1(base64UrlEncode(randomBytes(32))));
    QVERIFY(refused(withD));
    QJsonObject wrongAlg = ec;
    wrongAlg.insert("alg", "HS256");
    QVERIFY(refused(wrongAlg));
    QJsonObject wrongUse = ec;
    wrongUse.insert("use", "enc");
    QVERIFY(refused(wrongUse));
    QJsonObject otherCurve = ec;
    otherCurve.insert("crv", "P-384");
    QVERIFY(refused(otherCurve));
    // A point that is not on the curve (invalid-curve attacks).
    QJsonObject offCurve = ec;
    QByteArray y = base64UrlDecode(ec.value("y").toString().toLatin1()).value();
    y[31] = static_cast<char>(y[31] ^ 1);
    offCurve.insert("y", QString::fromLatin1(base64UrlEncode(y)));
    QVERIFY(refused(offCurve));
    QJsonObject shortX = ec;
    shortX.insert("x", QString::fromLatin1(base64UrlEncode(randomBytes(31))));
    QVERIFY(refused(shortX));
    QJsonObject paddedX = ec;
    paddedX.insert("x", ec.value("x").toString() + "=");
    QVERIFY(refused(paddedX));

    QVERIFY(refused({{"kty", "oct"}, {"k", QString::fromLatin1(base64UrlEncode(randomBytes(32)))}}));
    QVERIFY(refused(
        {{"kty", "RSA"}, {"n", QString::fromLatin1(base64UrlEncode(randomBytes(128)))}, {"e", "AQAB"}}));
    QJsonObject evenExponent {{"kty", "RSA"}, {"n", kRfc7638N}, {"e", "AQAA"}};
    QVERIFY(refused(evenExponent));
    QVERIFY(refused({{"kty", "RSA"}, {"n", kRfc7638N}, {"e", "AQ"}}));
    QVERIFY(refused({{"kty", "OKP"}, {"crv", "Ed448"}, {"x", "AAAA"}}));
    QVERIFY(refused(
        {{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", QString::fromLatin1(base64UrlEncode(randomBytes(31)))}}));
    QVERIFY(refused({}));
}

void TestSigningKey::hmacKeys()
{
    QTest::ignoreMessage(QtWarningMsg, "refused an HS256 secret shorter than 32 bytes");
    QVERIFY(SigningKey::hmac(QByteArray(31, 'a')).isNull());
    QTest::ignoreMessage(QtWarningMsg, "refused an HS256 secret shorter than 32 bytes");
    QVERIFY(SigningKey::hmac({}).isNull());
    const QByteArray secret = randomBytes(32);
    const SigningKey k = SigningKey::hmac(secret);
    QVERIFY(!k.isNull());
    QCOMPARE(k.algorithm(), JwsAlgorithm::HS256);
    QCOMPARE(k.sign("input"), hmacSha256(secret, "input"));
    QVERIFY(k.publicJwk().isEmpty());
    QVERIFY(k.privatePem().isEmpty());
    QVERIFY(k.thumbprint().isEmpty());
    // A stable kid that is neither the secret nor its plain hash.
    QVERIFY(!k.kid().isEmpty());
    QCOMPARE(SigningKey::hmac(secret).kid(), k.kid());
    QVERIFY(SigningKey::hmac(randomBytes(32)).kid() != k.kid());
    QVERIFY(!k.kid().contains(QString::fromLatin1(base64UrlEncode(secret))));
    QVERIFY(!k.kid().contains(QString::fromLatin1(base64UrlEncode(sha256(secret)).left(16))));
}

void TestSigningKey::kidDefaultsAndOverrides()
{
    SigningKey k = key(JwsAlgorithm::ES256);
    QCOMPARE(k.kid(), k.thumbprint());
    QCOMPARE(k.thumbprint().size(), 43);
    SigningKey renamed = k;
    renamed.setKid("2024-rotation-1");
    QCOMPARE(renamed.kid(), QStringLiteral("2024-rotation-1"));
    QCOMPARE(renamed.publicJwk().value("kid").toString(), QStringLiteral("2024-rotation-1"));
    QCOMPARE(k.kid(), k.thumbprint()); // the copy is unaffected
    QVERIFY(k.verify("x", renamed.sign("x"))); // same key material
}

void TestSigningKey::nullKey()
{
    const SigningKey k;
    QVERIFY(k.isNull());
    QVERIFY(!k.hasPrivateKey());
    QVERIFY(k.sign("x").isEmpty());
    QVERIFY(!k.verify("x", {}));
    QVERIFY(k.publicJwk().isEmpty());
    QVERIFY(k.kid().isEmpty());
}

// Copies share one OpenSSL key; signing from several threads at once must work.
void TestSigningKey::concurrentSigning()
{
    for (const SigningKey& shared : m_keys) {
        std::atomic<int> failures {0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                const SigningKey k = shared;
                const int rounds = k.algorithm() == JwsAlgorithm::RS256 ? 20 : 200;
                for (int i = 0; i < rounds; ++i) {
                    const QByteArray input = QByteArray::number(t) + '.' + QByteArray::number(i);
                    if (!shared.verify(input, k.sign(input)))
                        ++failures;
                }
            });
        }
        for (auto& thread : threads)
            thread.join();
        QCOMPARE(failures.load(), 0);
    }
}

QTEST_GUILESS_MAIN(TestSigningKey)
#include "TestSigningKey.moc"
