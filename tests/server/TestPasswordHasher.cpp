#include "accounts/PasswordHasher.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTest>
#include <QtConcurrent>

using namespace auth::accounts;

// Small parameters keep the suite fast; one test runs the OWASP defaults.
static const Argon2Params kFast {8192, 1, 1};

// What verify() logs (without the string itself) when a stored hash is refused unread.
static void expectRefusalLogged()
{
    QTest::ignoreMessage(QtWarningMsg, "refused a malformed or out-of-bounds stored password hash");
}

class TestPasswordHasher : public QObject
{
    Q_OBJECT
private slots:
    void defaultsProducePhcString();
    void verifiesRightAndRefusesWrong();
    void saltsDiffer();
    void normalisesToNfkc();
    void needsRehashWhenParametersChange();
    void validatesParameters();
    void refusesHostilePhc_data();
    void refusesHostilePhc();
    void refusesEveryTruncation();
    void refusesTamperedHash();
    void isThreadSafe();
    void dummyVerifyCostsLikeRealVerify();
};

void TestPasswordHasher::defaultsProducePhcString()
{
    const Argon2Params defaults;
    QCOMPARE(defaults.memoryKiB, 19456u);
    QCOMPARE(defaults.iterations, 2u);
    QCOMPARE(defaults.parallelism, 1u);

    const PasswordHasher hasher;
    const QString phc = hasher.hash(QStringLiteral("correct horse battery staple"));
    // 16-byte salt = 22 base64 characters, 32-byte hash = 43, no padding.
    static const QRegularExpression format(
        QStringLiteral("^\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}$"));
    QVERIFY2(format.match(phc).hasMatch(), qPrintable(phc));
    QVERIFY(hasher.verify(phc, QStringLiteral("correct horse battery staple")));
    QVERIFY(!hasher.needsRehash(phc));
}

void TestPasswordHasher::verifiesRightAndRefusesWrong()
{
    const PasswordHasher hasher(kFast);
    const QString phc = hasher.hash(QStringLiteral("Tr0ub4dor&3 😀"));
    QVERIFY(phc.startsWith(QLatin1String("$argon2id$v=19$m=8192,t=1,p=1$")));
    QVERIFY(hasher.verify(phc, QStringLiteral("Tr0ub4dor&3 😀")));
    QVERIFY(!hasher.verify(phc, QStringLiteral("Tr0ub4dor&3 😁")));
    QVERIFY(!hasher.verify(phc, QStringLiteral("tr0ub4dor&3 😀")));
    QVERIFY(!hasher.verify(phc, QStringLiteral("Tr0ub4dor&3 😀 ")));
    QVERIFY(!hasher.verify(phc, QString()));

    const QString empty = hasher.hash(QString());
    QVERIFY(hasher.verify(empty, QString()));
    QVERIFY(!hasher.verify(empty, QStringLiteral(" ")));
}

void TestPasswordHasher::saltsDiffer()
{
    const PasswordHasher hasher(kFast);
    const QString a = hasher.hash(QStringLiteral("same password"));
    const QString b = hasher.hash(QStringLiteral("same password"));
    QVERIFY(a != b);
    QVERIFY(a.section(QLatin1Char('$'), 4, 4) != b.section(QLatin1Char('$'), 4, 4)); // salts
    QVERIFY(hasher.verify(a, QStringLiteral("same password")));
    QVERIFY(hasher.verify(b, QStringLiteral("same password")));
}

void TestPasswordHasher::normalisesToNfkc()
{
    const PasswordHasher hasher(kFast);
    // U+FB01 LATIN SMALL LIGATURE FI is "fi" under NFKC; full-width letters are ASCII.
    const QString ligature = hasher.hash(QStringLiteral("\uFB01nance office"));
    QVERIFY(hasher.verify(ligature, QStringLiteral("finance office")));
    const QString plain = hasher.hash(QStringLiteral("finance office"));
    QVERIFY(hasher.verify(plain, QStringLiteral("\uFB01nance o\uFB03ce")));
    QVERIFY(hasher.verify(plain, QStringLiteral("ｆｉｎａｎｃｅ office")));
    // Composed and decomposed é are the same password.
    const QString composed = hasher.hash(QStringLiteral("caf\u00e9 au lait"));
    QVERIFY(hasher.verify(composed, QStringLiteral("cafe\u0301 au lait")));
    QVERIFY(!hasher.verify(composed, QStringLiteral("cafe au lait")));
}

