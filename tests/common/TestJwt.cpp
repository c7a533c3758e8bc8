#include "core/Clock.h"
#include "crypto/Base64Url.h"
#include "crypto/Digest.h"
#include "crypto/Jwt.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <openssl/pem.h>

using namespace auth;
using namespace auth::crypto;

namespace {

constexpr qint64 kNow = 1'700'000'000; // fixed test time, seconds

QByteArray b64(const QByteArray& data)
{
    return base64UrlEncode(data);
}

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A token from raw header and payload JSON text, signed with `key` as given:
// lets a test forge exactly the bytes an attacker would send.
QByteArray craft(const QByteArray& headerJson, const QByteArray& claimsJson, const SigningKey& key)
{
    const QByteArray input = b64(headerJson) + '.' + b64(claimsJson);
    return input + '.' + b64(key.sign(input));
}

QByteArray rsaPublicPem(const SigningKey& key)
{
    const QByteArray pem = key.privatePem();
    BIO* in = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    EVP_PKEY* pkey = PEM_read_bio_PrivateKey(in, nullptr, nullptr, nullptr);
    BIO* out = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(out, pkey);
    char* data = nullptr;
    const QByteArray publicPem(data, BIO_get_mem_data(out, &data));
    BIO_free(out);
    BIO_free(in);
    EVP_PKEY_free(pkey);
    return publicPem;
}

} // namespace

class TestJwt : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void roundTrip_data();
    void roundTrip();
    void signJwtSetsAlgAndKid();
    void decodeJwtParts();
    void algNoneRejected();
    void rsaPublicKeyAsHmacSecretRejected();
    void changedPayloadRejected();
    void signatureFromOtherKeyRejected();
    void expiry();
    void notBeforeAndIssuedAt();
    void missingOrBadDatesRejected();
    void issuerAndAudience();
    void audienceArray();
    void unknownKid();
    void duplicateKeysRejected();
    void wrongPartCountRejected_data();
    void wrongPartCountRejected();
    void malformedEncodingsRejected();
    void oversizedTokenRejected();
    void critRejected();
    void requiredType();
    void allowedAlgorithms();
    void explicitNowOverridesClock();

private:
    QJsonObject claims(qint64 expOffset = 300) const;
    VerifyOptions options() const;

    SigningKey m_rsa;
    SigningKey m_ec;
    SigningKey m_ed;
    SigningKey m_hmac;
    JwtVerifier m_verifier;
};

void TestJwt::initTestCase()
{
    m_rsa = SigningKey::generate(JwsAlgorithm::RS256);
    m_ec = SigningKey::generate(JwsAlgorithm::ES256);
    m_ed = SigningKey::generate(JwsAlgorithm::EdDSA);
    m_hmac = SigningKey::generate(JwsAlgorithm::HS256);
    m_ec.setKid("ec-1");
    // The verifier holds only public forms of the asymmetric keys, as a relying party would.
    m_verifier.addKey(*SigningKey::fromPublicJwk(m_rsa.publicJwk()));
    m_verifier.addKey(*SigningKey::fromPublicJwk(m_ec.publicJwk()));
    m_verifier.addKey(*SigningKey::fromPublicJwk(m_ed.publicJwk()));
    m_verifier.addKey(m_hmac);
    QCOMPARE(m_verifier.kids().size(), 4);
}

void TestJwt::init()
{
    Clock::setFixedMs(kNow * 1000);
}

void TestJwt::cleanupTestCase()
{
    Clock::setFixedMs(0);
}

QJsonObject TestJwt::claims(qint64 expOffset) const
{
    return {{"iss", "https://auth.example.com"}, {"sub", "user-42"}, {"aud", "api"}, {"iat", kNow},
            {"exp", kNow + expOffset},           {"jti", "abc"}};
}

VerifyOptions TestJwt::options() const
{
    VerifyOptions o;
    o.issuer = "https://auth.example.com";
    o.audience = "api";
    return o;
}

