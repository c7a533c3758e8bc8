#include "SoftAuthenticator.h"
#include "crypto/Base64Url.h"
#include "crypto/Digest.h"
#include "mfa/webauthn/WebAuthnJson.h"
#include "mfa/webauthn/WebAuthnVerifier.h"

#include <QJsonArray>
#include <QTest>

using namespace auth::mfa::webauthn;
using auth::test::SoftAuthenticator;

Q_DECLARE_METATYPE(SoftAuthenticator::Algorithm)
Q_DECLARE_METATYPE(SoftAuthenticator::Attestation)
Q_DECLARE_METATYPE(AttestationType)

namespace {

const QString kOrigin = QStringLiteral("https://login.example.com");
const QString kRpId = QStringLiteral("example.com");
const QByteArray kUserHandle = QByteArray::fromHex("0102030405060708090a0b0c0d0e0f10");

SoftAuthenticator::Options
options(SoftAuthenticator::Algorithm algorithm = SoftAuthenticator::Algorithm::ES256,
        SoftAuthenticator::Attestation attestation = SoftAuthenticator::Attestation::None)
{
    SoftAuthenticator::Options o;
    o.rpId = kRpId;
    o.origin = kOrigin;
    o.algorithm = algorithm;
    o.attestation = attestation;
    o.aaguid = QByteArray::fromHex("00112233445566778899aabbccddeeff");
    return o;
}

Expectations expect(const QByteArray& challenge, bool requireUv = false)
{
    Expectations e;
    e.challenge = challenge;
    e.origins = {kOrigin, QStringLiteral("https://other.example.com")};
    e.rpId = kRpId;
    e.requireUserVerification = requireUv;
    return e;
}

RegistrationResult registerWith(SoftAuthenticator& authenticator, const QByteArray& challenge,
                                const Expectations& expected)
{
    const auto made = authenticator.makeCredential(challenge, kUserHandle);
    return verifyRegistration(expected, {made.credentialId, made.clientDataJson, made.attestationObject});
}

RegistrationResult verifyObject(const SoftAuthenticator::Registration& made, const QByteArray& challenge,
                                const QByteArray& attestationObject)
{
    return verifyRegistration(expect(challenge), {made.credentialId, made.clientDataJson, attestationObject});
}

StoredCredential stored(const RegisteredCredential& credential)
{
    return {credential.credentialId, credential.algorithm, credential.publicKeySpki, credential.signCount,
            kUserHandle};
}

AssertionResponse response(const SoftAuthenticator::Assertion& a)
{
    return {a.credentialId, a.clientDataJson, a.authenticatorData, a.signature, a.userHandle};
}

QByteArray cborText(const QByteArray& text)
{
    return QByteArray(1, char(0x60 + text.size())) + text; // short text strings only
}

} // namespace

class TestWebAuthn : public QObject
{
    Q_OBJECT

private slots:
    void registerAndAuthenticate_data();
    void registerAndAuthenticate();
    void browserJsonRoundTrip();
    void optionsBuilders();
    void registrationRefusals();
    void attestationRefusals();
    void assertionRefusals();
    void counterRules();
    void malformedCbor_data();
    void malformedCbor();
    void everySingleByteChangeIsRefused();
    void oversizedInputs();
};

void TestWebAuthn::registerAndAuthenticate_data()
{
    QTest::addColumn<SoftAuthenticator::Algorithm>("algorithm");
    QTest::addColumn<SoftAuthenticator::Attestation>("attestation");
    QTest::addColumn<AttestationType>("type");
    QTest::addColumn<QString>("format");
    using A = SoftAuthenticator::Algorithm;
    using T = SoftAuthenticator::Attestation;
    QTest::newRow("ES256 none") << A::ES256 << T::None << AttestationType::None << "none";
    QTest::newRow("RS256 none") << A::RS256 << T::None << AttestationType::None << "none";
    QTest::newRow("ES256 packed self") << A::ES256 << T::PackedSelf << AttestationType::Self << "packed";
    QTest::newRow("RS256 packed self") << A::RS256 << T::PackedSelf << AttestationType::Self << "packed";
    QTest::newRow("ES256 packed x5c")
        << A::ES256 << T::PackedX5c << AttestationType::BasicUnverifiedChain << "packed";
    QTest::newRow("RS256 packed x5c")
        << A::RS256 << T::PackedX5c << AttestationType::BasicUnverifiedChain << "packed";
}

