#include "client/ConsoleSettings.h"
#include "client/LanguageManager.h"
#include "support/TestServer.h"
#include "ui/AccountsView.h"
#include "ui/KeysView.h"
#include "ui/MainWindow.h"
#include "ui/NoticeBanner.h"

#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace auth::console;

namespace {
const QString AdminEmail = QStringLiteral("soc-admin@example.com");
const QString AdminPassword = QStringLiteral("Quartz-Lantern-Meadow-71");
} // namespace

// Signing in from the window against the real server: the dialog, the status
// bar, refresh before expiry, the expired-session and unreachable banners, and
// where the refresh token is (and is not) kept.
class TestConsoleSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void signInShowsUserAndKeepsTokenOutOfSettings();
    void wrongPasswordIsToldInTheDialog();
    void tokensAreRefreshedBeforeExpiry();
    void revokedSessionShowsExpiredBanner();
    void unreachableServerBacksOff();
    void lockAndUnlockUserWithReason();
    void rotationNeedsTypedConfirmation();

private:
    template <typename T> T* find(const QString& name) const
    {
        T* child = m_window->findChild<T*>(name);
        if (!child)
            qFatal("no child %s", qPrintable(name));
        return child;
    }
    void connectPinned(quint16 port = 0);
    void signIn(const QString& password = AdminPassword);

    auth::test::TestServer m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ConsoleSettings> m_settings;
    std::unique_ptr<LanguageManager> m_languages;
    std::unique_ptr<MainWindow> m_window;
};

void TestConsoleSession::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_server.bootstrapAdmin(AdminEmail, AdminPassword);
    m_server.setEnv(QStringLiteral("ACCESS_TOKEN_TTL"), QStringLiteral("3s"));
    QVERIFY2(m_server.start(), m_server.processOutput().constData());
}

void TestConsoleSession::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<ConsoleSettings>(m_dir->filePath(QStringLiteral("console.ini")));
    m_languages = std::make_unique<LanguageManager>();
    QVERIFY(m_languages->setLanguage(QStringLiteral("en")));
    m_window = std::make_unique<MainWindow>(*m_settings, *m_languages);
    // Each test signs in afresh: no session carried over from the keychain.
    m_window->secrets().setServiceName(
        QStringLiteral("auth-console-test-%1").arg(QCoreApplication::applicationPid()));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestConsoleSession::cleanup()
{
    if (m_window)
        m_window->session().signOut();
    m_window.reset();
    m_languages.reset();
    m_settings.reset();
    m_dir.reset();
}

void TestConsoleSession::connectPinned(quint16 port)
{
    ServerProfile profile;
    profile.url = QUrl(port ? QStringLiteral("https://127.0.0.1:%1").arg(port) : m_server.baseUrl());
    profile.pinnedSha256 = m_server.certificateSha256();
    m_window->connectTo(profile);
}

void TestConsoleSession::signIn(const QString& password)
{
    auto* banner = find<NoticeBanner>(QStringLiteral("sessionBanner"));
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible() && banner->button()->isVisible(), 15000);
    QVERIFY2(banner->text().contains(QLatin1String("Not signed in")), qPrintable(banner->text()));
    QTest::mouseClick(banner->button(), Qt::LeftButton);
    auto* dialog = find<QDialog>(QStringLiteral("loginDialog"));
    QTRY_VERIFY(dialog->isVisible());
    auto* email = dialog->findChild<QLineEdit*>(QStringLiteral("emailEdit"));
    auto* passwordEdit = dialog->findChild<QLineEdit*>(QStringLiteral("passwordEdit"));
    auto* signInButton = dialog->findChild<QPushButton*>(QStringLiteral("signInButton"));
    QVERIFY(!signInButton->isEnabled());
    email->clear();
    QTest::keyClicks(email, AdminEmail);
    QTest::keyClicks(passwordEdit, password);
    QVERIFY(signInButton->isEnabled());
    QTest::mouseClick(signInButton, Qt::LeftButton);
    QVERIFY(passwordEdit->text().isEmpty()); // the password does not linger in the widget
}

