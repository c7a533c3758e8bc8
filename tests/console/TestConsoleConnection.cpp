#include "client/ConsoleSettings.h"
#include "client/LanguageManager.h"
#include "client/ServerConnection.h"
#include "support/TestServer.h"
#include "ui/HealthPanel.h"
#include "ui/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QCryptographicHash>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace auth::console;

// The window as a SOC engineer meets it: type the address, connect, decide about
// the certificate, read the verdict. Everything is found by object name.
class TestConsoleConnection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void trustOnFirstUseShowsHealth();
    void wrongPinShowsTlsErrorAndNeverHealthy();
    void unreachableServerShowsRedBanner();
    void degradedReportShowsReasons();
    void germanIsShownWhenSelected();
    void shortcutsWork();

private:
    template <typename T> T* find(const QString& name) const
    {
        T* child = m_window->findChild<T*>(name);
        if (!child)
            qFatal("no child %s", qPrintable(name));
        return child;
    }
    void showWindow();
    void typeAndConnect(const QString& url, const QString& fingerprint = {});

    std::unique_ptr<auth::test::TestServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ConsoleSettings> m_settings;
    std::unique_ptr<LanguageManager> m_languages;
    std::unique_ptr<MainWindow> m_window;
    QJsonObject m_health; // what the server itself answers on /health
};

void TestConsoleConnection::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_server = std::make_unique<auth::test::TestServer>();
    QVERIFY2(m_server->start(), m_server->processOutput().constData());
    m_health = m_server->get(QStringLiteral("/health")).json();
    QVERIFY(!m_health.value(QStringLiteral("version")).toString().isEmpty());
}

void TestConsoleConnection::init()
{
    // Every test starts as a first run: no remembered server, pin or language.
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<ConsoleSettings>(m_dir->filePath(QStringLiteral("console.ini")));
    m_languages = std::make_unique<LanguageManager>();
    QVERIFY(m_languages->setLanguage(QStringLiteral("en")));
    m_window = std::make_unique<MainWindow>(*m_settings, *m_languages);
}

void TestConsoleConnection::cleanup()
{
    m_window.reset();
    m_languages.reset();
    m_settings.reset();
    m_dir.reset();
}

void TestConsoleConnection::cleanupTestCase()
{
    m_server.reset();
}