void TestWebAuthn::registerAndAuthenticate()
{
    QFETCH(SoftAuthenticator::Algorithm, algorithm);
    QFETCH(SoftAuthenticator::Attestation, attestation);
    QFETCH(AttestationType, type);
    QFETCH(QString, format);
    SoftAuthenticator authenticator(options(algorithm, attestation));

    const QByteArray challenge = newChallenge();
    const RegistrationResult registered = registerWith(authenticator, challenge, expect(challenge, true));
    QVERIFY2(registered.ok(), qPrintable(registered.error.code + ": " + registered.error.message));
    const RegisteredCredential& credential = *registered.credential;
    QCOMPARE(credential.credentialId, authenticator.credentialId());
    QCOMPARE(credential.algorithm,
             algorithm == SoftAuthenticator::Algorithm::RS256 ? CoseAlgorithm::RS256 : CoseAlgorithm::ES256);
    QCOMPARE(credential.attestationFormat, format);
    QCOMPARE(credential.attestationType, type);
    QCOMPARE(credential.attestationCertificates.size(),
             type == AttestationType::BasicUnverifiedChain ? 1 : 0);
    QCOMPARE(credential.aaguid, options().aaguid);
    QCOMPARE(credential.signCount, 0u);
    QVERIFY(credential.userVerified);
    QVERIFY(!credential.backupEligible);
    QVERIFY(credential.publicKeySpki.startsWith('\x30')); // DER SEQUENCE

    StoredCredential saved = stored(credential);
    for (quint32 expectedCount : {1u, 2u}) {
        const QByteArray loginChallenge = newChallenge();
        const AssertionResult asserted = verifyAssertion(
            expect(loginChallenge, true), saved, response(authenticator.getAssertion(loginChallenge)));
        QVERIFY2(asserted.ok(), qPrintable(asserted.error.code + ": " + asserted.error.message));
        QCOMPARE(*asserted.newSignCount, expectedCount);
        QVERIFY(asserted.userVerified);
        saved.signCount = *asserted.newSignCount;
    }
}

void TestWebAuthn::browserJsonRoundTrip()
{
    SoftAuthenticator authenticator(
        options(SoftAuthenticator::Algorithm::ES256, SoftAuthenticator::Attestation::PackedSelf));
    CreationOptionsInput input;
    input.rpId = kRpId;
    input.rpName = QStringLiteral("Example");
    input.userHandle = kUserHandle;
    input.userName = QStringLiteral("alice@example.com");
    input.userDisplayName = QStringLiteral("Alice");
    input.challenge = newChallenge();
    const QJsonObject creation = creationOptions(input);

    VerifyError error;
    const auto parsed = parseRegistrationResponse(authenticator.makeCredential(creation).toJson(), &error);
    QVERIFY2(parsed, qPrintable(error.message));
    const RegistrationResult registered = verifyRegistration(expect(input.challenge), *parsed);
    QVERIFY2(registered.ok(), qPrintable(registered.error.message));

    const QByteArray loginChallenge = newChallenge();
    const auto assertion
        = parseAssertionResponse(authenticator.getAssertion(loginChallenge).toJson(), &error);
    QVERIFY2(assertion, qPrintable(error.message));
    QCOMPARE(assertion->userHandle, kUserHandle);
    QVERIFY(verifyAssertion(expect(loginChallenge), stored(*registered.credential), *assertion).ok());

    // Envelope problems are refused before any verification.
    QJsonObject bad = authenticator.getAssertion(loginChallenge).toJson();
    bad.insert(QStringLiteral("type"), QStringLiteral("password"));
    QVERIFY(!parseAssertionResponse(bad, &error));
    QCOMPARE(error.code, QString::fromLatin1(errors::InvalidInput));
    bad = authenticator.getAssertion(loginChallenge).toJson();
    bad.insert(QStringLiteral("rawId"), QStringLiteral("AAAA"));
    QVERIFY(!parseAssertionResponse(bad, &error));
    QVERIFY(error.message.contains(QLatin1String("differ")));
    bad = authenticator.getAssertion(loginChallenge).toJson();
    QJsonObject inner = bad.value(QLatin1String("response")).toObject();
    inner.insert(QStringLiteral("signature"), QStringLiteral("not+base64/url="));
    bad.insert(QStringLiteral("response"), inner);
    QVERIFY(!parseAssertionResponse(bad, &error));
    inner.insert(QStringLiteral("signature"), QString(2000, QLatin1Char('A')));
    bad.insert(QStringLiteral("response"), inner);
    QVERIFY(!parseAssertionResponse(bad, &error));
    QVERIFY(error.message.contains(QLatin1String("too long")));
    QJsonObject noResponse = authenticator.makeCredential(creation).toJson();
    noResponse.remove(QStringLiteral("response"));
    QVERIFY(!parseRegistrationResponse(noResponse, &error));
}

