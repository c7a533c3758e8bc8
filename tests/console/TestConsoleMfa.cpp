#include "client/ConsoleSettings.h"
#include "client/LanguageManager.h"
#include "support/TestServer.h"
#include "support/Totp.h"
#include "ui/MainWindow.h"
#include "ui/NoticeBanner.h"

#include <QComboBox>
#include <QDialog>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace auth::console;
using auth::test::oathCode;

namespace {
const QString AdminEmail = QStringLiteral("mfa-admin@example.com");
const QString AdminPassword = QStringLiteral("Copper-Thistle-Harbor-93");
} // namespace

// Signing in with a second factor from the window against the real MFA server:
// the admin has TOTP enrolled (codes from oathtool, an independent generator),
// the dialog's code step, a wrong code, and a backup code.
class TestConsoleMfa : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void totpStepSignsIn();
    void backupCodeSignsInOnce();

private:
    template <typename T> T* find(QObject* parent, const QString& name) const
    {
        T* child = parent->findChild<T*>(name);
        if (!child)
            qFatal("no child %s", qPrintable(name));
        return child;
    }
    QDialog* passwordStep();
    void submitCode(QDialog* dialog, const QString& method, const QString& code);
    QString wrongCode() const;

    auth::test::TestServer m_server;
    QString m_secret;
    QStringList m_backupCodes;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ConsoleSettings> m_settings;
    std::unique_ptr<LanguageManager> m_languages;
    std::unique_ptr<MainWindow> m_window;
};

