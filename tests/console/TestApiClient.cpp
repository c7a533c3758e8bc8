#include "client/ApiClient.h"
#include "client/ConsoleSettings.h"
#include "client/ServerProfile.h"
#include "support/TestServer.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>
#include <optional>

using namespace auth::console;

// What one fetch ended in.
struct Outcome
{
    std::optional<auth::api::HealthInfo> health;
    std::optional<QJsonObject> status;
    std::optional<ApiError> error;
    qint64 latencyMs = -1;
    bool done() const { return health || status || error; }
};

class TestApiClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void normalizesFingerprints_data();
    void normalizesFingerprints();
    void validatesProfiles_data();
    void validatesProfiles();
    void joinsEndpointsBelowABasePath();
    void remembersTrustPerOrigin();

    void pinnedCertificateFetchesHealth();
    void caFileFetchesHealth();
    void systemTrustRefusesSelfSignedWithFingerprint();
    void wrongPinFailsWithPresentedFingerprint();
    void unreadableCaFileIsRefused();
    void fetchesStatus();
    void refusedConnectionIsANetworkError();

private:
    Outcome fetch(ApiClient& client, bool status = false);
    ServerProfile pinnedProfile() const;

    std::unique_ptr<auth::test::TestServer> m_server;
    QTemporaryDir m_dir;
};

void TestApiClient::initTestCase()
{
    m_server = std::make_unique<auth::test::TestServer>();
    QVERIFY2(m_server->start(), m_server->processOutput().constData());
}

void TestApiClient::cleanupTestCase()
{
    m_server.reset();
}

void TestApiClient::normalizesFingerprints_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray hex = QCryptographicHash::hash("x", QCryptographicHash::Sha256).toHex();
    QString colons;
    for (int i = 0; i < hex.size(); i += 2)
        colons += (i ? QStringLiteral(":") : QString()) + QString::fromLatin1(hex.mid(i, 2)).toUpper();
    QTest::newRow("lower hex") << QString::fromLatin1(hex) << hex;
    QTest::newRow("openssl colons") << colons << hex;
    QTest::newRow("spaces around") << QStringLiteral("  %1 ").arg(QString::fromLatin1(hex)) << hex;
    QTest::newRow("too short") << QString::fromLatin1(hex.left(62)) << QByteArray();
    QTest::newRow("too long") << QString::fromLatin1(hex + "00") << QByteArray();
    QTest::newRow("not hex") << QString::fromLatin1(hex.left(63) + "g") << QByteArray();
    QTest::newRow("empty") << QString() << QByteArray();
}

void TestApiClient::normalizesFingerprints()
{
    QFETCH(QString, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(ServerProfile::normalizeFingerprint(input).value_or(QByteArray()), expected);
}

void TestApiClient::validatesProfiles_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowHttp");
    QTest::addColumn<QString>("caFile");
    QTest::addColumn<QByteArray>("pin");
    QTest::addColumn<bool>("valid");
    const QByteArray pin = QCryptographicHash::hash("x", QCryptographicHash::Sha256).toHex();
    QTest::newRow("https") << "https://auth.example.org" << false << QString() << QByteArray() << true;
    QTest::newRow("no scheme means https") << "127.0.0.1:3000" << false << QString() << QByteArray() << true;
    QTest::newRow("http remote, even allowed")
        << "http://auth.example.org" << true << QString() << QByteArray() << false;
    QTest::newRow("http loopback, not allowed")
        << "http://127.0.0.1:3000" << false << QString() << QByteArray() << false;
    QTest::newRow("http loopback, allowed")
        << "http://127.0.0.1:3000" << true << QString() << QByteArray() << true;
    QTest::newRow("http ::1, allowed") << "http://[::1]:3000" << true << QString() << QByteArray() << true;
    QTest::newRow("http localhost, allowed")
        << "http://localhost:3000" << true << QString() << QByteArray() << true;
    QTest::newRow("ftp") << "ftp://127.0.0.1" << false << QString() << QByteArray() << false;
    QTest::newRow("user info") << "https://admin:pw@127.0.0.1" << false << QString() << QByteArray() << false;
    QTest::newRow("query") << "https://127.0.0.1/?x=1" << false << QString() << QByteArray() << false;
    QTest::newRow("empty") << "" << false << QString() << QByteArray() << false;
    QTest::newRow("pin") << "https://127.0.0.1" << false << QString() << pin << true;
    QTest::newRow("bad pin") << "https://127.0.0.1" << false << QString() << QByteArray("abc") << false;
    QTest::newRow("pin and CA") << "https://127.0.0.1" << false << "/tmp/ca.pem" << pin << false;
}