void TestWebAuthn::optionsBuilders()
{
    const QByteArray a = newChallenge();
    QCOMPARE(a.size(), 32);
    QVERIFY(a != newChallenge());

    CreationOptionsInput input;
    input.rpId = kRpId;
    input.rpName = QStringLiteral("Example");
    input.userHandle = kUserHandle;
    input.userName = QStringLiteral("alice@example.com");
    input.userDisplayName = QStringLiteral("Alice");
    input.challenge = a;
    input.excludeCredentialIds = {QByteArray("cred-1"), QByteArray("cred-2")};
    input.userVerification = UserVerification::Required;
    const QJsonObject creation = creationOptions(input);
    QCOMPARE(creation.value("rp").toObject().value("id").toString(), kRpId);
    QCOMPARE(creation.value("user").toObject().value("id").toString(),
             QString::fromLatin1(auth::crypto::base64UrlEncode(kUserHandle)));
    QCOMPARE(creation.value("challenge").toString(), QString::fromLatin1(auth::crypto::base64UrlEncode(a)));
    const QJsonArray params = creation.value("pubKeyCredParams").toArray();
    QCOMPARE(params.size(), 2);
    QCOMPARE(params.at(0).toObject().value("alg").toInt(), -7);
    QCOMPARE(params.at(1).toObject().value("alg").toInt(), -257);
    QCOMPARE(params.at(1).toObject().value("type").toString(), QStringLiteral("public-key"));
    const QJsonArray excluded = creation.value("excludeCredentials").toArray();
    QCOMPARE(excluded.size(), 2);
    QCOMPARE(excluded.at(1).toObject().value("id").toString(), QStringLiteral("Y3JlZC0y"));
    QCOMPARE(creation.value("authenticatorSelection").toObject().value("userVerification").toString(),
             QStringLiteral("required"));
    QCOMPARE(creation.value("attestation").toString(), QStringLiteral("none"));

    RequestOptionsInput request;
    request.rpId = kRpId;
    request.challenge = a;
    request.allowCredentialIds = {QByteArray("cred-1")};
    request.userVerification = UserVerification::Discouraged;
    const QJsonObject get = requestOptions(request);
    QCOMPARE(get.value("rpId").toString(), kRpId);
    QCOMPARE(get.value("allowCredentials").toArray().at(0).toObject().value("id").toString(),
             QStringLiteral("Y3JlZC0x"));
    QCOMPARE(get.value("userVerification").toString(), QStringLiteral("discouraged"));
    QCOMPARE(get.value("timeout").toInt(), 300000);
}