void TestConsoleMfa::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_server.bootstrapAdmin(AdminEmail, AdminPassword);
    QVERIFY2(m_server.start(), m_server.processOutput().constData());

    // Enrol TOTP for the admin through the API, as the admin would from any client.
    const auto login = m_server.postJson(
        QStringLiteral("/api/v1/auth/login"),
        {{QStringLiteral("email"), AdminEmail}, {QStringLiteral("password"), AdminPassword}});
    QCOMPARE(login.status, 200);
    const QByteArray token = login.json().value(QStringLiteral("access_token")).toString().toLatin1();
    QVERIFY(!token.isEmpty());
    const QHash<QByteArray, QByteArray> bearer {{"Authorization", "Bearer " + token}};
    const auto enroll = m_server.request("POST", QStringLiteral("/api/v1/mfa/totp/enroll"), {}, bearer);
    QCOMPARE(enroll.status, 200);
    m_secret = enroll.json().value(QStringLiteral("secret")).toString();
    QVERIFY(!m_secret.isEmpty());
    // Confirm with the previous 30 s step's code, so the current step's code is
    // still unused when the dialog sends it; start early enough in a step that
    // the test and the server agree on which one that is.
    const qint64 intoStep = QDateTime::currentMSecsSinceEpoch() % 30'000;
    if (intoStep > 20'000)
        QTest::qWait(int(30'000 - intoStep + 200));
    const auto confirm = m_server.postJson(QStringLiteral("/api/v1/mfa/totp/confirm"),
                                           {{QStringLiteral("code"), oathCode(m_secret, -30)}}, bearer);
    QVERIFY2(confirm.status == 200, confirm.body.constData());
    for (const QJsonValue& code : confirm.json().value(QStringLiteral("backup_codes")).toArray())
        m_backupCodes.append(code.toString());
    QVERIFY(m_backupCodes.size() >= 2);
    // From now on the password alone is not enough.
    const auto again = m_server.postJson(
        QStringLiteral("/api/v1/auth/login"),
        {{QStringLiteral("email"), AdminEmail}, {QStringLiteral("password"), AdminPassword}});
    QVERIFY2(again.json().value(QStringLiteral("mfa_required")).toBool(), again.body.constData());
}

void TestConsoleMfa::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<ConsoleSettings>(m_dir->filePath(QStringLiteral("console.ini")));
    m_languages = std::make_unique<LanguageManager>();
    QVERIFY(m_languages->setLanguage(QStringLiteral("en")));
    m_window = std::make_unique<MainWindow>(*m_settings, *m_languages);
    m_window->secrets().setServiceName(
        QStringLiteral("auth-console-mfa-test-%1").arg(QCoreApplication::applicationPid()));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    ServerProfile profile;
    profile.url = QUrl(m_server.baseUrl());
    profile.pinnedSha256 = m_server.certificateSha256();
    m_window->connectTo(profile);
}

void TestConsoleMfa::cleanup()
{
    if (m_window)
        m_window->session().signOut();
    m_window.reset();
    m_languages.reset();
    m_settings.reset();
    m_dir.reset();
}

// Opens the dialog from the session banner and sends the right password; returns
// the dialog once it shows the code step.
QDialog* TestConsoleMfa::passwordStep()
{
    auto* banner = find<NoticeBanner>(m_window.get(), QStringLiteral("sessionBanner"));
    if (!QTest::qWaitFor([banner] { return banner->isVisible() && banner->button()->isVisible(); }, 15000))
        return nullptr;
    QTest::mouseClick(banner->button(), Qt::LeftButton);
    auto* dialog = find<QDialog>(m_window.get(), QStringLiteral("loginDialog"));
    auto* email = find<QLineEdit>(dialog, QStringLiteral("emailEdit"));
    auto* password = find<QLineEdit>(dialog, QStringLiteral("passwordEdit"));
    auto* code = find<QLineEdit>(dialog, QStringLiteral("codeEdit"));
    email->clear();
    QTest::keyClicks(email, AdminEmail);
    QTest::keyClicks(password, AdminPassword);
    QTest::mouseClick(find<QPushButton>(dialog, QStringLiteral("signInButton")), Qt::LeftButton);
    if (!QTest::qWaitFor([code] { return code->isVisible(); }, 15000))
        return nullptr;
    return dialog;
}

void TestConsoleMfa::submitCode(QDialog* dialog, const QString& method, const QString& code)
{
    auto* methods = find<QComboBox>(dialog, QStringLiteral("methodCombo"));
    const int index = methods->findData(method);
    QVERIFY2(index >= 0, qPrintable(method));
    methods->setCurrentIndex(index);
    auto* edit = find<QLineEdit>(dialog, QStringLiteral("codeEdit"));
    QTest::keyClicks(edit, code);
    auto* verify = find<QPushButton>(dialog, QStringLiteral("signInButton"));
    QVERIFY(verify->isEnabled());
    QTest::mouseClick(verify, Qt::LeftButton);
    QVERIFY(edit->text().isEmpty()); // the code does not linger in the widget
}

// A six-digit code that is none of those valid around now.
QString TestConsoleMfa::wrongCode() const
{
    QStringList valid;
    for (int offset = -90; offset <= 90; offset += 30)
        valid.append(oathCode(m_secret, offset));
    for (int candidate = 135792;; candidate += 111111) {
        const QString code = QString::number(candidate % 1000000).rightJustified(6, QLatin1Char('0'));
        if (!valid.contains(code))
            return code;
    }
}

void TestConsoleMfa::totpStepSignsIn()
{
    QDialog* dialog = passwordStep();
    QVERIFY2(dialog, "the TOTP step did not appear");
    QCOMPARE(m_window->session().state(), AuthSession::State::SecondFactor);
    auto* message = find<QLabel>(dialog, QStringLiteral("loginMessageLabel"));
    auto* methods = find<QComboBox>(dialog, QStringLiteral("methodCombo"));
    QVERIFY(methods->findData(QStringLiteral("totp")) >= 0);
    QVERIFY(methods->findData(QStringLiteral("backup_code")) >= 0);
    QCOMPARE(find<QPushButton>(dialog, QStringLiteral("signInButton"))->text(), QStringLiteral("&Verify"));
    auto* userLabel = find<QLabel>(m_window.get(), QStringLiteral("userStatusLabel"));
    QCOMPARE(userLabel->text(), QStringLiteral("Not signed in"));

    // A wrong code is told in the dialog, which stays on the code step.
    const QString wrong = wrongCode();
    submitCode(dialog, QStringLiteral("totp"), wrong);
    QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(QLatin1String("code was not accepted")), 15000);
    QVERIFY(dialog->isVisible());
    QVERIFY(find<QLineEdit>(dialog, QStringLiteral("codeEdit"))->isVisible());
    QVERIFY(!find<QLineEdit>(dialog, QStringLiteral("passwordEdit"))->isVisible());
    QCOMPARE(m_window->session().state(), AuthSession::State::SecondFactor);
    QCOMPARE(userLabel->text(), QStringLiteral("Not signed in"));
    QVERIFY(m_window->connection().client().accessToken().isEmpty());

    // The right code from the authenticator signs in.
    submitCode(dialog, QStringLiteral("totp"), oathCode(m_secret));
    QTRY_COMPARE_WITH_TIMEOUT(userLabel->text(), QStringLiteral("User: %1").arg(AdminEmail), 15000);
    QVERIFY(!dialog->isVisible());
    QVERIFY(m_window->session().roles().contains(QStringLiteral("admin")));
    const auto me
        = m_server.get(QStringLiteral("/api/v1/auth/me"),
                       {{"Authorization", "Bearer " + m_window->connection().client().accessToken()}});
    QCOMPARE(me.status, 200);

    // The server recorded the refused and the accepted code; no code reached its logs.
    QTRY_VERIFY_WITH_TIMEOUT(
        [this] {
            int failed = 0;
            int passed = 0;
            for (const QJsonObject& event : m_server.securityLog()) {
                if (event.value(QStringLiteral("event")).toString() != QLatin1String("mfa_verification"))
                    continue;
                const QString result = event.value(QStringLiteral("result")).toString()
                    + event.value(QStringLiteral("details"))
                          .toObject()
                          .value(QStringLiteral("result"))
                          .toString();
                (result.contains(QLatin1String("success")) ? passed : failed) += 1;
            }
            return failed >= 1 && passed >= 1;
        }(),
        5000);
    QFile log(m_server.logDir() + QStringLiteral("/security.log"));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY(!log.readAll().contains(wrong.toLatin1()));
}