void TestConsoleSession::signInShowsUserAndKeepsTokenOutOfSettings()
{
    connectPinned();
    signIn();
    auto* userLabel = find<QLabel>(QStringLiteral("userStatusLabel"));
    QTRY_COMPARE_WITH_TIMEOUT(userLabel->text(), QStringLiteral("User: %1").arg(AdminEmail), 15000);
    QVERIFY(!find<QDialog>(QStringLiteral("loginDialog"))->isVisible());
    QVERIFY(!find<NoticeBanner>(QStringLiteral("sessionBanner"))->isVisible());
    QVERIFY(m_window->session().roles().contains(QStringLiteral("admin")));
    QVERIFY(find<QLabel>(QStringLiteral("tlsStatusLabel"))->text().contains(QLatin1String("TLS 1.")));

    // Without a keychain (no D-Bus session here) the window says so; either way
    // the refresh token never reaches the settings file.
    auto* keychainBanner = find<NoticeBanner>(QStringLiteral("keychainBanner"));
    QCOMPARE(keychainBanner->isVisible(), !m_window->secrets().keychainAvailable());
    if (keychainBanner->isVisible())
        QVERIFY(keychainBanner->text().contains(QLatin1String("memory only")));
    m_settings->sync();
    QFile ini(m_dir->filePath(QStringLiteral("console.ini")));
    QVERIFY(ini.open(QIODevice::ReadOnly));
    const QByteArray settings = ini.readAll();
    QVERIFY(!settings.contains(m_window->connection().client().accessToken()));
    QVERIFY(!settings.toLower().contains("token"));

    // The server saw an admin session from this console.
    const auto me
        = m_server.get(QStringLiteral("/api/v1/auth/me"),
                       {{"Authorization", "Bearer " + m_window->connection().client().accessToken()}});
    QCOMPARE(me.status, 200);

    find<QAction>(QStringLiteral("signOutAction"))->trigger();
    QTRY_COMPARE(userLabel->text(), QStringLiteral("Not signed in"));
}

void TestConsoleSession::wrongPasswordIsToldInTheDialog()
{
    connectPinned();
    signIn(QStringLiteral("not-the-password"));
    auto* dialog = find<QDialog>(QStringLiteral("loginDialog"));
    auto* message = dialog->findChild<QLabel*>(QStringLiteral("loginMessageLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(QLatin1String("password is wrong")), 15000);
    QVERIFY(dialog->isVisible());
    QCOMPARE(m_window->session().state(), AuthSession::State::SignedOut);
    QVERIFY(m_window->connection().client().accessToken().isEmpty());
    QCOMPARE(find<QLabel>(QStringLiteral("userStatusLabel"))->text(), QStringLiteral("Not signed in"));
    // The failure is in the server's security log, without the password.
    QTRY_VERIFY_WITH_TIMEOUT(
        [this] {
            for (const QJsonObject& event : m_server.securityLog()) {
                if (event.value(QStringLiteral("event")).toString()
                    == QLatin1String("authentication_failure"))
                    return true;
            }
            return false;
        }(),
        5000);
    QFile log(m_server.logDir() + QStringLiteral("/security.log"));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY(!log.readAll().contains("not-the-password"));
}

void TestConsoleSession::tokensAreRefreshedBeforeExpiry()
{
    connectPinned();
    signIn();
    AuthSession& session = m_window->session();
    QTRY_VERIFY_WITH_TIMEOUT(session.isSignedIn(), 15000);
    const QByteArray first = m_window->connection().client().accessToken();
    QSignalSpy refreshed(&session, &AuthSession::tokensRefreshed);
    // The token lives 3 s; the console renews it at three quarters of that.
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 2, 10000);
    QVERIFY(m_window->connection().client().accessToken() != first);
    QVERIFY(session.isSignedIn());
    QVERIFY(session.accessTokenRemainingMs() > 0);
    // Past the first token's lifetime, the current one works.
    QCOMPARE(m_server
                 .get(QStringLiteral("/api/v1/auth/me"),
                      {{"Authorization", "Bearer " + m_window->connection().client().accessToken()}})
                 .status,
             200);
}

void TestConsoleSession::revokedSessionShowsExpiredBanner()
{
    connectPinned();
    signIn();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session().isSignedIn(), 15000);
    // Someone ends the session on the server (here: a logout with its own token).
    const auto logout
        = m_server.request("POST", QStringLiteral("/api/v1/auth/logout"), "{}",
                           {{"Authorization", "Bearer " + m_window->connection().client().accessToken()},
                            {"Content-Type", "application/json"}});
    QVERIFY2(logout.status == 200 || logout.status == 204, logout.body.constData());
    m_window->session().refreshNow();
    auto* banner = find<NoticeBanner>(QStringLiteral("sessionBanner"));
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible() && banner->text().contains(QLatin1String("expired")), 10000);
    QCOMPARE(banner->level(), Banner::Level::Warning);
    QCOMPARE(banner->button()->text(), QStringLiteral("Sign &In Again…"));
    QCOMPARE(find<QLabel>(QStringLiteral("userStatusLabel"))->text(), QStringLiteral("Session expired"));
    QVERIFY(m_window->connection().client().accessToken().isEmpty());
}