void TestApiClient::validatesProfiles()
{
    QFETCH(QString, url);
    QFETCH(bool, allowHttp);
    QFETCH(QString, caFile);
    QFETCH(QByteArray, pin);
    QFETCH(bool, valid);
    ServerProfile profile;
    profile.url = ServerProfile::parseUrl(url);
    profile.allowPlainHttp = allowHttp;
    profile.caCertificateFile = caFile;
    profile.pinnedSha256 = pin;
    QCOMPARE(profile.validate().isEmpty(), valid);
    // The client refuses what validation refuses, before anything is sent.
    ApiClient client;
    QCOMPARE(client.setProfile(profile).isEmpty(), valid);
}

void TestApiClient::joinsEndpointsBelowABasePath()
{
    ServerProfile profile;
    profile.url = ServerProfile::parseUrl(QStringLiteral("https://lb.example.org:8443/auth/"));
    QCOMPARE(profile.endpoint(QStringLiteral("/health")).toString(),
             QStringLiteral("https://lb.example.org:8443/auth/health"));
    QCOMPARE(profile.origin(), QStringLiteral("https://lb.example.org:8443"));
    profile.url = ServerProfile::parseUrl(QStringLiteral("https://LB.example.org"));
    QCOMPARE(profile.origin(), QStringLiteral("https://lb.example.org:443"));
}

void TestApiClient::remembersTrustPerOrigin()
{
    const QString file = m_dir.filePath(QStringLiteral("remember.ini"));
    ServerProfile pinned = pinnedProfile();
    ServerProfile other;
    other.url = ServerProfile::parseUrl(QStringLiteral("https://other.example.org"));
    other.caCertificateFile = QStringLiteral("/etc/auth/ca.pem");
    {
        ConsoleSettings settings(file);
        settings.rememberProfile(other);
        settings.rememberProfile(pinned);
        settings.sync();
    }
    ConsoleSettings settings(file);
    QCOMPARE(settings.lastUrl(), pinned.url.toString());
    // Another path on the same origin shares the decision.
    const ServerProfile again = settings.profileFor(pinned.endpoint(QStringLiteral("/api")));
    QCOMPARE(again.pinnedSha256, pinned.pinnedSha256);
    QVERIFY(again.caCertificateFile.isEmpty());
    QCOMPARE(settings.profileFor(other.url).caCertificateFile, other.caCertificateFile);
    settings.forgetTrust(pinned.origin());
    QVERIFY(settings.profileFor(pinned.url).pinnedSha256.isEmpty());
}

void TestApiClient::pinnedCertificateFetchesHealth()
{
    ApiClient client;
    QCOMPARE(client.setProfile(pinnedProfile()), QString());
    const Outcome outcome = fetch(client);
    QVERIFY2(outcome.health, outcome.error ? qPrintable(outcome.error->message) : "no answer");
    QCOMPARE(outcome.health->status, QStringLiteral("healthy"));
    QCOMPARE(outcome.health->service, QStringLiteral("auth-service"));
    QVERIFY(!outcome.health->version.isEmpty());
    QVERIFY(outcome.health->timestamp.isValid());
    for (const char* feature : {"user_registration", "oauth2_flows", "jwt_authentication",
                                "multi_factor_auth", "session_management"})
        QVERIFY2(outcome.health->features.contains(QLatin1String(feature)), feature);
    QVERIFY(outcome.latencyMs >= 0);
}

void TestApiClient::caFileFetchesHealth()
{
    ServerProfile profile;
    profile.url = QUrl(m_server->baseUrl());
    profile.caCertificateFile = m_server->certificatePath();
    ApiClient client;
    QCOMPARE(client.setProfile(profile), QString());
    const Outcome outcome = fetch(client);
    QVERIFY2(outcome.health, outcome.error ? qPrintable(outcome.error->message) : "no answer");
    QCOMPARE(outcome.health->service, QStringLiteral("auth-service"));
}