void TestPasswordHasher::needsRehashWhenParametersChange()
{
    const PasswordHasher fast(kFast);
    const PasswordHasher moreIterations({8192, 2, 1});
    const PasswordHasher moreMemory({16384, 1, 1});
    const PasswordHasher moreLanes({8192, 1, 2});
    const QString phc = fast.hash(QStringLiteral("some password"));
    QVERIFY(!fast.needsRehash(phc));
    QVERIFY(moreIterations.needsRehash(phc));
    QVERIFY(moreMemory.needsRehash(phc));
    QVERIFY(moreLanes.needsRehash(phc));
    // Old hashes still verify under new parameters, so users can log in and be rehashed.
    QVERIFY(moreIterations.verify(phc, QStringLiteral("some password")));
    QVERIFY(!moreIterations.needsRehash(moreIterations.hash(QStringLiteral("some password"))));

    QVERIFY(fast.needsRehash(QString()));
    QVERIFY(fast.needsRehash(QStringLiteral("garbage")));
    // An 8-byte salt or a 16-byte hash is valid but weaker than ours.
    QVERIFY(
        fast.needsRehash(QStringLiteral("$argon2id$v=19$m=8192,t=1,p=1$c2FsdHNhbHQ$") + phc.section('$', 5)));
    QVERIFY(fast.needsRehash(phc.section('$', 0, 4) + QStringLiteral("$AAAAAAAAAAAAAAAAAAAAAA")));
}

void TestPasswordHasher::validatesParameters()
{
    QVERIFY(PasswordHasher::validate({}).isEmpty());
    QVERIFY(PasswordHasher::validate(kFast).isEmpty());
    QVERIFY(!PasswordHasher::validate({7, 1, 1}).isEmpty());
    QVERIFY(!PasswordHasher::validate({8192, 0, 1}).isEmpty());
    QVERIFY(!PasswordHasher::validate({8192, 21, 1}).isEmpty());
    QVERIFY(!PasswordHasher::validate({8192, 1, 0}).isEmpty());
    QVERIFY(!PasswordHasher::validate({8192, 1, 17}).isEmpty());
    QVERIFY(!PasswordHasher::validate({PasswordHasher::kMaxMemoryKiB + 1, 1, 1}).isEmpty());
}