void TestJwt::roundTrip_data()
{
    QTest::addColumn<int>("which");
    QTest::newRow("RS256") << 0;
    QTest::newRow("ES256") << 1;
    QTest::newRow("EdDSA") << 2;
    QTest::newRow("HS256") << 3;
}

void TestJwt::roundTrip()
{
    QFETCH(int, which);
    const SigningKey key = QList<SigningKey> {m_rsa, m_ec, m_ed, m_hmac}.at(which);
    const QByteArray token = signJwt({{"typ", "at+jwt"}}, claims(), key);
    QCOMPARE(token.count('.'), 2);
    const VerifyResult result = m_verifier.verify(token, options());
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(result.error.isEmpty());
    QCOMPARE(result.claims, claims());
    QCOMPARE(result.header.value("alg").toString(), algorithmName(key.algorithm()));
    QCOMPARE(result.header.value("kid").toString(), key.kid());
    QCOMPARE(result.header.value("typ").toString(), QStringLiteral("at+jwt"));
}

void TestJwt::signJwtSetsAlgAndKid()
{
    // Whatever the caller puts in alg and kid, the key decides.
    const QByteArray token = signJwt({{"alg", "none"}, {"kid", "other"}, {"typ", "JWT"}}, claims(), m_ec);
    const auto decoded = decodeJwt(token);
    QVERIFY(decoded);
    QCOMPARE(decoded->header.value("alg").toString(), QStringLiteral("ES256"));
    QCOMPARE(decoded->header.value("kid").toString(), QStringLiteral("ec-1"));
    QCOMPARE(decoded->header.value("typ").toString(), QStringLiteral("JWT"));
    QVERIFY(m_verifier.verify(token, options()).ok);
    // A verification-only key cannot sign.
    QVERIFY(signJwt({}, claims(), *SigningKey::fromPublicJwk(m_ec.publicJwk())).isEmpty());
    QVERIFY(signJwt({}, claims(), SigningKey()).isEmpty());
}

void TestJwt::decodeJwtParts()
{
    const QByteArray token = signJwt({}, claims(), m_ed);
    QString error;
    const auto decoded = decodeJwt(token, &error);
    QVERIFY2(decoded, qPrintable(error));
    QCOMPARE(decoded->signingInput, token.left(token.lastIndexOf('.')));
    QCOMPARE(decoded->signature.size(), 64);
    QCOMPARE(decoded->claims, claims());
    QVERIFY(m_ed.verify(decoded->signingInput, decoded->signature));
}

void TestJwt::algNoneRejected()
{
    const QByteArray payload = b64(json(claims()));
    for (const QString& kid : {m_ec.kid(), m_rsa.kid(), m_hmac.kid(), QString()}) {
        QJsonObject header {{"alg", "none"}};
        if (!kid.isEmpty())
            header.insert("kid", kid);
        const QByteArray token = b64(json(header)) + '.' + payload + '.';
        const VerifyResult result = m_verifier.verify(token, options());
        QVERIFY(!result.ok);
        QCOMPARE(result.error, QStringLiteral("alg_mismatch"));
        QVERIFY(result.claims.isEmpty());
    }
    // "None", "NONE" and a missing alg fare no better.
    for (const char* alg : {"None", "NONE", "nOnE"}) {
        const QByteArray token = b64(json({{"alg", alg}, {"kid", m_ec.kid()}})) + '.' + payload + '.';
        QCOMPARE(m_verifier.verify(token, options()).error, QStringLiteral("alg_mismatch"));
    }
    const QByteArray noAlg = b64(json({{"kid", m_ec.kid()}})) + '.' + payload + '.';
    QCOMPARE(m_verifier.verify(noAlg, options()).error, QStringLiteral("malformed"));
}

