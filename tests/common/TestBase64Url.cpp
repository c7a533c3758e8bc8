#include "crypto/Base64Url.h"
#include "crypto/Random.h"

#include <QRandomGenerator>
#include <QTest>

using namespace auth::crypto;

class TestBase64Url : public QObject
{
    Q_OBJECT

private slots:
    void encodesRfc4648Vectors_data();
    void encodesRfc4648Vectors();
    void usesUrlAlphabet();
    void roundTripsRandomData();
    void refusesInvalid_data();
    void refusesInvalid();
    void acceptsOnlyCanonicalSpellings();
};

void TestBase64Url::encodesRfc4648Vectors_data()
{
    QTest::addColumn<QByteArray>("plain");
    QTest::addColumn<QByteArray>("encoded");
    // RFC 4648 §10 with the padding removed.
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("f") << QByteArray("f") << QByteArray("Zg");
    QTest::newRow("fo") << QByteArray("fo") << QByteArray("Zm8");
    QTest::newRow("foo") << QByteArray("foo") << QByteArray("Zm9v");
    QTest::newRow("foob") << QByteArray("foob") << QByteArray("Zm9vYg");
    QTest::newRow("fooba") << QByteArray("fooba") << QByteArray("Zm9vYmE");
    QTest::newRow("foobar") << QByteArray("foobar") << QByteArray("Zm9vYmFy");
}

void TestBase64Url::encodesRfc4648Vectors()
{
    QFETCH(QByteArray, plain);
    QFETCH(QByteArray, encoded);
    QCOMPARE(base64UrlEncode(plain), encoded);
    const auto decoded = base64UrlDecode(encoded);
    QVERIFY(decoded);
    QCOMPARE(*decoded, plain);
}

void TestBase64Url::usesUrlAlphabet()
{
    QCOMPARE(base64UrlEncode(QByteArray("\xfb\xff\xbf", 3)), QByteArray("-_-_"));
    QCOMPARE(base64UrlEncode(QByteArray("\xfb\xff", 2)), QByteArray("-_8"));
    QCOMPARE(base64UrlDecode("-_-_").value(), QByteArray("\xfb\xff\xbf", 3));
}

void TestBase64Url::roundTripsRandomData()
{
    for (int size = 0; size < 200; ++size) {
        const QByteArray data = randomBytes(size);
        const QByteArray encoded = base64UrlEncode(data);
        QVERIFY(!encoded.contains('=') && !encoded.contains('+') && !encoded.contains('/'));
        const auto decoded = base64UrlDecode(encoded);
        QVERIFY(decoded);
        QCOMPARE(*decoded, data);
    }
}

void TestBase64Url::refusesInvalid_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("padding") << QByteArray("Zg==");
    QTest::newRow("single padding") << QByteArray("Zm8=");
    QTest::newRow("padding only") << QByteArray("====");
    QTest::newRow("plus") << QByteArray("+/+/");
    QTest::newRow("slash") << QByteArray("ab/c");
    QTest::newRow("space") << QByteArray("Zm9v Yg");
    QTest::newRow("newline") << QByteArray("Zm9v\nYmFy");
    QTest::newRow("trailing newline") << QByteArray("Zm9v\n");
    QTest::newRow("tab") << QByteArray("\tZm9v");
    QTest::newRow("nul") << QByteArray("Zm9v\0Yg", 7);
    QTest::newRow("non-ascii") << QByteArray("Zm9v\xc3\xa9");
    QTest::newRow("dot") << QByteArray("Zm9v.Yg");
    QTest::newRow("length 1 mod 4") << QByteArray("Z");
    QTest::newRow("length 5") << QByteArray("Zm9vY");
    QTest::newRow("non-canonical 2 chars") << QByteArray("Zh");
    QTest::newRow("non-canonical 3 chars") << QByteArray("Zm9");
    QTest::newRow("non-canonical -_8 with 9") << QByteArray("-_9");
}

void TestBase64Url::refusesInvalid()
{
    QFETCH(QByteArray, text);
    QVERIFY(!base64UrlDecode(text));
}

// Any string over the alphabet is accepted exactly when re-encoding its decoding
// gives it back.
void TestBase64Url::acceptsOnlyCanonicalSpellings()
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    QRandomGenerator random(20240601);
    int accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        QByteArray text(random.bounded(1, 9), Qt::Uninitialized);
        for (char& c : text)
            c = alphabet[random.bounded(64)];
        const auto decoded = base64UrlDecode(text);
        if (decoded) {
            ++accepted;
            QCOMPARE(base64UrlEncode(*decoded), text);
        } else {
            const QByteArray lenient = QByteArray::fromBase64(text, QByteArray::Base64UrlEncoding);
            QVERIFY2(base64UrlEncode(lenient) != text, text.constData());
        }
    }
    QVERIFY(accepted > 1000);
}

QTEST_GUILESS_MAIN(TestBase64Url)
#include "TestBase64Url.moc"