void TestPasswordHasher::refusesHostilePhc_data()
{
    QTest::addColumn<QString>("phc");
    const QString salt = QStringLiteral("c2FsdHNhbHRzYWx0c2FsdA");
    const QString hash = QStringLiteral("kAFV0G3ALKNh9vCsKVJ2L+qS7uD6D3AWbH4ud2HwDpU");
    const auto phc = [&](const QString& params) {
        return QStringLiteral("$argon2id$v=19$") + params + QLatin1Char('$') + salt + QLatin1Char('$') + hash;
    };
    QTest::newRow("empty") << QString();
    QTest::newRow("garbage") << QStringLiteral("garbage");
    QTest::newRow("dollars") << QStringLiteral("$$$$$$");
    QTest::newRow("prefix only") << QStringLiteral("$argon2id$");
    QTest::newRow("memory 4 GiB + 1 KiB") << phc(QStringLiteral("m=4194305,t=1,p=1"));
    QTest::newRow("memory uint32 max") << phc(QStringLiteral("m=4294967295,t=1,p=1"));
    QTest::newRow("memory overflows uint32") << phc(QStringLiteral("m=4294967296,t=1,p=1"));
    QTest::newRow("memory huge") << phc(QStringLiteral("m=999999999999999999999,t=1,p=1"));
    QTest::newRow("memory zero") << phc(QStringLiteral("m=0,t=1,p=1"));
    QTest::newRow("memory below 8 per lane") << phc(QStringLiteral("m=15,t=1,p=2"));
    QTest::newRow("memory negative") << phc(QStringLiteral("m=-8192,t=1,p=1"));
    QTest::newRow("memory leading zero") << phc(QStringLiteral("m=08192,t=1,p=1"));
    QTest::newRow("memory plus sign") << phc(QStringLiteral("m=+8192,t=1,p=1"));
    QTest::newRow("iterations 21") << phc(QStringLiteral("m=8192,t=21,p=1"));
    QTest::newRow("iterations uint32 max") << phc(QStringLiteral("m=8192,t=4294967295,p=1"));
    QTest::newRow("iterations zero") << phc(QStringLiteral("m=8192,t=0,p=1"));
    QTest::newRow("lanes 17") << phc(QStringLiteral("m=8192,t=1,p=17"));
    QTest::newRow("lanes uint32 max") << phc(QStringLiteral("m=8192,t=1,p=4294967295"));
    QTest::newRow("lanes zero") << phc(QStringLiteral("m=8192,t=1,p=0"));
    QTest::newRow("parameters reordered") << phc(QStringLiteral("t=1,m=8192,p=1"));
    QTest::newRow("parameter missing") << phc(QStringLiteral("m=8192,t=1"));
    QTest::newRow("extra parameter") << phc(QStringLiteral("m=8192,t=1,p=1,x=1"));
    QTest::newRow("argon2i") << QStringLiteral("$argon2i$v=19$m=8192,t=1,p=1$") + salt + QLatin1Char('$')
            + hash;
    QTest::newRow("argon2d") << QStringLiteral("$argon2d$v=19$m=8192,t=1,p=1$") + salt + QLatin1Char('$')
            + hash;
    QTest::newRow("version 16") << QStringLiteral("$argon2id$v=16$m=8192,t=1,p=1$") + salt + QLatin1Char('$')
            + hash;
    QTest::newRow("no version") << QStringLiteral("$argon2id$m=8192,t=1,p=1$") + salt + QLatin1Char('$')
            + hash;
    QTest::newRow("bcrypt") << QStringLiteral("$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW");
    QTest::newRow("salt too short") << QStringLiteral("$argon2id$v=19$m=8192,t=1,p=1$c2FsdA$") + hash;
    QTest::newRow("salt empty") << QStringLiteral("$argon2id$v=19$m=8192,t=1,p=1$$") + hash;
    QTest::newRow("salt bad base64") << QStringLiteral(
                                            "$argon2id$v=19$m=8192,t=1,p=1$c2Fsd!NhbHRzYWx0c2FsdA$")
            + hash;
    QTest::newRow("salt padded") << QStringLiteral("$argon2id$v=19$m=8192,t=1,p=1$") + salt
            + QStringLiteral("==$") + hash;
    QTest::newRow("hash length 4n+1") << phc(QStringLiteral("m=8192,t=1,p=1")) + QStringLiteral("AA");
    QTest::newRow("hash too short") << QStringLiteral("$argon2id$v=19$m=8192,t=1,p=1$") + salt
            + QStringLiteral("$AAA");
    QTest::newRow("hash missing") << QStringLiteral("$argon2id$v=19$m=8192,t=1,p=1$") + salt;
    QTest::newRow("trailing dollar") << phc(QStringLiteral("m=8192,t=1,p=1")) + QLatin1Char('$');
    QTest::newRow("trailing newline") << phc(QStringLiteral("m=8192,t=1,p=1")) + QLatin1Char('\n');
    QTest::newRow("embedded NUL") << phc(QStringLiteral("m=8192,t=1,p=1")).replace(20, 1, QChar(0));
    QTest::newRow("non-Latin-1") << phc(QStringLiteral("m=8192,t=1,p=1")).replace(40, 1, QStringLiteral("Ж"));
    QTest::newRow("Latin-1 high byte")
        << phc(QStringLiteral("m=8192,t=1,p=1")).replace(40, 1, QStringLiteral("é"));
    QTest::newRow("very long") << phc(QStringLiteral("m=8192,t=1,p=1")) + QString(100000, QLatin1Char('A'));
    QTest::newRow("just over 512") << phc(QStringLiteral("m=8192,t=1,p=1")) + QString(420, QLatin1Char('A'));
}

