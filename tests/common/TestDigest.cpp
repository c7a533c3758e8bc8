#include "crypto/Digest.h"
#include "crypto/Random.h"

#include <QSet>
#include <QTest>

using namespace auth::crypto;

class TestDigest : public QObject
{
    Q_OBJECT

private slots:
    void sha256Vectors();
    void hmacSha256Rfc4231();
    void constantTimeEquals_data();
    void constantTimeEquals();
    void randomBytesAndTokens();
};

void TestDigest::sha256Vectors()
{
    // FIPS 180-2 appendix B.1 and the empty string.
    QCOMPARE(sha256("abc").toHex(),
             QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(sha256({}).toHex(),
             QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

void TestDigest::hmacSha256Rfc4231()
{
    // RFC 4231 test cases 1, 2 and 6 (key longer than the block size).
    QCOMPARE(hmacSha256(QByteArray(20, '\x0b'), "Hi There").toHex(),
             QByteArray("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"));
    QCOMPARE(hmacSha256("Jefe", "what do ya want for nothing?").toHex(),
             QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
    QCOMPARE(
        hmacSha256(QByteArray(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First").toHex(),
        QByteArray("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"));
    QCOMPARE(hmacSha256({}, {}).size(), 32);
}

void TestDigest::constantTimeEquals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");
    QTest::newRow("same") << QByteArray("secret-mac") << QByteArray("secret-mac") << true;
    QTest::newRow("empty") << QByteArray() << QByteArray() << true;
    QTest::newRow("first byte") << QByteArray("secret-mac") << QByteArray("Secret-mac") << false;
    QTest::newRow("last byte") << QByteArray("secret-mac") << QByteArray("secret-maC") << false;
    QTest::newRow("prefix") << QByteArray("secret-mac") << QByteArray("secret") << false;
    QTest::newRow("empty vs not") << QByteArray() << QByteArray("x") << false;
}

void TestDigest::constantTimeEquals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(auth::crypto::constantTimeEquals(a, b), equal);
    QCOMPARE(auth::crypto::constantTimeEquals(b, a), equal);
}

void TestDigest::randomBytesAndTokens()
{
    QCOMPARE(randomBytes(0).size(), 0);
    QCOMPARE(randomBytes(48).size(), 48);
    QVERIFY(randomBytes(32) != randomBytes(32));
    QSet<QString> tokens;
    for (int i = 0; i < 100; ++i) {
        const QString token = randomToken();
        QCOMPARE(token.size(), 43); // 32 bytes, base64url without padding
        QVERIFY(!token.contains(QLatin1Char('=')) && !token.contains(QLatin1Char('+'))
                && !token.contains(QLatin1Char('/')));
        tokens.insert(token);
    }
    QCOMPARE(tokens.size(), 100);
    QCOMPARE(randomToken(16).size(), 22);
}

QTEST_GUILESS_MAIN(TestDigest)
#include "TestDigest.moc"