void TestWebAuthn::registrationRefusals()
{
    const QByteArray challenge = newChallenge();
    const auto code = [](const RegistrationResult& r) { return r.error.code; };
    {
        SoftAuthenticator changedOrigin(options());
        changedOrigin.options().origin = QStringLiteral("https://evil.example.net");
        QCOMPARE(code(registerWith(changedOrigin, challenge, expect(challenge))),
                 QString(errors::OriginMismatch));
    }
    {
        SoftAuthenticator wrongRp(options());
        wrongRp.options().rpId = QStringLiteral("evil.example.net");
        QCOMPARE(code(registerWith(wrongRp, challenge, expect(challenge))), QString(errors::RpIdMismatch));
    }
    SoftAuthenticator authenticator(options());
    QCOMPARE(code(registerWith(authenticator, challenge, expect(newChallenge()))),
             QString(errors::ChallengeMismatch));
    Expectations shortChallenge = expect(QByteArray(8, 'x'));
    QCOMPARE(code(registerWith(authenticator, QByteArray(8, 'x'), shortChallenge)),
             QString(errors::ChallengeMismatch));
    authenticator.setClientDataType(QStringLiteral("webauthn.get"));
    QCOMPARE(code(registerWith(authenticator, challenge, expect(challenge))), QString(errors::TypeMismatch));
    authenticator.setClientDataType({});

    authenticator.options().flags = SoftAuthenticator::UV;
    QCOMPARE(code(registerWith(authenticator, challenge, expect(challenge))),
             QString(errors::UserNotPresent));
    authenticator.options().flags = SoftAuthenticator::UP;
    QCOMPARE(code(registerWith(authenticator, challenge, expect(challenge, true))),
             QString(errors::UserNotVerified));
    QVERIFY(registerWith(authenticator, challenge, expect(challenge, false)).ok());
    authenticator.options().flags = SoftAuthenticator::UP | SoftAuthenticator::BS;
    QCOMPARE(code(registerWith(authenticator, challenge, expect(challenge))),
             QString(errors::AuthDataInvalid));
    authenticator.options().flags = SoftAuthenticator::UP | SoftAuthenticator::BE | SoftAuthenticator::BS;
    const RegistrationResult synced = registerWith(authenticator, challenge, expect(challenge));
    QVERIFY(synced.ok() && synced.credential->backupEligible && synced.credential->backedUp);
    authenticator.options().flags = SoftAuthenticator::UP;

    // The response's rawId must be the attested credential.
    const auto made = authenticator.makeCredential(challenge, kUserHandle);
    QCOMPARE(verifyRegistration(expect(challenge), {"other-id", made.clientDataJson, made.attestationObject})
                 .error.code,
             QString(errors::CredentialMismatch));
    // An algorithm the relying party did not offer.
    SoftAuthenticator rsa(options(SoftAuthenticator::Algorithm::RS256));
    const auto rsaMade = rsa.makeCredential(challenge, kUserHandle);
    QCOMPARE(verifyRegistration(expect(challenge), {{}, rsaMade.clientDataJson, rsaMade.attestationObject},
                                {CoseAlgorithm::ES256})
                 .error.code,
             QString(errors::AlgorithmNotAllowed));

    // clientDataJSON itself: cross-origin frames, token binding, duplicates, not JSON.
    const auto withClientData = [&](const QByteArray& clientData) {
        return verifyRegistration(expect(challenge), {{}, clientData, made.attestationObject}).error.code;
    };
    const QByteArray b64 = auth::crypto::base64UrlEncode(challenge);
    QCOMPARE(withClientData(SoftAuthenticator::clientDataJson("webauthn.create", challenge, kOrigin, true)),
             QString(errors::CrossOrigin));
    QCOMPARE(withClientData(R"({"type":"webauthn.create","challenge":")" + b64 + R"(","origin":")"
                            + kOrigin.toUtf8() + R"(","tokenBinding":{"status":"present","id":"AAA"}})"),
             QString(errors::TokenBinding));
    QCOMPARE(withClientData(R"({"type":"webauthn.create","type":"webauthn.create","challenge":")" + b64
                            + R"(","origin":")" + kOrigin.toUtf8() + R"("})"),
             QString(errors::ClientDataInvalid));
    QCOMPARE(withClientData("not json"), QString(errors::ClientDataInvalid));
    QCOMPARE(withClientData(R"(["webauthn.create"])"), QString(errors::ClientDataInvalid));
    QCOMPARE(withClientData(R"({"type":"webauthn.create","challenge":7,"origin":"x"})"),
             QString(errors::ClientDataInvalid));
    QCOMPARE(withClientData({}), QString(errors::InvalidInput));
    // The clientData the attestation was made over is what the signature covers: a
    // "packed" statement over another clientDataJSON fails even with a valid one here.
    SoftAuthenticator packed(
        options(SoftAuthenticator::Algorithm::ES256, SoftAuthenticator::Attestation::PackedSelf));
    const auto packedMade = packed.makeCredential(challenge, kUserHandle);
    const QByteArray otherClientData = SoftAuthenticator::clientDataJson(
        "webauthn.create", challenge, QStringLiteral("https://other.example.com"));
    QCOMPARE(
        verifyRegistration(expect(challenge), {{}, otherClientData, packedMade.attestationObject}).error.code,
        QString(errors::AttestationInvalid));
}