// The classic confusion attack: take the RS256 key's kid, claim HS256 and MAC the
// token with the RSA public key (which is public) as the HMAC secret.
void TestJwt::rsaPublicKeyAsHmacSecretRejected()
{
    const QByteArray publicPem = rsaPublicPem(m_rsa);
    QVERIFY(publicPem.startsWith("-----BEGIN PUBLIC KEY-----"));
    const QByteArray jwkText = json(m_rsa.publicJwk());
    for (const QByteArray& secret : {publicPem, jwkText}) {
        const QByteArray input = b64(json({{"alg", "HS256"}, {"kid", m_rsa.kid()}, {"typ", "at+jwt"}})) + '.'
            + b64(json(claims()));
        const QByteArray token = input + '.' + b64(hmacSha256(secret, input));
        const VerifyResult result = m_verifier.verify(token, options());
        QVERIFY(!result.ok);
        QCOMPARE(result.error, QStringLiteral("alg_mismatch"));
    }
    // Same trick against the ES256 and EdDSA keys.
    for (const SigningKey& key : {m_ec, m_ed}) {
        const QByteArray input
            = b64(json({{"alg", "HS256"}, {"kid", key.kid()}})) + '.' + b64(json(claims()));
        const QByteArray token = input + '.' + b64(hmacSha256(json(key.publicJwk()), input));
        QCOMPARE(m_verifier.verify(token, options()).error, QStringLiteral("alg_mismatch"));
    }
    // And the other way round: an RS256 header on the HMAC key's kid.
    const QByteArray input = b64(json({{"alg", "RS256"}, {"kid", m_hmac.kid()}})) + '.' + b64(json(claims()));
    QCOMPARE(m_verifier.verify(input + '.' + b64(m_rsa.sign(input)), options()).error,
             QStringLiteral("alg_mismatch"));
}

void TestJwt::changedPayloadRejected()
{
    const QByteArray token = signJwt({}, claims(), m_ec);
    const QList<QByteArray> parts = token.split('.');
    QJsonObject elevated = claims();
    elevated.insert("sub", "admin");
    const QByteArray forged = parts[0] + '.' + b64(json(elevated)) + '.' + parts[2];
    const VerifyResult result = m_verifier.verify(forged, options());
    QVERIFY(!result.ok);
    QCOMPARE(result.error, QStringLiteral("bad_signature"));
    QVERIFY(result.claims.isEmpty());

    // Changed header (typ added) with the original signature.
    const QByteArray header = b64(json({{"alg", "ES256"}, {"kid", "ec-1"}, {"typ", "at+jwt"}}));
    QCOMPARE(m_verifier.verify(header + '.' + parts[1] + '.' + parts[2], options()).error,
             QStringLiteral("bad_signature"));
    // Empty and truncated signatures.
    QCOMPARE(m_verifier.verify(parts[0] + '.' + parts[1] + '.', options()).error,
             QStringLiteral("bad_signature"));
    QCOMPARE(m_verifier.verify(parts[0] + '.' + parts[1] + '.' + parts[2].left(40), options()).error,
             QStringLiteral("bad_signature"));
}

void TestJwt::signatureFromOtherKeyRejected()
{
    SigningKey impostor = SigningKey::generate(JwsAlgorithm::ES256);
    impostor.setKid("ec-1");
    QCOMPARE(m_verifier.verify(signJwt({}, claims(), impostor), options()).error,
             QStringLiteral("bad_signature"));
}

void TestJwt::expiry()
{
    const QByteArray token = signJwt({}, claims(300), m_ec);
    QVERIFY(m_verifier.verify(token, options()).ok);
    // Within the 60 s leeway after exp: accepted.
    Clock::setFixedMs((kNow + 300 + 59) * 1000);
    QVERIFY(m_verifier.verify(token, options()).ok);
    // At and past exp + leeway: expired.
    Clock::setFixedMs((kNow + 300 + 60) * 1000);
    QCOMPARE(m_verifier.verify(token, options()).error, QStringLiteral("expired"));
    Clock::setFixedMs((kNow + 3600) * 1000);
    const VerifyResult expired = m_verifier.verify(token, options());
    QVERIFY(!expired.ok);
    QCOMPARE(expired.error, QStringLiteral("expired"));
    QVERIFY(expired.claims.isEmpty());
    // With no leeway the token dies exactly at exp.
    VerifyOptions strict = options();
    strict.leewaySecs = 0;
    Clock::setFixedMs((kNow + 299) * 1000);
    QVERIFY(m_verifier.verify(token, strict).ok);
    Clock::setFixedMs((kNow + 300) * 1000);
    QCOMPARE(m_verifier.verify(token, strict).error, QStringLiteral("expired"));
}