void TestConsoleSession::unreachableServerBacksOff()
{
    m_window->connection().setRefreshInterval(100);
    connectPinned(auth::test::TestServer::freePort());
    auto* banner = find<NoticeBanner>(QStringLiteral("unreachableBanner"));
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10000);
    QVERIFY2(banner->text().contains(QLatin1String("Next attempt in")), qPrintable(banner->text()));
    QCOMPARE(banner->level(), Banner::Level::Error);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->connection().retryIntervalMs() >= 800, 10000);
    QVERIFY(m_window->connection().retryIntervalMs() <= ServerConnection::MaxRetryIntervalMs);
    QVERIFY(!find<NoticeBanner>(QStringLiteral("sessionBanner"))->isVisible()
            || find<NoticeBanner>(QStringLiteral("sessionBanner"))
                   ->text()
                   .contains(QLatin1String("Not signed in")));

    // Back at a server that answers, the interval returns to normal.
    connectPinned();
    QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->connection().state(), ServerConnection::State::Online, 10000);
    QCOMPARE(m_window->connection().retryIntervalMs(), 100);
}

void TestConsoleSession::lockAndUnlockUserWithReason()
{
    const QString email = QStringLiteral("suspect-%1@example.com").arg(QDateTime::currentMSecsSinceEpoch());
    const auto registered
        = m_server.postJson(QStringLiteral("/api/v1/auth/register"),
                            {{QStringLiteral("email"), email},
                             {QStringLiteral("password"), QStringLiteral("Velvet-Compass-Orchard-58")},
                             {QStringLiteral("name"), QStringLiteral("Suspect")}});
    QVERIFY2(registered.status == 201 || registered.status == 200, registered.body.constData());
    connectPinned();
    signIn();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session().isSignedIn(), 15000);
    m_window->tabs()->setCurrentWidget(m_window->accounts());

    auto* search = find<QLineEdit>(QStringLiteral("userSearchEdit"));
    auto* users = find<QTableWidget>(QStringLiteral("usersTable"));
    auto* reason = find<QLineEdit>(QStringLiteral("lockReasonEdit"));
    auto* lock = find<QPushButton>(QStringLiteral("lockButton"));
    auto* unlock = find<QPushButton>(QStringLiteral("unlockButton"));
    QTest::keyClicks(search, email);
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(users->rowCount(), 1, 10000);
    QCOMPARE(users->item(0, 0)->text(), email);
    QCOMPARE(users->item(0, 3)->text(), QStringLiteral("active"));
    users->selectRow(0);
    QVERIFY(!lock->isEnabled()); // no reason yet
    QTest::keyClicks(reason, QStringLiteral("credential stuffing from 203.0.113.9"));
    QVERIFY(lock->isEnabled());
    QVERIFY(!unlock->isEnabled());
    QTest::mouseClick(lock, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(users->item(0, 3)->text(), QStringLiteral("locked"), 10000);
    QVERIFY(m_window->accounts()->message().contains(email));

    // The server agrees, and its audit trail has the actor and the reason.
    const QByteArray bearer = "Bearer " + m_window->connection().client().accessToken();
    const auto listed = m_server.get(
        QStringLiteral("/admin/users?q=%1").arg(QString::fromLatin1(QUrl::toPercentEncoding(email))),
        {{"Authorization", bearer}});
    QCOMPARE(listed.json()
                 .value(QStringLiteral("users"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("locked"));
    QTRY_VERIFY_WITH_TIMEOUT(
        [this] {
            QFile log(m_server.logDir() + QStringLiteral("/security.log"));
            return log.open(QIODevice::ReadOnly)
                && log.readAll().contains("credential stuffing from 203.0.113.9");
        }(),
        5000);

    QTest::keyClicks(reason, QStringLiteral("cleared after review"));
    QVERIFY(unlock->isEnabled());
    QTest::mouseClick(unlock, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(users->item(0, 3)->text(), QStringLiteral("active"), 10000);
}

void TestConsoleSession::rotationNeedsTypedConfirmation()
{
    connectPinned();
    signIn();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session().isSignedIn(), 15000);
    m_window->tabs()->setCurrentWidget(m_window->keys());
    auto* table = find<QTableWidget>(QStringLiteral("keysTable"));
    QTRY_VERIFY_WITH_TIMEOUT(table->rowCount() >= 1, 10000);
    QString activeBefore;
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, 2)->text() == QLatin1String("active"))
            activeBefore = table->item(row, 0)->text();
    }
    QVERIFY(!activeBefore.isEmpty());

    auto* panel = find<QWidget>(QStringLiteral("rotateConfirmPanel"));
    auto* confirm = find<QPushButton>(QStringLiteral("rotateConfirmButton"));
    QVERIFY(!panel->isVisible());
    QTest::mouseClick(find<QPushButton>(QStringLiteral("rotateButton")), Qt::LeftButton);
    QVERIFY(panel->isVisible());
    QVERIFY(
        find<QLabel>(QStringLiteral("rotateConfirmLabel"))->text().contains(QLatin1String("Type ROTATE")));
    QVERIFY(!confirm->isEnabled());
    QTest::keyClicks(find<QLineEdit>(QStringLiteral("rotateReasonEdit")),
                     QStringLiteral("quarterly rotation"));
    auto* word = find<QLineEdit>(QStringLiteral("rotateConfirmEdit"));
    QTest::keyClicks(word, QStringLiteral("rotate"));
    QVERIFY(!confirm->isEnabled()); // the exact word, not something like it
    word->clear();
    QTest::keyClicks(word, QStringLiteral("ROTATE"));
    QVERIFY(confirm->isEnabled());
    // Nothing was sent yet.
    const QByteArray bearer = "Bearer " + m_window->connection().client().accessToken();
    auto activeOnServer = [this, &bearer] {
        for (const QJsonValue& key : m_server.get(QStringLiteral("/admin/keys"), {{"Authorization", bearer}})
                                         .json()
                                         .value(QStringLiteral("keys"))
                                         .toArray()) {
            if (key.toObject().value(QStringLiteral("state")).toString() == QLatin1String("active"))
                return key.toObject().value(QStringLiteral("kid")).toString();
        }
        return QString();
    };
    QCOMPARE(activeOnServer(), activeBefore);
    QTest::mouseClick(confirm, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->keys()->message().startsWith(QLatin1String("New active key")), 10000);
    QVERIFY(!panel->isVisible());
    const QString activeAfter = activeOnServer();
    QVERIFY(activeAfter != activeBefore);
    QVERIFY(m_window->keys()->message().contains(activeAfter));
    QTRY_VERIFY_WITH_TIMEOUT(table->rowCount() >= 2, 10000);
}

QTEST_MAIN(TestConsoleSession)
#include "TestConsoleSession.moc"