void TestWebAuthn::attestationRefusals()
{
    const QByteArray challenge = newChallenge();
    SoftAuthenticator packed(
        options(SoftAuthenticator::Algorithm::ES256, SoftAuthenticator::Attestation::PackedSelf));
    const auto made = packed.makeCredential(challenge, kUserHandle);

    // Tampered authenticator data inside the attestation object: the counter byte.
    QByteArray tampered = made.attestationObject;
    const qsizetype at = tampered.indexOf(made.authenticatorData);
    QVERIFY(at > 0);
    tampered[at + 36] = char(tampered[at + 36] ^ 0x01);
    QCOMPARE(verifyObject(made, challenge, tampered).error.code, QString(errors::AttestationInvalid));

    // Other formats are refused clearly; "none" must not carry a statement.
    packed.setFormatOverride(QStringLiteral("tpm"));
    auto other = packed.makeCredential(challenge, kUserHandle);
    RegistrationResult result = verifyObject(other, challenge, other.attestationObject);
    QCOMPARE(result.error.code, QString(errors::UnsupportedAttestation));
    QVERIFY(result.error.message.contains(QLatin1String("tpm")));
    packed.setFormatOverride(QStringLiteral("fido-u2f"));
    other = packed.makeCredential(challenge, kUserHandle);
    QCOMPARE(verifyObject(other, challenge, other.attestationObject).error.code,
             QString(errors::UnsupportedAttestation));
    packed.setFormatOverride(QStringLiteral("none"));
    other = packed.makeCredential(challenge, kUserHandle);
    QCOMPARE(verifyObject(other, challenge, other.attestationObject).error.code,
             QString(errors::AttestationInvalid));

    // Self attestation with an RS256 statement over an ES256 credential key.
    SoftAuthenticator none(options());
    const auto plain = none.makeCredential(challenge, kUserHandle);
    QCOMPARE(verifyObject(plain, challenge, plain.attestationObject).error.code, QString());

    // x5c: the certificate's AAGUID must be the authenticator's.
    SoftAuthenticator x5c(
        options(SoftAuthenticator::Algorithm::ES256, SoftAuthenticator::Attestation::PackedX5c));
    x5c.options().aaguid = QByteArray(16, '\x42');
    const auto mismatched = x5c.makeCredential(challenge, kUserHandle);
    result = verifyObject(mismatched, challenge, mismatched.attestationObject);
    QCOMPARE(result.error.code, QString(errors::AttestationInvalid));
    QVERIFY(result.error.message.contains(QLatin1String("AAGUID")));
}