void TestApiClient::systemTrustRefusesSelfSignedWithFingerprint()
{
    ServerProfile profile;
    profile.url = QUrl(m_server->baseUrl());
    ApiClient client;
    QCOMPARE(client.setProfile(profile), QString());
    const Outcome outcome = fetch(client);
    QVERIFY(!outcome.health);
    QVERIFY(outcome.error);
    QCOMPARE(outcome.error->kind, ApiError::Kind::UntrustedCertificate);
    QCOMPARE(outcome.error->presentedSha256, m_server->certificateSha256());
    QVERIFY(outcome.error->offersTrustOnFirstUse());
    QVERIFY(!outcome.error->tlsErrors.isEmpty());
}

void TestApiClient::wrongPinFailsWithPresentedFingerprint()
{
    ServerProfile profile = pinnedProfile();
    profile.pinnedSha256
        = QCryptographicHash::hash("another certificate", QCryptographicHash::Sha256).toHex();
    ApiClient client;
    QCOMPARE(client.setProfile(profile), QString());
    const Outcome outcome = fetch(client);
    QVERIFY(!outcome.health);
    QVERIFY(outcome.error);
    QCOMPARE(outcome.error->kind, ApiError::Kind::PinMismatch);
    QCOMPARE(outcome.error->presentedSha256, m_server->certificateSha256());
    QVERIFY(!outcome.error->offersTrustOnFirstUse());
}

void TestApiClient::unreadableCaFileIsRefused()
{
    const QString notACertificate = m_dir.filePath(QStringLiteral("not-a-cert.pem"));
    QFile file(notACertificate);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("-----BEGIN NOTHING-----\n");
    file.close();

    ServerProfile profile;
    profile.url = QUrl(m_server->baseUrl());
    profile.caCertificateFile = notACertificate;
    ApiClient client;
    QVERIFY(!client.setProfile(profile).isEmpty());
    profile.caCertificateFile = m_dir.filePath(QStringLiteral("missing.pem"));
    QVERIFY(!client.setProfile(profile).isEmpty());
    // Nothing was taken: a fetch reports the missing profile instead of using it.
    const Outcome outcome = fetch(client);
    QVERIFY(outcome.error);
    QCOMPARE(outcome.error->kind, ApiError::Kind::InvalidProfile);
}

void TestApiClient::fetchesStatus()
{
    ApiClient client;
    QCOMPARE(client.setProfile(pinnedProfile()), QString());
    const Outcome outcome = fetch(client, true);
    QVERIFY2(outcome.status, outcome.error ? qPrintable(outcome.error->message) : "no answer");
    QCOMPARE(outcome.status->value(QStringLiteral("service")).toString(), QStringLiteral("auth-service"));
    QVERIFY(outcome.status->contains(QStringLiteral("uptime_seconds")));
}

void TestApiClient::refusedConnectionIsANetworkError()
{
    ServerProfile profile;
    profile.url = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(auth::test::TestServer::freePort()));
    ApiClient client;
    QCOMPARE(client.setProfile(profile), QString());
    const Outcome outcome = fetch(client);
    QVERIFY(outcome.error);
    QCOMPARE(outcome.error->kind, ApiError::Kind::Network);
    QVERIFY(!outcome.error->isTlsProblem());
    QVERIFY2(outcome.error->message.contains(QLatin1String("refused")), qPrintable(outcome.error->message));
}

Outcome TestApiClient::fetch(ApiClient& client, bool status)
{
    Outcome outcome;
    connect(&client, &ApiClient::healthReceived, this,
            [&](const auth::api::HealthInfo& health, qint64 latency) {
                outcome.health = health;
                outcome.latencyMs = latency;
            });
    connect(&client, &ApiClient::statusReceived, this, [&](const QJsonObject& object, qint64 latency) {
        outcome.status = object;
        outcome.latencyMs = latency;
    });
    connect(&client, &ApiClient::requestFailed, this, [&](const ApiError& error) { outcome.error = error; });
    status ? client.fetchStatus() : client.fetchHealth();
    // Callers check what arrived; a fetch that never ends leaves the outcome empty.
    if (!QTest::qWaitFor([&] { return outcome.done(); }, 15000))
        qWarning("fetch: no answer within 15 s");
    client.disconnect(this);
    return outcome;
}

ServerProfile TestApiClient::pinnedProfile() const
{
    ServerProfile profile;
    profile.url = QUrl(m_server->baseUrl());
    profile.pinnedSha256 = m_server->certificateSha256();
    return profile;
}

QTEST_GUILESS_MAIN(TestApiClient)
#include "TestApiClient.moc"
