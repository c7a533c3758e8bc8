#include "client/SecretStore.h"

#include <QSignalSpy>
#include <QtTest>

using namespace auth::console;

// The refresh token's home. Run twice by ctest: plainly (no D-Bus session, so
// no keychain: memory only, announced) and under tests/console/with-keyring
// (a real Secret Service: the secret survives into a new store and can be removed).
class TestSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void roundTripOrAnnouncedFallback();

private:
    QString read(SecretStore& store, const QString& key);
    bool m_expectKeychain = false;
    QString m_service;
};

void TestSecretStore::initTestCase()
{
    m_expectKeychain = qEnvironmentVariableIntValue("AUTH_EXPECT_KEYCHAIN") == 1;
    m_service = QStringLiteral("auth-console-test-%1").arg(QCoreApplication::applicationPid());
    if (!m_expectKeychain) {
        // Make sure no desktop session bus leaks in from the caller.
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("DISPLAY");
    }
}

QString TestSecretStore::read(SecretStore& store, const QString& key)
{
    QString result;
    bool done = false;
    store.read(key, this, [&](const QString& secret) {
        result = secret;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 20000))
        qFatal("keychain read did not finish");
    return result;
}

void TestSecretStore::roundTripOrAnnouncedFallback()
{
    const QString key = QStringLiteral("refresh-token https://127.0.0.1:1");
    const QString secret = QStringLiteral("rt-%1").arg(QDateTime::currentMSecsSinceEpoch());
    SecretStore store;
    store.setServiceName(m_service);
    QSignalSpy availability(&store, &SecretStore::availabilityChanged);
    bool stored = false;
    bool done = false;
    store.write(key, secret, this, [&](bool ok) {
        stored = ok;
        done = true;
    });
    QVERIFY(QTest::qWaitFor([&] { return done; }, 20000));

    if (m_expectKeychain) {
        QVERIFY2(stored, qPrintable(store.unavailableReason()));
        QVERIFY(store.keychainAvailable());
        QCOMPARE(availability.count(), 0);
        // A new store (a restart) finds it in the keychain, not in memory.
        SecretStore restarted;
        restarted.setServiceName(m_service);
        QCOMPARE(read(restarted, key), secret);
        restarted.remove(key);
        QTest::qWait(500);
        SecretStore again;
        again.setServiceName(m_service);
        QCOMPARE(read(again, key), QString());
    } else {
        QVERIFY(!stored);
        QVERIFY(!store.keychainAvailable());
        QCOMPARE(availability.count(), 1);
        QCOMPARE(availability.at(0).at(0).toBool(), false);
        QVERIFY(!store.unavailableReason().isEmpty());
        // This run still has it; a restart does not, and nothing went to a file.
        QCOMPARE(read(store, key), secret);
        SecretStore restarted;
        restarted.setServiceName(m_service);
        QCOMPARE(read(restarted, key), QString());
        store.remove(key);
        QCOMPARE(read(store, key), QString());
    }
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "TestSecretStore.moc"