void TestWebAuthn::assertionRefusals()
{
    SoftAuthenticator authenticator(options(SoftAuthenticator::Algorithm::ES256));
    const QByteArray regChallenge = newChallenge();
    const RegistrationResult registered = registerWith(authenticator, regChallenge, expect(regChallenge));
    QVERIFY(registered.ok());
    const StoredCredential saved = stored(*registered.credential);
    const QByteArray challenge = newChallenge();
    const auto check = [&](const AssertionResponse& r, const Expectations& e) {
        return verifyAssertion(e, saved, r).error.code;
    };

    const auto good = authenticator.getAssertion(challenge);
    QCOMPARE(check(response(good), expect(challenge)), QString());
    // Replayed: the same response against the next ceremony's challenge.
    QCOMPARE(check(response(good), expect(newChallenge())), QString(errors::ChallengeMismatch));

    AssertionResponse r = response(authenticator.getAssertion(challenge));
    r.signature[r.signature.size() / 2] = char(r.signature[r.signature.size() / 2] ^ 0x10);
    QCOMPARE(check(r, expect(challenge)), QString(errors::SignatureInvalid));
    r = response(authenticator.getAssertion(challenge));
    r.authenticatorData[34] = char(r.authenticatorData[34] ^ 0x01); // counter byte
    QCOMPARE(check(r, expect(challenge)), QString(errors::SignatureInvalid));
    r = response(authenticator.getAssertion(challenge));
    r.clientDataJson.replace("https://login", "https://other");
    QCOMPARE(check(r, expect(challenge)),
             QString(errors::SignatureInvalid)); // allowed origin, not what was signed
    r = response(authenticator.getAssertion(challenge));
    r.authenticatorData.append('\0');
    QCOMPARE(check(r, expect(challenge)), QString(errors::AuthDataInvalid));
    r.authenticatorData = r.authenticatorData.left(36);
    QCOMPARE(check(r, expect(challenge)), QString(errors::AuthDataInvalid));
    r = response(authenticator.getAssertion(challenge));
    r.credentialId = "another credential";
    QCOMPARE(check(r, expect(challenge)), QString(errors::CredentialMismatch));
    r = response(authenticator.getAssertion(challenge));
    r.userHandle = "someone else";
    QCOMPARE(check(r, expect(challenge)), QString(errors::UserHandleMismatch));
    r.userHandle.clear(); // not returned by the authenticator: accepted
    QCOMPARE(check(r, expect(challenge)), QString());
    r = response(authenticator.getAssertion(challenge));
    r.signature.clear();
    QCOMPARE(check(r, expect(challenge)), QString(errors::InvalidInput));
    // The stored key of another algorithm never verifies.
    StoredCredential wrongAlg = saved;
    wrongAlg.algorithm = CoseAlgorithm::RS256;
    QCOMPARE(verifyAssertion(expect(challenge), wrongAlg, response(authenticator.getAssertion(challenge)))
                 .error.code,
             QString(errors::SignatureInvalid));

    authenticator.options().origin = QStringLiteral("https://login.example.com.evil.net");
    QCOMPARE(check(response(authenticator.getAssertion(challenge)), expect(challenge)),
             QString(errors::OriginMismatch));
    authenticator.options().origin = kOrigin;
    authenticator.options().rpId = QStringLiteral("evil.example.net");
    QCOMPARE(check(response(authenticator.getAssertion(challenge)), expect(challenge)),
             QString(errors::RpIdMismatch));
    authenticator.options().rpId = kRpId;
    authenticator.setClientDataType(QStringLiteral("webauthn.create"));
    QCOMPARE(check(response(authenticator.getAssertion(challenge)), expect(challenge)),
             QString(errors::TypeMismatch));
    authenticator.setClientDataType({});
    authenticator.options().flags = SoftAuthenticator::UV;
    QCOMPARE(check(response(authenticator.getAssertion(challenge)), expect(challenge)),
             QString(errors::UserNotPresent));
    authenticator.options().flags = SoftAuthenticator::UP;
    QCOMPARE(check(response(authenticator.getAssertion(challenge)), expect(challenge, true)),
             QString(errors::UserNotVerified));
    QCOMPARE(check(response(authenticator.getAssertion(challenge)), expect(challenge, false)), QString());
}