void TestConsoleMfa::backupCodeSignsInOnce()
{
    const QString backup = m_backupCodes.first();
    QDialog* dialog = passwordStep();
    QVERIFY2(dialog, "the code step did not appear");
    submitCode(dialog, QStringLiteral("backup_code"), backup);
    auto* userLabel = find<QLabel>(m_window.get(), QStringLiteral("userStatusLabel"));
    QTRY_COMPARE_WITH_TIMEOUT(userLabel->text(), QStringLiteral("User: %1").arg(AdminEmail), 15000);
    QVERIFY(!dialog->isVisible());

    // A backup code is good once: signed out, the same code is refused.
    find<QAction>(m_window.get(), QStringLiteral("signOutAction"))->trigger();
    QTRY_COMPARE(userLabel->text(), QStringLiteral("Not signed in"));
    dialog = passwordStep();
    QVERIFY2(dialog, "the code step did not appear the second time");
    submitCode(dialog, QStringLiteral("backup_code"), backup);
    auto* message = find<QLabel>(dialog, QStringLiteral("loginMessageLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(QLatin1String("code was not accepted")), 15000);
    QCOMPARE(m_window->session().state(), AuthSession::State::SecondFactor);
    QCOMPARE(userLabel->text(), QStringLiteral("Not signed in"));

    // Another of the admin's backup codes still works.
    submitCode(dialog, QStringLiteral("backup_code"), m_backupCodes.at(1));
    QTRY_COMPARE_WITH_TIMEOUT(userLabel->text(), QStringLiteral("User: %1").arg(AdminEmail), 15000);
}

QTEST_MAIN(TestConsoleMfa)
#include "TestConsoleMfa.moc"