void TestPasswordHasher::refusesHostilePhc()
{
    QFETCH(QString, phc);
    const PasswordHasher hasher(kFast);
    if (!phc.isEmpty())
        expectRefusalLogged();
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!hasher.verify(phc, QStringLiteral("password")));
    QVERIFY(hasher.needsRehash(phc));
    // Refused before any Argon2 work: far below the cost of one real verify.
    QVERIFY2(timer.elapsed() < 50, qPrintable(QString::number(timer.elapsed())));
}

void TestPasswordHasher::refusesEveryTruncation()
{
    const PasswordHasher hasher(kFast);
    const QString phc = hasher.hash(QStringLiteral("password"));
    QVERIFY(hasher.verify(phc, QStringLiteral("password")));
    // Most prefixes are refused unread (and logged), the others fail the comparison.
    QLoggingCategory::setFilterRules(QStringLiteral("auth.server.accounts.warning=false"));
    const auto restore = qScopeGuard([] { QLoggingCategory::setFilterRules(QString()); });
    for (qsizetype n = 0; n < phc.size(); ++n)
        QVERIFY2(!hasher.verify(phc.left(n), QStringLiteral("password")), qPrintable(phc.left(n)));
}

void TestPasswordHasher::refusesTamperedHash()
{
    const PasswordHasher hasher(kFast);
    const QString phc = hasher.hash(QStringLiteral("password"));
    const qsizetype hashStart = phc.lastIndexOf(QLatin1Char('$')) + 1;
    const qsizetype saltStart = phc.lastIndexOf(QLatin1Char('$'), hashStart - 2) + 1;
    for (qsizetype i : {saltStart, hashStart, phc.size() - 2}) {
        QString tampered = phc;
        tampered[i] = tampered[i] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        QVERIFY(!hasher.verify(tampered, QStringLiteral("password")));
    }
    // The last character of 43 carries 2 unused bits; setting them makes it non-canonical.
    QString nonCanonical = phc;
    nonCanonical[phc.size() - 1] = QLatin1Char('/');
    QVERIFY(!hasher.verify(nonCanonical, QStringLiteral("password")));
    // Changing the parameters of a genuine hash invalidates it.
    QString otherParams = phc;
    otherParams.replace(QStringLiteral("t=1"), QStringLiteral("t=2"));
    QVERIFY(!hasher.verify(otherParams, QStringLiteral("password")));
}

void TestPasswordHasher::isThreadSafe()
{
    const PasswordHasher hasher(kFast);
    QList<int> inputs;
    for (int i = 0; i < 16; ++i)
        inputs.append(i);
    const auto results = QtConcurrent::blockingMapped(inputs, [&hasher](int i) {
        const QString password = QStringLiteral("password number %1").arg(i);
        const QString phc = hasher.hash(password);
        hasher.verifyDummy(password);
        return hasher.verify(phc, password) && !hasher.verify(phc, password + QLatin1Char('!'));
    });
    QCOMPARE(results.size(), inputs.size());
    for (bool ok : results)
        QVERIFY(ok);
}

void TestPasswordHasher::dummyVerifyCostsLikeRealVerify()
{
    // OWASP defaults: the runs are long enough (about 30 ms) for scheduling noise to average out.
    const PasswordHasher hasher;
    const QString phc = hasher.hash(QStringLiteral("the real password"));
    const QString attempt = QStringLiteral("a wrong password");
    (void)hasher.verify(phc, attempt); // warm up allocator and caches
    hasher.verifyDummy(attempt);

    constexpr int kRuns = 5;
    qint64 realNs = 0;
    qint64 dummyNs = 0;
    QElapsedTimer timer;
    for (int i = 0; i < kRuns; ++i) {
        timer.start();
        QVERIFY(!hasher.verify(phc, attempt));
        realNs += timer.nsecsElapsed();
        timer.start();
        hasher.verifyDummy(attempt);
        dummyNs += timer.nsecsElapsed();
    }
    const double real = double(realNs) / kRuns;
    const double dummy = double(dummyNs) / kRuns;
    qInfo("verify %.1f ms, verifyDummy %.1f ms", real / 1e6, dummy / 1e6);
    QVERIFY2(qAbs(dummy - real) <= 0.3 * real,
             qPrintable(QStringLiteral("verify %1 ms, dummy %2 ms").arg(real / 1e6).arg(dummy / 1e6)));
}

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "TestPasswordHasher.moc"