void TestWebAuthn::counterRules()
{
    SoftAuthenticator authenticator(options(SoftAuthenticator::Algorithm::RS256));
    const QByteArray regChallenge = newChallenge();
    const RegistrationResult registered = registerWith(authenticator, regChallenge, expect(regChallenge));
    QVERIFY(registered.ok());
    StoredCredential saved = stored(*registered.credential);
    const QByteArray challenge = newChallenge();

    saved.signCount = 10;
    authenticator.options().counter = 4; // the next assertion says 5: a clone or a replay
    AssertionResult result
        = verifyAssertion(expect(challenge), saved, response(authenticator.getAssertion(challenge)));
    QCOMPARE(result.error.code, QString(errors::CounterRegression));
    QVERIFY(!result.newSignCount);
    authenticator.options().counter = 9; // equal is not an increase either
    QCOMPARE(
        verifyAssertion(expect(challenge), saved, response(authenticator.getAssertion(challenge))).error.code,
        QString(errors::CounterRegression));
    result = verifyAssertion(expect(challenge), saved, response(authenticator.getAssertion(challenge)));
    QVERIFY(result.ok());
    QCOMPARE(*result.newSignCount, 11u);
    // A stored counter of 10 and an authenticator that now reports 0.
    authenticator.options().counter = 0;
    authenticator.options().counterStep = 0;
    QCOMPARE(
        verifyAssertion(expect(challenge), saved, response(authenticator.getAssertion(challenge))).error.code,
        QString(errors::CounterRegression));
    // Authenticators without a counter (both zero) are accepted every time.
    saved.signCount = 0;
    for (int i = 0; i < 2; ++i) {
        result = verifyAssertion(expect(challenge), saved, response(authenticator.getAssertion(challenge)));
        QVERIFY(result.ok());
        QCOMPARE(*result.newSignCount, 0u);
    }
}

void TestWebAuthn::malformedCbor_data()
{
    QTest::addColumn<QByteArray>("object");
    QTest::addColumn<QString>("code");
    const QString cbor = QString::fromLatin1(errors::CborInvalid);
    const QByteArray none = cborText("fmt") + cborText("none") + cborText("attStmt") + QByteArray("\xa0", 1);
    QTest::newRow("empty") << QByteArray() << QString(errors::InvalidInput);
    QTest::newRow("garbage") << QByteArray("\xff\xfe\xfd") << cbor;
    QTest::newRow("not a map") << QByteArray("\x83\x01\x02\x03") << cbor;
    QTest::newRow("truncated map") << QByteArray("\xa3") + none << cbor;
    QTest::newRow("indefinite map") << QByteArray("\xbf") + none + QByteArray("\xff") << cbor;
    QTest::newRow("indefinite bytes")
        << QByteArray("\xa1") + cborText("authData") + QByteArray("\x5f\x41\x00\xff") << cbor;
    QTest::newRow("tag") << QByteArray("\xa1") + cborText("fmt") + QByteArray("\xc0") + cborText("none")
                         << cbor;
    QTest::newRow("duplicate key") << QByteArray("\xa2") + cborText("fmt") + cborText("none")
            + cborText("fmt")
            + cborText("none") << cbor;
    QTest::newRow("huge declared array")
        << QByteArray("\xa1") + cborText("x") + QByteArray::fromHex("9b0000000100000000") << cbor;
    QByteArray wide("\xb8\x21", 2);
    for (int i = 0; i < 33; ++i)
        wide += (i < 24 ? QByteArray(1, char(i)) : QByteArray("\x18", 1) + char(i)) + QByteArray(1, '\0');
    QTest::newRow("oversized map") << wide << cbor;
    QTest::newRow("deep nesting") << QByteArray("\xa1") + cborText("x") + QByteArray(20, '\x81')
            + QByteArray(1, '\0') << cbor;
    QTest::newRow("fmt not text") << QByteArray("\xa3") + cborText("fmt") + QByteArray("\x01")
            + cborText("attStmt") + QByteArray("\xa0") + cborText("authData")
            + QByteArray("\x40") << cbor;
    QTest::newRow("authData not bytes")
        << QByteArray("\xa3") + none + cborText("authData") + cborText("abc") << cbor;
    QTest::newRow("authData short") << QByteArray("\xa3") + none + cborText("authData")
            + QByteArray("\x43xyz") << QString(errors::AuthDataInvalid);
    QTest::newRow("map key array") << QByteArray("\xa1\x80\x00", 3) << cbor;
}