void TestJwt::notBeforeAndIssuedAt()
{
    QJsonObject future = claims();
    future.insert("nbf", kNow + 120);
    const QByteArray nbfToken = signJwt({}, future, m_ec);
    QCOMPARE(m_verifier.verify(nbfToken, options()).error, QStringLiteral("not_yet_valid"));
    Clock::setFixedMs((kNow + 60) * 1000); // nbf - leeway
    QVERIFY(m_verifier.verify(nbfToken, options()).ok);

    Clock::setFixedMs(kNow * 1000);
    QJsonObject issuedLater = claims();
    issuedLater.insert("iat", kNow + 61);
    QCOMPARE(m_verifier.verify(signJwt({}, issuedLater, m_ec), options()).error,
             QStringLiteral("not_yet_valid"));
    issuedLater.insert("iat", kNow + 59); // small clock skew is tolerated
    QVERIFY(m_verifier.verify(signJwt({}, issuedLater, m_ec), options()).ok);
}

void TestJwt::missingOrBadDatesRejected()
{
    QJsonObject noExp = claims();
    noExp.remove("exp");
    QCOMPARE(m_verifier.verify(signJwt({}, noExp, m_ec), options()).error, QStringLiteral("malformed"));
    QJsonObject stringExp = claims();
    stringExp.insert("exp", QString::number(kNow + 300));
    QCOMPARE(m_verifier.verify(signJwt({}, stringExp, m_ec), options()).error, QStringLiteral("malformed"));
    QJsonObject stringNbf = claims();
    stringNbf.insert("nbf", "0");
    QCOMPARE(m_verifier.verify(signJwt({}, stringNbf, m_ec), options()).error, QStringLiteral("malformed"));
    // Fractional NumericDates are allowed by RFC 7519.
    QJsonObject fractional = claims();
    fractional.insert("exp", kNow + 0.5);
    QVERIFY(m_verifier.verify(signJwt({}, fractional, m_ec), options()).ok);
}

void TestJwt::issuerAndAudience()
{
    const QByteArray token = signJwt({}, claims(), m_ec);
    VerifyOptions o = options();
    o.issuer = "https://evil.example.com";
    QCOMPARE(m_verifier.verify(token, o).error, QStringLiteral("wrong_issuer"));
    o = options();
    o.audience = "other-api";
    QCOMPARE(m_verifier.verify(token, o).error, QStringLiteral("wrong_audience"));
    // Unset expectations are not checked.
    QVERIFY(m_verifier.verify(token, VerifyOptions()).ok);

    QJsonObject noIss = claims();
    noIss.remove("iss");
    noIss.remove("aud");
    QCOMPARE(m_verifier.verify(signJwt({}, noIss, m_ec), options()).error, QStringLiteral("wrong_issuer"));
    noIss.insert("iss", "https://auth.example.com");
    QCOMPARE(m_verifier.verify(signJwt({}, noIss, m_ec), options()).error, QStringLiteral("wrong_audience"));
}

void TestJwt::audienceArray()
{
    QJsonObject c = claims();
    c.insert("aud", QJsonArray {"billing", "api"});
    QVERIFY(m_verifier.verify(signJwt({}, c, m_ec), options()).ok);
    c.insert("aud", QJsonArray {"billing", "apis"});
    QCOMPARE(m_verifier.verify(signJwt({}, c, m_ec), options()).error, QStringLiteral("wrong_audience"));
    c.insert("aud", QJsonArray {});
    QCOMPARE(m_verifier.verify(signJwt({}, c, m_ec), options()).error, QStringLiteral("wrong_audience"));
    c.insert("aud", QJsonArray {QJsonArray {"api"}});
    QCOMPARE(m_verifier.verify(signJwt({}, c, m_ec), options()).error, QStringLiteral("wrong_audience"));
}

