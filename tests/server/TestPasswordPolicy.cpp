#include "accounts/PasswordPolicy.h"

#include <QRandomGenerator>
#include <QTest>

using namespace auth::accounts;

class TestPasswordPolicy : public QObject
{
    Q_OBJECT
private slots:
    void refuses_data();
    void refuses();
    void accepts_data();
    void accepts();
    void countsCodePointsNotUtf16Units();
    void lengthBoundaryAt128();
    void countsAfterNfkc();
    void strengthIsMonotonicIsh();
    void minimumStrengthIsConfigurable();
};

// Letters and digits drawn with a fixed seed: `n` code points, far above any strength threshold.
static QString randomPassword(int n)
{
    static const QString alphabet
        = QStringLiteral("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789");
    QRandomGenerator rng(42);
    QString result;
    for (int i = 0; i < n; ++i)
        result.append(alphabet.at(rng.bounded(int(alphabet.size()))));
    return result;
}

void TestPasswordPolicy::refuses_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("error");

    const QString email = QStringLiteral("alice.smith@example.com");
    const QString name = QStringLiteral("Alice Smith");
    const auto row = [&](const char* tag, const QString& password, const char* error) {
        QTest::newRow(tag) << password << email << name << QString::fromLatin1(error);
    };

    row("empty", QString(), "password_too_short");
    row("seven", QStringLiteral("Zq9#vL2"), "password_too_short");
    row("seven with spaces", QStringLiteral("a b c d"), "password_too_short");
    row("129", randomPassword(129), "password_too_long");
    row("10000", randomPassword(10000), "password_too_long");

    row("NUL", QStringLiteral("correct horse") + QChar(0) + QStringLiteral("battery staple"),
        "password_invalid_characters");
    row("tab", QStringLiteral("correct horse\tbattery staple"), "password_invalid_characters");
    row("newline", QStringLiteral("correct horse battery staple\n"), "password_invalid_characters");
    row("escape", QStringLiteral("correct horse \x1b[31m battery"), "password_invalid_characters");
    row("DEL", QStringLiteral("correct horse\x7f battery staple"), "password_invalid_characters");
    row("lone high surrogate", QStringLiteral("correct horse battery ") + QChar(0xD83D),
        "password_invalid_characters");
    row("lone low surrogate", QChar(0xDE00) + QStringLiteral(" correct horse battery"),
        "password_invalid_characters");
    row("short but NUL", QString(3, QChar(0)), "password_invalid_characters");

    row("email local part", QStringLiteral("my alice.smith rocket garden"),
        "password_contains_personal_data");
    row("local part upper case", QStringLiteral("ALICE.SMITH rocket garden fog"),
        "password_contains_personal_data");
    row("whole email", QStringLiteral("x alice.smith@example.com"), "password_contains_personal_data");
    row("first name", QStringLiteral("purple ALICE tractor lemonade"), "password_contains_personal_data");
    row("last name", QStringLiteral("violin-smith-harbour-quartz"), "password_contains_personal_data");

    row("password1", QStringLiteral("password1"), "password_too_weak");
    row("qwertyuiop", QStringLiteral("qwertyuiop"), "password_too_weak");
    row("Summer2024!", QStringLiteral("Summer2024!"), "password_too_weak");
    row("12345678", QStringLiteral("12345678"), "password_too_weak");
    row("repeated", QStringLiteral("aaaaaaaaaaaaaaaa"), "password_too_weak");
    row("iloveyou123", QStringLiteral("iloveyou123"), "password_too_weak");
    row("P@ssw0rd!", QStringLiteral("P@ssw0rd!"), "password_too_weak");
    row("dictionary word", QStringLiteral("basketball"), "password_too_weak");

    QTest::newRow("short local part: whole email")
        << QStringLiteral("ask bo@example.org twice") << QStringLiteral("bo@example.org") << QString()
        << QStringLiteral("password_contains_personal_data");
    QTest::newRow("hyphenated name token")
        << QStringLiteral("engage picard warp nine") << QStringLiteral("jl@starfleet.example")
        << QStringLiteral("Jean-Luc Picard") << QStringLiteral("password_contains_personal_data");
    QTest::newRow("name compared after NFKC")
        << QStringLiteral("ｚｏëｙｏｎｉｘ harbour lamp") << QString() << QStringLiteral("Zoë Yonix")
        << QStringLiteral("password_contains_personal_data");
    QTest::newRow("non-Latin name") << QStringLiteral("мой пароль ОЛЬГА навсегда") << QString()
                                    << QStringLiteral("Ольга Петрова")
                                    << QStringLiteral("password_contains_personal_data");
}

void TestPasswordPolicy::refuses()
{
    QFETCH(QString, password);
    QFETCH(QString, email);
    QFETCH(QString, name);
    QFETCH(QString, error);
    const PasswordCheck check = PasswordPolicy().check(password, email, name);
    QVERIFY(!check.ok);
    QCOMPARE(check.error, error);
    QVERIFY(!check.description.isEmpty());
    if (password.size() >= 3)
        QVERIFY(!check.description.contains(password, Qt::CaseInsensitive));
    QVERIFY(check.strength >= 0 && check.strength <= 100);
    if (error == QLatin1String("password_too_weak"))
        QVERIFY(check.strength < PasswordPolicy::kDefaultMinStrength);
}

