#include "crypto/Aead.h"
#include "crypto/Random.h"

#include <QTest>

using namespace auth::crypto;

class TestAead : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void layoutAndFreshNonce();
    void tamperingAnyByteFails();
    void truncatedOrExtendedFails();
    void wrongAadFails();
    void wrongKeyFails();
    void unknownVersionFails();
    void hkdfRfc5869();
    void deriveKeySeparatesPurposes();

private:
    const QByteArray m_key = randomBytes(32);
};

void TestAead::roundTrip_data()
{
    QTest::addColumn<QByteArray>("plaintext");
    QTest::addColumn<QByteArray>("aad");
    QTest::newRow("pem") << QByteArray("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI...\n")
                         << QByteArray("kid-1");
    QTest::newRow("empty plaintext") << QByteArray() << QByteArray("ctx");
    QTest::newRow("empty aad") << QByteArray("totp seed") << QByteArray();
    QTest::newRow("binary") << randomBytes(1000) << randomBytes(77);
}

void TestAead::roundTrip()
{
    QFETCH(QByteArray, plaintext);
    QFETCH(QByteArray, aad);
    const QByteArray sealed = seal(m_key, plaintext, aad);
    const auto opened = open(m_key, sealed, aad);
    QVERIFY(opened);
    QCOMPARE(*opened, plaintext);
}

void TestAead::layoutAndFreshNonce()
{
    const QByteArray plaintext("the same message");
    const QByteArray a = seal(m_key, plaintext, "aad");
    const QByteArray b = seal(m_key, plaintext, "aad");
    QCOMPARE(a.size(), 1 + 12 + plaintext.size() + 16);
    QCOMPARE(a.at(0), '\x01');
    QVERIFY(a.mid(1, 12) != b.mid(1, 12));
    QVERIFY(a.mid(13) != b.mid(13));
    QVERIFY(!a.contains(plaintext));
}

// Version byte, every nonce byte, every ciphertext byte and every tag byte.
void TestAead::tamperingAnyByteFails()
{
    const QByteArray sealed = seal(m_key, "attack at dawn", "row-7");
    for (int i = 0; i < sealed.size(); ++i) {
        for (const char bit : {'\x01', '\x80'}) {
            QByteArray tampered = sealed;
            tampered[i] = static_cast<char>(tampered[i] ^ bit);
            QVERIFY2(!open(m_key, tampered, "row-7"), qPrintable(QStringLiteral("byte %1 accepted").arg(i)));
        }
    }
    QVERIFY(open(m_key, sealed, "row-7"));
}

void TestAead::truncatedOrExtendedFails()
{
    const QByteArray sealed = seal(m_key, "attack at dawn", {});
    QVERIFY(!open(m_key, sealed.left(sealed.size() - 1), {}));
    QVERIFY(!open(m_key, sealed + '\0', {}));
    QVERIFY(!open(m_key, sealed.left(29), {}));
    QVERIFY(!open(m_key, sealed.left(28), {}));
    QVERIFY(!open(m_key, {}, {}));
    // Dropping a whole ciphertext byte while keeping the tag.
    QVERIFY(!open(m_key, sealed.left(14) + sealed.mid(15), {}));
}

void TestAead::wrongAadFails()
{
    const QByteArray sealed = seal(m_key, "wrapped key", "kid-a");
    QVERIFY(!open(m_key, sealed, "kid-b"));
    QVERIFY(!open(m_key, sealed, {}));
    QVERIFY(!open(m_key, sealed, QByteArray("kid-a\0", 6)));
    QVERIFY(open(m_key, sealed, "kid-a"));
}

void TestAead::wrongKeyFails()
{
    const QByteArray sealed = seal(m_key, "wrapped key", "kid-a");
    QVERIFY(!open(randomBytes(32), sealed, "kid-a"));
    QByteArray nearKey = m_key;
    nearKey[31] = static_cast<char>(nearKey[31] ^ 1);
    QVERIFY(!open(nearKey, sealed, "kid-a"));
    QVERIFY(!open(m_key.left(16), sealed, "kid-a"));
    QVERIFY(!open(QByteArray(), sealed, "kid-a"));
}

void TestAead::unknownVersionFails()
{
    QByteArray sealed = seal(m_key, "payload", {});
    sealed[0] = '\x02';
    QVERIFY(!open(m_key, sealed, {}));
}

void TestAead::hkdfRfc5869()
{
    // RFC 5869 appendix A.1 (test case 1).
    const QByteArray ikm(22, '\x0b');
    const QByteArray salt = QByteArray::fromHex("000102030405060708090a0b0c");
    const QByteArray info = QByteArray::fromHex("f0f1f2f3f4f5f6f7f8f9");
    QCOMPARE(
        hkdfSha256(ikm, salt, info, 42).toHex(),
        QByteArray("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"));
    // Appendix A.3 (test case 3): no salt, no info, as deriveKey uses without info.
    QCOMPARE(
        hkdfSha256(ikm, {}, {}, 42).toHex(),
        QByteArray("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"));
    QCOMPARE(deriveKey(ikm, {}), hkdfSha256(ikm, {}, {}, 42).left(32));
}

void TestAead::deriveKeySeparatesPurposes()
{
    const QByteArray master = randomBytes(32);
    const QByteArray wrap = deriveKey(master, "auth-service signing-key wrap v1");
    QCOMPARE(wrap.size(), 32);
    QCOMPARE(deriveKey(master, "auth-service signing-key wrap v1"), wrap);
    QVERIFY(deriveKey(master, "auth-service totp seed v1") != wrap);
    QVERIFY(deriveKey(randomBytes(32), "auth-service signing-key wrap v1") != wrap);
    // A blob sealed under one purpose's key does not open under another's.
    const QByteArray sealed = seal(wrap, "secret", "kid");
    QVERIFY(!open(deriveKey(master, "auth-service totp seed v1"), sealed, "kid"));
}

QTEST_GUILESS_MAIN(TestAead)
#include "TestAead.moc"