void TestWebAuthn::malformedCbor()
{
    QFETCH(QByteArray, object);
    QFETCH(QString, code);
    const QByteArray challenge = newChallenge();
    const QByteArray clientData = SoftAuthenticator::clientDataJson("webauthn.create", challenge, kOrigin);
    const RegistrationResult result = verifyRegistration(expect(challenge), {{}, clientData, object});
    QVERIFY(!result.ok());
    QCOMPARE(result.error.code, code);
}

void TestWebAuthn::everySingleByteChangeIsRefused()
{
    // Packed self attestation signs all of authData, and every other byte of the
    // object is structure or signature: no single-byte change may verify.
    SoftAuthenticator authenticator(
        options(SoftAuthenticator::Algorithm::ES256, SoftAuthenticator::Attestation::PackedSelf));
    const QByteArray challenge = newChallenge();
    const auto made = authenticator.makeCredential(challenge, kUserHandle);
    QVERIFY(verifyObject(made, challenge, made.attestationObject).ok());
    int refused = 0;
    for (qsizetype i = 0; i < made.attestationObject.size(); ++i) {
        for (const char mask : {'\x01', '\x80'}) {
            QByteArray changed = made.attestationObject;
            changed[i] = char(changed[i] ^ mask);
            const RegistrationResult result
                = verifyRegistration(expect(challenge), {{}, made.clientDataJson, changed});
            if (result.ok())
                QFAIL(qPrintable(QStringLiteral("byte %1 ^ %2 verified").arg(i).arg(int(quint8(mask)))));
            ++refused;
        }
    }
    QCOMPARE(refused, int(made.attestationObject.size()) * 2);
    // Trailing bytes after the object, and after the COSE key inside authData.
    QCOMPARE(verifyObject(made, challenge, made.attestationObject + QByteArray(1, '\0')).error.code,
             QString(errors::CborInvalid));
    SoftAuthenticator none(options());
    const auto plain = none.makeCredential(challenge, kUserHandle);
    QByteArray object = plain.attestationObject;
    const qsizetype at = object.indexOf(plain.authenticatorData);
    // authData is the last member: grow its byte-string length by one and append a byte.
    QCOMPARE(quint8(object[at - 2]), quint8(0x58));
    object[at - 1] = char(quint8(object[at - 1]) + 1);
    object.append('\0');
    QCOMPARE(verifyObject(plain, challenge, object).error.code, QString(errors::AuthDataInvalid));
}

void TestWebAuthn::oversizedInputs()
{
    const QByteArray challenge = newChallenge();
    SoftAuthenticator authenticator(options());
    const auto made = authenticator.makeCredential(challenge, kUserHandle);
    QCOMPARE(verifyObject(made, challenge, QByteArray(limits::AttestationObject + 1, '\xa0')).error.code,
             QString(errors::InvalidInput));
    QCOMPARE(verifyRegistration(expect(challenge),
                                {{}, QByteArray(limits::ClientDataJson + 1, ' '), made.attestationObject})
                 .error.code,
             QString(errors::InvalidInput));
    QCOMPARE(verifyRegistration(expect(challenge),
                                {QByteArray(2000, 'i'), made.clientDataJson, made.attestationObject})
                 .error.code,
             QString(errors::InvalidInput));

    const RegistrationResult registered = verifyObject(made, challenge, made.attestationObject);
    QVERIFY(registered.ok());
    AssertionResponse r = response(authenticator.getAssertion(challenge));
    r.signature = QByteArray(limits::Signature + 1, '\x30');
    QCOMPARE(verifyAssertion(expect(challenge), stored(*registered.credential), r).error.code,
             QString(errors::InvalidInput));
    r = response(authenticator.getAssertion(challenge));
    r.authenticatorData += QByteArray(limits::AuthenticatorData, '\0');
    QCOMPARE(verifyAssertion(expect(challenge), stored(*registered.credential), r).error.code,
             QString(errors::AuthDataInvalid));
    r = response(authenticator.getAssertion(challenge));
    r.userHandle = QByteArray(65, 'u');
    QCOMPARE(verifyAssertion(expect(challenge), stored(*registered.credential), r).error.code,
             QString(errors::InvalidInput));
}

QTEST_GUILESS_MAIN(TestWebAuthn)
#include "TestWebAuthn.moc"