void TestPasswordPolicy::accepts_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("name");

    const QString email = QStringLiteral("alice.smith@example.com");
    const QString name = QStringLiteral("Alice Smith");
    QTest::newRow("passphrase") << QStringLiteral("correct horse battery staple") << email << name;
    QTest::newRow("passphrase with symbols") << QStringLiteral("Tr0ub4dor&3 lamp post") << email << name;
    QTest::newRow("random") << QStringLiteral("kP9#mq2!xL") << email << name;
    QTest::newRow("non-ASCII passphrase") << QStringLiteral("Grüße aus Köln, sagt der Bär") << email << name;
    QTest::newRow("eight distinct emoji")
        << QStringLiteral("😀😁😂🤣😃😄😅😆") << email << name;
    QTest::newRow("spaces count") << QStringLiteral("   x9!Lq  v2#  ") << email << name;
    QTest::newRow("no personal data known")
        << QStringLiteral("correct horse battery staple") << QString() << QString();
    // Personal words shorter than three characters are not refused.
    QTest::newRow("short local part")
        << QStringLiteral("bolt thunder cabinet ripple") << QStringLiteral("bo@example.org") << QString();
    QTest::newRow("short name tokens") << QStringLiteral("always join forty wagons")
                                       << QStringLiteral("aj@example.org") << QStringLiteral("Al Jo");
}

void TestPasswordPolicy::accepts()
{
    QFETCH(QString, password);
    QFETCH(QString, email);
    QFETCH(QString, name);
    const PasswordCheck check = PasswordPolicy().check(password, email, name);
    QVERIFY2(check.ok, qPrintable(check.error + QStringLiteral(" strength %1").arg(check.strength)));
    QVERIFY(check.error.isEmpty());
    QVERIFY(check.strength >= PasswordPolicy::kDefaultMinStrength && check.strength <= 100);
}

void TestPasswordPolicy::countsCodePointsNotUtf16Units()
{
    const PasswordPolicy policy;
    // Seven emoji are 14 UTF-16 units but 7 characters: too short.
    const QString seven = QStringLiteral("😀😁😂🤣😃😄😅");
    QCOMPARE(seven.size(), 14);
    QCOMPARE(policy.check(seven, QString(), QString()).error, QStringLiteral("password_too_short"));
    const QString eight = seven + QStringLiteral("😆");
    QVERIFY(policy.check(eight, QString(), QString()).ok);
}

void TestPasswordPolicy::lengthBoundaryAt128()
{
    const PasswordPolicy policy;
    QVERIFY(policy.check(randomPassword(128), QString(), QString()).ok);
    QCOMPARE(policy.check(randomPassword(129), QString(), QString()).error,
             QStringLiteral("password_too_long"));
    // 127 letters and an emoji: 129 UTF-16 units but 128 characters.
    const QString mixed = randomPassword(127) + QStringLiteral("😀");
    QCOMPARE(mixed.size(), 129);
    QVERIFY(policy.check(mixed, QString(), QString()).ok);
    QCOMPARE(policy.check(mixed + QStringLiteral("😀"), QString(), QString()).error,
             QStringLiteral("password_too_long"));
    QVERIFY(policy.check(randomPassword(8), QString(), QString()).ok);
}

void TestPasswordPolicy::countsAfterNfkc()
{
    const PasswordPolicy policy;
    // Four U+FB03 LATIN SMALL LIGATURE FFI are twelve characters after NFKC.
    const QString ligatures = QString(4, QChar(0xFB03));
    QVERIFY(policy.check(ligatures, QString(), QString()).error != QLatin1String("password_too_short"));
    // U+FDFA expands to 18 characters: 8 of them exceed the limit.
    QCOMPARE(policy.check(QString(8, QChar(0xFDFA)), QString(), QString()).error,
             QStringLiteral("password_too_long"));
}

void TestPasswordPolicy::strengthIsMonotonicIsh()
{
    const int weak = PasswordPolicy::strengthOf(QStringLiteral("password1"));
    const int medium = PasswordPolicy::strengthOf(QStringLiteral("Tr0ub4dor&3"));
    const int strong = PasswordPolicy::strengthOf(QStringLiteral("correct horse battery staple"));
    const int random = PasswordPolicy::strengthOf(randomPassword(40));
    QVERIFY2(weak < medium && medium < strong && strong <= random,
             qPrintable(QStringLiteral("%1 %2 %3 %4").arg(weak).arg(medium).arg(strong).arg(random)));
    QVERIFY(weak < PasswordPolicy::kDefaultMinStrength);
    QVERIFY(strong >= PasswordPolicy::kDefaultMinStrength);
    QCOMPARE(random, 100);
    QCOMPARE(PasswordPolicy::strengthOf(QString()), 0);
    QVERIFY(PasswordPolicy::strengthOf(QStringLiteral("correct horse battery staple ")) >= strong);
    // strengthOf normalises like check(): the ligature is "fi".
    QCOMPARE(PasswordPolicy::strengthOf(QStringLiteral("\uFB01nance horse")),
             PasswordPolicy::strengthOf(QStringLiteral("finance horse")));
}

void TestPasswordPolicy::minimumStrengthIsConfigurable()
{
    QCOMPARE(PasswordPolicy().minStrength(), 50);
    QCOMPARE(PasswordPolicy(500).minStrength(), 100);
    QCOMPARE(PasswordPolicy(-1).minStrength(), 0);

    const PasswordCheck lax = PasswordPolicy(0).check(QStringLiteral("password1"), QString(), QString());
    QVERIFY(lax.ok);
    QCOMPARE(lax.strength, PasswordPolicy::strengthOf(QStringLiteral("password1")));

    const PasswordCheck strict
        = PasswordPolicy(100).check(QStringLiteral("correct horse battery staple"), QString(), QString());
    QVERIFY(!strict.ok);
    QCOMPARE(strict.error, QStringLiteral("password_too_weak"));
    // Other rules still apply with no strength requirement.
    QCOMPARE(PasswordPolicy(0).check(QStringLiteral("short"), QString(), QString()).error,
             QStringLiteral("password_too_short"));
}

QTEST_GUILESS_MAIN(TestPasswordPolicy)
#include "TestPasswordPolicy.moc"