void TestConsoleConnection::trustOnFirstUseShowsHealth()
{
    showWindow();
    const QString fingerprint = QString::fromLatin1(m_server->certificateSha256());
    auto* banner = find<QFrame>(QStringLiteral("tlsBanner"));
    auto* trustButton = find<QPushButton>(QStringLiteral("trustButton"));
    auto* statusLabel = find<QLabel>(QStringLiteral("statusLabel"));
    QVERIFY(!banner->isVisible());

    typeAndConnect(m_server->baseUrl());
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 15000);
    QVERIFY(trustButton->isVisible());
    QVERIFY2(find<QLabel>(QStringLiteral("tlsBannerLabel"))->text().contains(fingerprint),
             qPrintable(find<QLabel>(QStringLiteral("tlsBannerLabel"))->text()));
    QCOMPARE(statusLabel->text(), QStringLiteral("Certificate not trusted"));

    QTest::mouseClick(trustButton, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(statusLabel->text(), QStringLiteral("Healthy"), 15000);
    QVERIFY(!banner->isVisible());
    QCOMPARE(find<QLabel>(QStringLiteral("versionLabel"))->text(),
             m_health.value(QStringLiteral("version")).toString());
    QCOMPARE(find<QLabel>(QStringLiteral("serviceLabel"))->text(), QStringLiteral("auth-service"));
    QCOMPARE(find<QLineEdit>(QStringLiteral("fingerprintEdit"))->text(), fingerprint);
    // The trust, then the protocol the handshake settled on.
    QVERIFY2(QRegularExpression(QStringLiteral("^TLS: pinned certificate \\(TLS 1\\.[23]\\)$"))
                 .match(find<QLabel>(QStringLiteral("tlsStatusLabel"))->text())
                 .hasMatch(),
             qPrintable(find<QLabel>(QStringLiteral("tlsStatusLabel"))->text()));
    QVERIFY(QRegularExpression(QStringLiteral("^Latency: \\d+ ms$"))
                .match(find<QLabel>(QStringLiteral("latencyStatusLabel"))->text())
                .hasMatch());
    const QJsonObject features = m_health.value(QStringLiteral("features")).toObject();
    QCOMPARE(features.size(), 5);
    for (const auto& [key, labelName] : {std::pair {"user_registration", "userRegistrationLabel"},
                                         std::pair {"oauth2_flows", "oauth2FlowsLabel"},
                                         std::pair {"jwt_authentication", "jwtAuthenticationLabel"},
                                         std::pair {"multi_factor_auth", "multiFactorAuthLabel"},
                                         std::pair {"session_management", "sessionManagementLabel"}}) {
        QCOMPARE(find<QLabel>(QLatin1String(labelName))->property("enabledOnServer").toBool(),
                 features.value(QLatin1String(key)).toBool());
    }

    // The decision survives a restart: the next window connects without asking.
    m_window.reset();
    m_window = std::make_unique<MainWindow>(*m_settings, *m_languages);
    showWindow();
    QCOMPARE(find<QLineEdit>(QStringLiteral("urlEdit"))->text(), m_server->baseUrl());
    QCOMPARE(find<QLineEdit>(QStringLiteral("fingerprintEdit"))->text(), fingerprint);
    QSignalSpy failures(&m_window->connection(), &ServerConnection::failed);
    QTest::mouseClick(find<QPushButton>(QStringLiteral("connectButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(find<QLabel>(QStringLiteral("statusLabel"))->text(), QStringLiteral("Healthy"),
                              15000);
    QCOMPARE(failures.count(), 0);
}

void TestConsoleConnection::wrongPinShowsTlsErrorAndNeverHealthy()
{
    showWindow();
    const QString wrongPin = QString::fromLatin1(
        QCryptographicHash::hash("some other certificate", QCryptographicHash::Sha256).toHex());
    QSignalSpy answers(&m_window->connection(), &ServerConnection::healthChanged);
    typeAndConnect(m_server->baseUrl(), wrongPin);

    auto* banner = find<QFrame>(QStringLiteral("tlsBanner"));
    auto* bannerLabel = find<QLabel>(QStringLiteral("tlsBannerLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 15000);
    QVERIFY2(bannerLabel->text().contains(QLatin1String("does not match the pinned fingerprint")),
             qPrintable(bannerLabel->text()));
    QVERIFY(bannerLabel->text().contains(QString::fromLatin1(m_server->certificateSha256())));
    QVERIFY(bannerLabel->text().contains(wrongPin));
    // A changed certificate is no first use: one click must not replace the pin.
    QVERIFY(!find<QPushButton>(QStringLiteral("trustButton"))->isVisible());

    // Ctrl+R asks again; the answer stays the same and the verdict never turns healthy.
    find<QAction>(QStringLiteral("refreshAction"))->trigger();
    QTest::qWait(1500);
    QCOMPARE(answers.count(), 0);
    QCOMPARE(find<QLabel>(QStringLiteral("statusLabel"))->text(), QStringLiteral("Certificate not trusted"));
    QVERIFY(banner->isVisible());
    QCOMPARE(find<QLabel>(QStringLiteral("tlsStatusLabel"))->text(), QStringLiteral("TLS: not trusted"));
    QVERIFY(m_settings->profileFor(QUrl(m_server->baseUrl())).pinnedSha256.isEmpty());
}

void TestConsoleConnection::unreachableServerShowsRedBanner()
{
    showWindow();
    typeAndConnect(QStringLiteral("https://127.0.0.1:%1").arg(auth::test::TestServer::freePort()));
    auto* statusLabel = find<QLabel>(QStringLiteral("statusLabel"));
    QTRY_COMPARE_WITH_TIMEOUT(statusLabel->text(), QStringLiteral("Unreachable"), 15000);
    QVERIFY(find<QLabel>(QStringLiteral("statusDetailLabel"))->text().contains(QLatin1String("refused")));
    QVERIFY(!find<QFrame>(QStringLiteral("tlsBanner"))->isVisible());
    // Still connected: polling goes on, so a server that comes back is noticed.
    QCOMPARE(find<QPushButton>(QStringLiteral("connectButton"))->text(), QStringLiteral("&Disconnect"));
}

void TestConsoleConnection::degradedReportShowsReasons()
{
    // The real server is healthy under test, so the panel gets a degraded report directly.
    HealthPanel panel;
    auth::api::HealthInfo health;
    health.status = QStringLiteral("degraded");
    health.service = QStringLiteral("auth-service");
    health.version = QStringLiteral("2.0.0");
    health.timestamp = QDateTime(QDate(2025, 1, 15), QTime(10, 30), Qt::UTC);
    health.features = {{QStringLiteral("user_registration"), true}, {QStringLiteral("oauth2_flows"), false}};
    health.reasons
        = {QStringLiteral("state: redis does not answer"), QStringLiteral("storage: database is locked")};
    panel.showConnection(ServerConnection::State::Online, health, std::nullopt);

    QCOMPARE(panel.findChild<QLabel*>(QStringLiteral("statusLabel"))->text(), QStringLiteral("Degraded"));
    const QString detail = panel.findChild<QLabel*>(QStringLiteral("statusDetailLabel"))->text();
    QVERIFY2(detail.contains(health.reasons.at(0)) && detail.contains(health.reasons.at(1)),
             qPrintable(detail));
    QCOMPARE(panel.findChild<QLabel*>(QStringLiteral("timestampLabel"))->text(),
             QStringLiteral("2025-01-15 10:30:00 UTC"));
    QCOMPARE(panel.findChild<QLabel*>(QStringLiteral("userRegistrationLabel"))->property("enabledOnServer"),
             QVariant(true));
    QCOMPARE(panel.findChild<QLabel*>(QStringLiteral("oauth2FlowsLabel"))->property("enabledOnServer"),
             QVariant(false));
    // Not reported is not the same as disabled.
    QVERIFY(!panel.findChild<QLabel*>(QStringLiteral("sessionManagementLabel"))
                 ->property("enabledOnServer")
                 .isValid());

    // Unreachable afterwards: red, with the error, and the last report kept for comparison.
    ApiError error;
    error.message = QStringLiteral("127.0.0.1 refused the connection on port 3000: is auth-service running?");
    panel.showConnection(ServerConnection::State::Unreachable, std::nullopt, error);
    QCOMPARE(panel.findChild<QLabel*>(QStringLiteral("statusLabel"))->text(), QStringLiteral("Unreachable"));
    QVERIFY(panel.findChild<QLabel*>(QStringLiteral("statusDetailLabel"))->text().startsWith(error.message));
    QCOMPARE(panel.findChild<QLabel*>(QStringLiteral("versionLabel"))->text(), QStringLiteral("2.0.0"));
}

void TestConsoleConnection::germanIsShownWhenSelected()
{
    showWindow();
    auto* connectButton = find<QPushButton>(QStringLiteral("connectButton"));
    auto* statusLabel = find<QLabel>(QStringLiteral("statusLabel"));
    QCOMPARE(connectButton->text(), QStringLiteral("&Connect"));

    find<QAction>(QStringLiteral("languageDeAction"))->trigger();
    QTRY_COMPARE(connectButton->text(), QStringLiteral("&Verbinden"));
    QCOMPARE(statusLabel->text(), QStringLiteral("Nicht verbunden"));
    QCOMPARE(find<QAction>(QStringLiteral("refreshAction"))->text(), QStringLiteral("&Aktualisieren"));
    QCOMPARE(m_settings->language(), QStringLiteral("de"));

    // Live answers are German too.
    typeAndConnect(m_server->baseUrl(), QString::fromLatin1(m_server->certificateSha256()));
    QTRY_COMPARE_WITH_TIMEOUT(statusLabel->text(), QStringLiteral("Betriebsbereit"), 15000);
    QVERIFY(find<QLabel>(QStringLiteral("tlsStatusLabel"))
                ->text()
                .startsWith(QLatin1String("TLS: festgelegtes Zertifikat (TLS 1.")));
    QVERIFY(find<QLabel>(QStringLiteral("userRegistrationLabel"))
                ->text()
                .contains(QLatin1String("Benutzerregistrierung")));

    find<QAction>(QStringLiteral("languageEnAction"))->trigger();
    QTRY_COMPARE(statusLabel->text(), QStringLiteral("Healthy"));
    QCOMPARE(m_settings->language(), QStringLiteral("en"));
}

void TestConsoleConnection::shortcutsWork()
{
    showWindow();
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    auto* urlEdit = find<QLineEdit>(QStringLiteral("urlEdit"));
    find<QLineEdit>(QStringLiteral("fingerprintEdit"))->setFocus();
    QVERIFY(!urlEdit->hasFocus());
    QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier);
    QTRY_VERIFY(urlEdit->hasFocus());

    // Ctrl+R connects when nothing is connected yet.
    QTest::keyClicks(urlEdit, m_server->baseUrl());
    QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(find<QFrame>(QStringLiteral("tlsBanner"))->isVisible(), 15000);

    QTest::keyClick(m_window.get(), Qt::Key_Q, Qt::ControlModifier);
    QTRY_VERIFY(!m_window->isVisible());
}

void TestConsoleConnection::showWindow()
{
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestConsoleConnection::typeAndConnect(const QString& url, const QString& fingerprint)
{
    auto* urlEdit = find<QLineEdit>(QStringLiteral("urlEdit"));
    urlEdit->clear();
    QTest::keyClicks(urlEdit, url);
    if (!fingerprint.isEmpty())
        QTest::keyClicks(find<QLineEdit>(QStringLiteral("fingerprintEdit")), fingerprint);
    auto* connectButton = find<QPushButton>(QStringLiteral("connectButton"));
    QVERIFY(connectButton->isEnabled());
    QTest::mouseClick(connectButton, Qt::LeftButton);
}

QTEST_MAIN(TestConsoleConnection)
#include "TestConsoleConnection.moc"
