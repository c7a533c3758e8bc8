#include "mfa/BackupCodeMethod.h"
#include "mfa/QrSvg.h"
#include "mfa/Totp.h"
#include "state/MemoryStateStore.h"

#include <QTest>

using auth::mfa::BackupCodeMethod;
using auth::mfa::Totp;

// The liboath wrapper against RFC 6238 Appendix B, and the small pure pieces
// of MFA: base32, code shapes, the replay claim, the QR rendering.
class TestTotp : public QObject
{
    Q_OBJECT
private slots:
    void rfc6238Vectors_data();
    void rfc6238Vectors();
    void validateHonoursWindow();
    void validateRefusesMalformedCodes();
    void base32RoundTrip();
    void claimOnceIsSingleUse();
    void backupCodeNormalization();
    void qrSvgRendersUri();
};

namespace {
// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const QByteArray kSeed = QByteArrayLiteral("12345678901234567890");
} // namespace

void TestTotp::rfc6238Vectors_data()
{
    QTest::addColumn<qint64>("time");
    QTest::addColumn<QString>("code");
    QTest::newRow("59") << qint64(59) << QStringLiteral("94287082");
    QTest::newRow("1111111109") << qint64(1111111109) << QStringLiteral("07081804");
    QTest::newRow("1111111111") << qint64(1111111111) << QStringLiteral("14050471");
    QTest::newRow("1234567890") << qint64(1234567890) << QStringLiteral("89005924");
    QTest::newRow("2000000000") << qint64(2000000000) << QStringLiteral("69279037");
    QTest::newRow("20000000000") << qint64(20000000000) << QStringLiteral("65353130");
}

void TestTotp::rfc6238Vectors()
{
    QFETCH(qint64, time);
    QFETCH(QString, code);
    QCOMPARE(Totp::generate(kSeed, time, 8), code);
    // The 6-digit code apps show is the low six digits of the same value.
    const QString six = Totp::generate(kSeed, time);
    QCOMPARE(six, code.right(6));
    const auto step = Totp::validate(kSeed, six, time, 0);
    QVERIFY(step.has_value());
    QCOMPARE(*step, quint64(time / 30));
}

void TestTotp::validateHonoursWindow()
{
    const qint64 now = 1'700'000'000;
    const QString twoStepsAgo = Totp::generate(kSeed, now - 60);
    QVERIFY(!Totp::validate(kSeed, twoStepsAgo, now, 0));
    QVERIFY(!Totp::validate(kSeed, twoStepsAgo, now, 1));
    const auto step = Totp::validate(kSeed, twoStepsAgo, now, 2);
    QVERIFY(step.has_value());
    QCOMPARE(*step, quint64((now - 60) / 30));
    const QString ahead = Totp::generate(kSeed, now + 30);
    QVERIFY(Totp::validate(kSeed, ahead, now, 1).has_value());
    QVERIFY(!Totp::validate(kSeed, ahead, now, 0).has_value());
}

void TestTotp::validateRefusesMalformedCodes()
{
    const qint64 now = 1'700'000'000;
    const QString code = Totp::generate(kSeed, now);
    QVERIFY(Totp::validate(kSeed, code, now, 1).has_value());
    for (const QString& bad :
         {QString(), QStringLiteral("12345"), QStringLiteral("1234567"), QStringLiteral("12a456"),
          code + QStringLiteral(" "), QStringLiteral(" ") + code, QStringLiteral("１２３４５６")})
        QVERIFY2(!Totp::validate(kSeed, bad, now, 1).has_value(), qPrintable(bad));
    QVERIFY(!Totp::validate(QByteArray(), code, now, 1).has_value());
}

void TestTotp::base32RoundTrip()
{
    // RFC 4648 §10 test vector, unpadded.
    QCOMPARE(Totp::toBase32("foobar"), QStringLiteral("MZXW6YTBOI"));
    QCOMPARE(Totp::fromBase32(QStringLiteral("MZXW6YTBOI")).value_or(QByteArray()), QByteArray("foobar"));
    const QByteArray seed(20, '\xA5');
    const QString text = Totp::toBase32(seed);
    QCOMPARE(text.size(), 32); // 160 bits
    QCOMPARE(Totp::fromBase32(text).value_or(QByteArray()), seed);
    QVERIFY(!Totp::fromBase32(QStringLiteral("not base32!")).has_value());
}

void TestTotp::claimOnceIsSingleUse()
{
    auth::state::MemoryStateStore store;
    QVERIFY(store.claimOnce(QStringLiteral("mfa:totp:u1:100"), 60'000));
    QVERIFY(!store.claimOnce(QStringLiteral("mfa:totp:u1:100"), 60'000));
    QVERIFY(store.claimOnce(QStringLiteral("mfa:totp:u2:100"), 60'000));
    QVERIFY(store.claimOnce(QStringLiteral("mfa:totp:u1:101"), 60'000));
    // Expired claims free the key again.
    QVERIFY(store.claimOnce(QStringLiteral("short"), 1));
    QTest::qWait(5);
    QVERIFY(store.claimOnce(QStringLiteral("short"), 60'000));
}

void TestTotp::backupCodeNormalization()
{
    QCOMPARE(BackupCodeMethod::normalize(QStringLiteral("abcde-fgh23")), QStringLiteral("ABCDEFGH23"));
    QCOMPARE(BackupCodeMethod::normalize(QStringLiteral("ABCDE FGH23")), QStringLiteral("ABCDEFGH23"));
    QVERIFY(BackupCodeMethod::normalize(QStringLiteral("ABCDE-FGH01")).isEmpty()); // 0, 1 not base32
    QVERIFY(BackupCodeMethod::normalize(QStringLiteral("ABCDE-FGH2")).isEmpty());
    QVERIFY(BackupCodeMethod::normalize(QString(64, QLatin1Char('A'))).isEmpty());
    // Salted with the user: one code hashes differently for two users.
    QVERIFY(BackupCodeMethod::hash(QStringLiteral("u1"), QStringLiteral("ABCDEFGH23"))
            != BackupCodeMethod::hash(QStringLiteral("u2"), QStringLiteral("ABCDEFGH23")));
}

void TestTotp::qrSvgRendersUri()
{
    const QString svg
        = auth::mfa::qrSvg(QStringLiteral("otpauth://totp/auth-service:a%40b.example?secret="
                                          "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=auth-service"));
    QVERIFY(svg.startsWith(QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\"")));
    QVERIFY(svg.endsWith(QStringLiteral("</svg>")));
    QVERIFY(svg.count(QStringLiteral("h1v1h-1z")) > 100); // dark modules drawn
}

QTEST_GUILESS_MAIN(TestTotp)
#include "TestTotp.moc"