void TestJwt::unknownKid()
{
    SigningKey stranger = SigningKey::generate(JwsAlgorithm::ES256);
    QCOMPARE(m_verifier.verify(signJwt({}, claims(), stranger), options()).error,
             QStringLiteral("unknown_kid"));
    // No kid at all, and a kid that is not a string.
    const QByteArray noKid = craft(json({{"alg", "ES256"}}), json(claims()), m_ec);
    QCOMPARE(m_verifier.verify(noKid, options()).error, QStringLiteral("unknown_kid"));
    const QByteArray numericKid = craft(json({{"alg", "ES256"}, {"kid", 1}}), json(claims()), m_ec);
    QCOMPARE(m_verifier.verify(numericKid, options()).error, QStringLiteral("unknown_kid"));
    // After removal the kid is unknown.
    JwtVerifier verifier = m_verifier;
    QVERIFY(verifier.removeKey("ec-1"));
    QCOMPARE(verifier.verify(signJwt({}, claims(), m_ec), options()).error, QStringLiteral("unknown_kid"));
}

void TestJwt::duplicateKeysRejected()
{
    // Properly signed, so only the duplicate key can be the reason.
    const QByteArray dupHeader = craft(R"({"alg":"ES256","kid":"ec-1","kid":"other"})", json(claims()), m_ec);
    QString error;
    QVERIFY(!decodeJwt(dupHeader, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(m_verifier.verify(dupHeader, options()).error, QStringLiteral("malformed"));
    const QByteArray dupAlg = craft(R"({"alg":"HS256","kid":"ec-1","alg":"ES256"})", json(claims()), m_ec);
    QCOMPARE(m_verifier.verify(dupAlg, options()).error, QStringLiteral("malformed"));
    const QByteArray dupClaim = craft(R"({"alg":"ES256","kid":"ec-1"})",
                                      R"({"sub":"user-42","exp":1700000300,"sub":"admin"})", m_ec);
    QCOMPARE(m_verifier.verify(dupClaim, {}).error, QStringLiteral("malformed"));
    // The same token without the duplicate passes, so the fixture is sound.
    const QByteArray clean
        = craft(R"({"alg":"ES256","kid":"ec-1"})", R"({"sub":"user-42","exp":1700000300})", m_ec);
    QVERIFY(m_verifier.verify(clean, {}).ok);
}

void TestJwt::wrongPartCountRejected_data()
{
    const QByteArray token = signJwt({}, claims(), m_ec);
    const QList<QByteArray> p = token.split('.');
    QTest::addColumn<QByteArray>("token");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("one part") << p[0];
    QTest::newRow("two parts") << p[0] + '.' + p[1];
    QTest::newRow("four parts") << token + '.' + p[2];
    QTest::newRow("trailing dot") << token + '.';
    QTest::newRow("five parts (JWE shape)") << p[0] + '.' + p[1] + '.' + p[2] + '.' + p[1] + '.' + p[2];
    QTest::newRow("dots only") << QByteArray("..");
}

void TestJwt::wrongPartCountRejected()
{
    QFETCH(QByteArray, token);
    QVERIFY(!decodeJwt(token));
    QCOMPARE(m_verifier.verify(token, options()).error, QStringLiteral("malformed"));
}

void TestJwt::malformedEncodingsRejected()
{
    const QByteArray token = signJwt({}, claims(), m_ec);
    const QList<QByteArray> p = token.split('.');
    const QByteArray body = p[0] + '.' + p[1];
    for (const QByteArray& bad :
         {body + '.' + p[2] + "==", body + '.' + p[2] + ' ', ' ' + token, token + '\n',
          body + '.' + QByteArray(p[2]).replace('-', '+').replace('_', '/') + "x",
          b64("[1,2]") + '.' + p[1] + '.' + p[2], p[0] + '.' + b64("\"str\"") + '.' + p[2],
          b64("{\"alg\":") + '.' + p[1] + '.' + p[2]}) {
        QCOMPARE(m_verifier.verify(bad, options()).error, QStringLiteral("malformed"));
    }
    // A non-canonical spelling of the signature (last character's spare bits set).
    QByteArray signature = p[2];
    const char last = signature.back();
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const int index = static_cast<int>(strchr(alphabet, last) - alphabet);
    signature.back() = alphabet[index | 1];
    if (signature != p[2])
        QCOMPARE(m_verifier.verify(body + '.' + signature, options()).error, QStringLiteral("malformed"));
}

void TestJwt::oversizedTokenRejected()
{
    QJsonObject big = claims();
    big.insert("pad", QString(12 * 1024, QLatin1Char('x')));
    const QByteArray token = signJwt({}, big, m_ec);
    QVERIFY(token.size() > kMaxJwtSize);
    QString error;
    QVERIFY(!decodeJwt(token, &error));
    QCOMPARE(m_verifier.verify(token, options()).error, QStringLiteral("malformed"));
    big.insert("pad", QString(10 * 1024, QLatin1Char('x')));
    const QByteArray fits = signJwt({}, big, m_ec);
    QVERIFY(fits.size() <= kMaxJwtSize);
    QVERIFY(m_verifier.verify(fits, options()).ok);
}

void TestJwt::critRejected()
{
    const QByteArray token = signJwt({{"crit", QJsonArray {"exp"}}, {"exp", kNow + 300}}, claims(), m_ec);
    QCOMPARE(m_verifier.verify(token, options()).error, QStringLiteral("malformed"));
    const QByteArray b64Unencoded = signJwt({{"crit", QJsonArray {"b64"}}, {"b64", false}}, claims(), m_ec);
    QCOMPARE(m_verifier.verify(b64Unencoded, options()).error, QStringLiteral("malformed"));
}

void TestJwt::requiredType()
{
    VerifyOptions o = options();
    o.requiredType = "at+jwt";
    QVERIFY(m_verifier.verify(signJwt({{"typ", "at+jwt"}}, claims(), m_ec), o).ok);
    QVERIFY(m_verifier.verify(signJwt({{"typ", "application/at+jwt"}}, claims(), m_ec), o).ok);
    QVERIFY(m_verifier.verify(signJwt({{"typ", "AT+JWT"}}, claims(), m_ec), o).ok);
    QCOMPARE(m_verifier.verify(signJwt({{"typ", "JWT"}}, claims(), m_ec), o).error,
             QStringLiteral("wrong_type"));
    QCOMPARE(m_verifier.verify(signJwt({}, claims(), m_ec), o).error, QStringLiteral("wrong_type"));
    QCOMPARE(m_verifier.verify(signJwt({{"typ", 1}}, claims(), m_ec), o).error, QStringLiteral("wrong_type"));
}

void TestJwt::allowedAlgorithms()
{
    VerifyOptions o = options();
    o.allowedAlgorithms = {JwsAlgorithm::ES256, JwsAlgorithm::EdDSA};
    QVERIFY(m_verifier.verify(signJwt({}, claims(), m_ec), o).ok);
    QVERIFY(m_verifier.verify(signJwt({}, claims(), m_ed), o).ok);
    QCOMPARE(m_verifier.verify(signJwt({}, claims(), m_hmac), o).error, QStringLiteral("alg_mismatch"));
    QCOMPARE(m_verifier.verify(signJwt({}, claims(), m_rsa), o).error, QStringLiteral("alg_mismatch"));
}

void TestJwt::explicitNowOverridesClock()
{
    const QByteArray token = signJwt({}, claims(300), m_ec);
    VerifyOptions o = options();
    o.nowSecs = kNow + 10'000;
    QCOMPARE(m_verifier.verify(token, o).error, QStringLiteral("expired"));
    o.nowSecs = kNow;
    Clock::setFixedMs((kNow + 10'000) * 1000);
    QVERIFY(m_verifier.verify(token, o).ok);
}

QTEST_GUILESS_MAIN(TestJwt)
#include "TestJwt.moc"
