#include "client/ApiClient.h"
#include "client/AuthSession.h"
#include "client/BreachResponse.h"
#include "client/ConsoleSettings.h"
#include "client/IncidentJournal.h"
#include "client/LanguageManager.h"
#include "client/SecretStore.h"
#include "support/TestServer.h"
#include "ui/BreachWizard.h"
#include "ui/MainWindow.h"

#include <QAbstractButton>
#include <QAction>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <QtTest>
#include <memory>

using namespace auth::console;
using auth::test::HttpReply;

namespace {
const QString AdminEmail = QStringLiteral("ir-admin@example.com");
const QString AdminPassword = QStringLiteral("Copper-Meadow-Signal-42");
constexpr int StepTimeoutMs = 30000;

QHash<QByteArray, QByteArray> bearer(const QByteArray& token)
{
    return {{"Authorization", "Bearer " + token}};
}
} // namespace

// The breach-response wizard driven through its widgets against the real
// server: contain, verify, preserve evidence, restore, report; refusals; resume.
class TestBreachWizard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void runStaysDisabledWithoutReasonAndConfirmation();
    void fullResponseIsVerifiedJournalledAndAudited();
    void menuOffersToResumeAnUnfinishedIncident();

private:
    template <typename T> T* find(const QString& name) const
    {
        T* child = m_wizard->findChild<T*>(name);
        if (!child)
            qFatal("no child %s", qPrintable(name));
        return child;
    }
    void makeWizard(IncidentJournal journal);
    void runAction(const QString& prefix, const QString& reason);

    auth::test::TestServer m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<AuthSession> m_session;
    std::unique_ptr<BreachWizard> m_wizard;
};

void TestBreachWizard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_server.bootstrapAdmin(AdminEmail, AdminPassword);
    m_server.setEnv(QStringLiteral("MFA_REQUIRED_FOR_ADMIN"), QStringLiteral("false"));
    QVERIFY2(m_server.start(), m_server.processOutput().constData());
}

void TestBreachWizard::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_client = std::make_unique<ApiClient>();
    ServerProfile profile;
    profile.url = QUrl(m_server.baseUrl());
    profile.pinnedSha256 = m_server.certificateSha256();
    QCOMPARE(m_client->setProfile(profile), QString());
    m_secrets = std::make_unique<SecretStore>();
    m_secrets->setServiceName(
        QStringLiteral("auth-console-wizard-test-%1").arg(QCoreApplication::applicationPid()));
    m_session = std::make_unique<AuthSession>(*m_client, *m_secrets);
    m_session->signIn(AdminEmail, AdminPassword);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->isSignedIn(), 15000);
}

void TestBreachWizard::cleanup()
{
    m_wizard.reset();
    if (m_session)
        m_session->signOut();
    QTest::qWait(100);
    m_session.reset();
    m_secrets.reset();
    m_client.reset();
    m_dir.reset();
}

void TestBreachWizard::makeWizard(IncidentJournal journal)
{
    m_wizard = std::make_unique<BreachWizard>(*m_session, *m_client, std::move(journal));
    m_wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_wizard.get()));
}

// Reason, preview, typed word, Run, and the verified result.
void TestBreachWizard::runAction(const QString& prefix, const QString& reason)
{
    auto* run = find<QPushButton>(prefix + QStringLiteral("RunButton"));
    auto* result = find<QLabel>(prefix + QStringLiteral("ResultLabel"));
    QVERIFY(!run->isEnabled());
    QTest::keyClicks(find<QLineEdit>(prefix + QStringLiteral("ReasonEdit")), reason);
    QTest::mouseClick(find<QPushButton>(prefix + QStringLiteral("PreviewButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        !find<QPlainTextEdit>(prefix + QStringLiteral("PreviewText"))->toPlainText().isEmpty(),
        StepTimeoutMs);
    QVERIFY2(find<QPlainTextEdit>(prefix + QStringLiteral("PreviewText"))
                 ->toPlainText()
                 .contains(QLatin1String("\"dry_run\": true")),
             qPrintable(find<QPlainTextEdit>(prefix + QStringLiteral("PreviewText"))->toPlainText()));
    QVERIFY(!run->isEnabled());
    QTest::keyClicks(find<QLineEdit>(prefix + QStringLiteral("ConfirmEdit")), prefix.toUpper());
    QTRY_VERIFY(run->isEnabled());
    QTest::mouseClick(run, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QLatin1String("Done:"))
                                 || result->text().startsWith(QLatin1String("Failed:")),
                             StepTimeoutMs);
    QVERIFY2(result->text().startsWith(QLatin1String("Done: Verified")), qPrintable(result->text()));
    QVERIFY(!run->isEnabled());
}

void TestBreachWizard::runStaysDisabledWithoutReasonAndConfirmation()
{
    auto journal = IncidentJournal::create(m_dir->path(), m_server.baseUrl(), AdminEmail, nullptr);
    QVERIFY(journal);
    JournalEntry assessed;
    assessed.step = QStringLiteral("assess");
    assessed.action = QStringLiteral("completed");
    assessed.outcome = QStringLiteral("ok");
    QVERIFY(journal->append(assessed));
    makeWizard(std::move(*journal));
    QCOMPARE(m_wizard->currentId(), int(BreachWizard::ContainPageId));

    auto* run = find<QPushButton>(QStringLiteral("isolateRunButton"));
    auto* preview = find<QPushButton>(QStringLiteral("isolatePreviewButton"));
    auto* reason = find<QLineEdit>(QStringLiteral("isolateReasonEdit"));
    auto* confirm = find<QLineEdit>(QStringLiteral("isolateConfirmEdit"));
    QVERIFY(!run->isEnabled());
    QVERIFY(!preview->isEnabled());
    QTest::keyClicks(confirm, QStringLiteral("ISOLATE"));
    QVERIFY(!run->isEnabled()); // no reason
    QTest::keyClicks(reason, QStringLiteral("INC-1 drill"));
    QVERIFY(!run->isEnabled()); // no preview yet
    QVERIFY(preview->isEnabled());
    QTest::mouseClick(preview, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(run->isEnabled(), StepTimeoutMs);
    confirm->clear();
    QTest::keyClicks(confirm, QStringLiteral("isolate"));
    QVERIFY(!run->isEnabled()); // the word must match exactly
    confirm->clear();
    QTest::keyClicks(confirm, QStringLiteral("ISOLATE"));
    QVERIFY(run->isEnabled());
    reason->clear();
    QVERIFY(!run->isEnabled()); // a new reason needs a new preview
    QTest::keyClicks(reason, QStringLiteral("INC-1 drill"));
    QVERIFY(!run->isEnabled());
    // Nothing ran: the service is not isolated and Next stays disabled.
    QCOMPARE(m_server.postJson(QStringLiteral("/api/v1/auth/login"), {}).status == 503, false);
    QVERIFY(!m_wizard->button(QWizard::NextButton)->isEnabled());
}

void TestBreachWizard::fullResponseIsVerifiedJournalledAndAudited()
{
    QString error;
    auto journal = IncidentJournal::create(m_dir->filePath(QStringLiteral("incidents")), m_server.baseUrl(),
                                           AdminEmail, &error);
    QVERIFY2(journal, qPrintable(error));
    const QString incident = journal->incidentId();
    const QString journalPath = journal->path();
    makeWizard(std::move(*journal));
    QCOMPARE(m_wizard->currentId(), int(BreachWizard::AssessPageId));

    // Assess runs on entry.
    QTRY_VERIFY_WITH_TIMEOUT(m_wizard->button(QWizard::NextButton)->isEnabled(), StepTimeoutMs);
    QVERIFY(
        find<QPlainTextEdit>(QStringLiteral("assessText"))->toPlainText().contains(QLatin1String("normal")));
    QTest::mouseClick(m_wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(m_wizard->currentId(), int(BreachWizard::ContainPageId));
    QVERIFY(!m_wizard->button(QWizard::NextButton)->isEnabled());

    // Isolate; an outsider's login is refused.
    runAction(QStringLiteral("isolate"), QStringLiteral("INC-7 credential stuffing"));
    QVERIFY(find<QLabel>(QStringLiteral("isolateResultLabel"))->text().contains(QLatin1String("503")));
    QCOMPARE(m_server.postJson(QStringLiteral("/api/v1/auth/login"), {}).status, 503);

    // Revoke all: the token from before is refused, the console carries on.
    const QByteArray before = m_client->accessToken();
    runAction(QStringLiteral("revoke"), QStringLiteral("INC-7 stolen sessions"));
    QCOMPARE(m_server.get(QStringLiteral("/admin/containment"), bearer(before)).status, 401);
    QVERIFY(m_session->isSignedIn());
    QVERIFY(m_client->accessToken() != before);
    QCOMPARE(m_server.get(QStringLiteral("/admin/containment"), bearer(m_client->accessToken())).status, 200);

    // Emergency rotation: JWKS changes.
    const QJsonArray keysBefore = m_server.get(QStringLiteral("/.well-known/jwks.json"))
                                      .json()
                                      .value(QStringLiteral("keys"))
                                      .toArray();
    runAction(QStringLiteral("rotate"), QStringLiteral("INC-7 key exposure"));
    const QJsonArray keysAfter = m_server.get(QStringLiteral("/.well-known/jwks.json"))
                                     .json()
                                     .value(QStringLiteral("keys"))
                                     .toArray();
    QStringList kidsAfter;
    for (const QJsonValue& key : keysAfter)
        kidsAfter.append(key.toObject().value(QStringLiteral("kid")).toString());
    for (const QJsonValue& key : keysBefore)
        QVERIFY(!kidsAfter.contains(key.toObject().value(QStringLiteral("kid")).toString()));
    QTRY_VERIFY_WITH_TIMEOUT(m_wizard->button(QWizard::NextButton)->isEnabled(), 5000);

    // Resume: the wizard made again for the journal continues at Evidence.
    m_wizard.reset();
    auto resumed = IncidentJournal::open(journalPath, &error);
    QVERIFY2(resumed, qPrintable(error));
    QVERIFY(IncidentJournal::unfinished(m_dir->filePath(QStringLiteral("incidents"))).contains(journalPath));
    makeWizard(std::move(*resumed));
    QCOMPARE(m_wizard->currentId(), int(BreachWizard::EvidencePageId));
    QVERIFY(find<QLabel>(QStringLiteral("revokeResultLabel"))->text().startsWith(QLatin1String("Done at")));
    QVERIFY(!find<QPushButton>(QStringLiteral("isolateRunButton"))->isEnabled());

    // Evidence: downloaded, verified, and the SHA-256 shown is the file's.
    const QString bundle = m_dir->filePath(QStringLiteral("evidence.tar.gz"));
    auto* path = find<QLineEdit>(QStringLiteral("evidencePathEdit"));
    path->clear();
    QTest::keyClicks(path, bundle);
    auto* download = find<QPushButton>(QStringLiteral("evidenceDownloadButton"));
    QVERIFY(!download->isEnabled()); // a reason first
    QTest::keyClicks(find<QLineEdit>(QStringLiteral("evidenceReasonEdit")), QStringLiteral("INC-7 preserve"));
    QVERIFY(download->isEnabled());
    QTest::mouseClick(download, Qt::LeftButton);
    auto* status = find<QLabel>(QStringLiteral("evidenceStatusLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QLatin1String("Verified"))
                                 || status->text().startsWith(QLatin1String("Failed")),
                             60000);
    QVERIFY2(status->text().startsWith(QLatin1String("Verified")), qPrintable(status->text()));
    QFile file(bundle);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QVERIFY(hash.addData(&file));
    const QString sha256 = QString::fromLatin1(hash.result().toHex());
    QCOMPARE(find<QLabel>(QStringLiteral("evidenceSha256Label"))->text(), sha256);
    QCOMPARE(file.permissions() & 0x0077, QFile::Permissions());
    const QString fingerprint
        = m_server.get(QStringLiteral("/admin/evidence/public-key"), bearer(m_client->accessToken()))
              .json()
              .value(QStringLiteral("fingerprint_sha256"))
              .toString();
    QVERIFY(!fingerprint.isEmpty());
    QVERIFY(find<QLabel>(QStringLiteral("evidenceFingerprintLabel"))->text().startsWith(fingerprint));
    QTRY_VERIFY(m_wizard->button(QWizard::NextButton)->isEnabled());
    QTest::mouseClick(m_wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(m_wizard->currentId(), int(BreachWizard::RecoverPageId));

    // Restore: logins are answered again.
    runAction(QStringLiteral("restore"), QStringLiteral("INC-7 contained"));
    QVERIFY(m_server.postJson(QStringLiteral("/api/v1/auth/login"), {}).status != 503);
    QTRY_VERIFY(m_wizard->button(QWizard::NextButton)->isEnabled());
    QTest::mouseClick(m_wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(m_wizard->currentId(), int(BreachWizard::ReportPageId));

    // Report: the PDF names the incident and every step.
    const QString pdf = m_dir->filePath(QStringLiteral("report.pdf"));
    auto* pdfPath = find<QLineEdit>(QStringLiteral("reportPathEdit"));
    pdfPath->clear();
    QTest::keyClicks(pdfPath, pdf);
    QVERIFY(!m_wizard->button(QWizard::FinishButton)->isEnabled());
    QTest::mouseClick(find<QPushButton>(QStringLiteral("reportWriteButton")), Qt::LeftButton);
    QTRY_VERIFY(
        find<QLabel>(QStringLiteral("reportStatusLabel"))->text().startsWith(QLatin1String("Written")));
    QVERIFY(m_wizard->button(QWizard::FinishButton)->isEnabled());
    QProcess pdftotext;
    pdftotext.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    QVERIFY(pdftotext.waitForFinished(30000));
    const QString text = QString::fromUtf8(pdftotext.readAllStandardOutput());
    QString compact = text; // ids and hashes as one word even where a line was broken
    compact.remove(QRegularExpression(QStringLiteral("\\s")));
    QVERIFY2(text.contains(QLatin1String("Incident Report")), qPrintable(text.left(2000)));
    QVERIFY2(compact.contains(incident), qPrintable(text));
    for (BreachResponse::Step step : BreachResponse::steps())
        QVERIFY2(text.contains(BreachResponse::stepTitle(step)), qPrintable(BreachResponse::stepTitle(step)));
    QVERIFY2(compact.contains(sha256), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("Emergency key rotation: completed")));

    // The journal is closed, and holds no token.
    QVERIFY(IncidentJournal::unfinished(m_dir->filePath(QStringLiteral("incidents"))).isEmpty());
    QFile journalFile(journalPath);
    QVERIFY(journalFile.open(QIODevice::ReadOnly));
    const QByteArray journalText = journalFile.readAll();
    QVERIFY(!journalText.contains(before));
    QVERIFY(!journalText.contains(m_client->accessToken()));
    QVERIFY(!journalText.contains(AdminPassword.toUtf8()));

    // The server's audit trail confirms every step of this incident.
    QTRY_COMPARE_WITH_TIMEOUT(m_wizard->runner().pendingServerEntries(), 0, 15000);
    const QUrlQuery query {{QStringLiteral("type"), QStringLiteral("admin_action")},
                           {QStringLiteral("q"), incident},
                           {QStringLiteral("limit"), QStringLiteral("500")}};
    QSet<QString> completed;
    QSet<QString> actions;
    auto readAuditTrail = [&] {
        completed.clear();
        actions.clear();
        const HttpReply events
            = m_server.get(QStringLiteral("/admin/events?") + query.toString(QUrl::FullyEncoded),
                           bearer(m_client->accessToken()));
        if (events.status != 200)
            qWarning() << "GET /admin/events:" << events.status << events.body.left(300);
        for (const QJsonValue& value : events.json().value(QStringLiteral("events")).toArray()) {
            const QJsonObject details = value.toObject().value(QStringLiteral("details")).toObject();
            const QJsonObject parameters = details.value(QStringLiteral("parameters")).toObject();
            actions.insert(details.value(QStringLiteral("action")).toString());
            if (details.value(QStringLiteral("action")) == QLatin1String("incident.journal")
                && parameters.value(QStringLiteral("action")) == QLatin1String("completed")
                && parameters.value(QStringLiteral("outcome")) == QLatin1String("ok"))
                completed.insert(parameters.value(QStringLiteral("step")).toString());
        }
        if (completed.size() != BreachResponse::steps().size()) {
            qWarning() << "audit trail so far:" << completed;
            for (const JournalEntry& entry : m_wizard->journal().entries()) {
                if (entry.action == QLatin1String("server_journal_failed"))
                    qWarning() << "journal:" << entry.details;
            }
        }
        return completed.size();
    };
    // The event store takes writes in the background: the last entry may land a moment later.
    QTRY_COMPARE_WITH_TIMEOUT(readAuditTrail(), int(BreachResponse::steps().size()), 10000);
    for (BreachResponse::Step step : BreachResponse::steps())
        QVERIFY2(completed.contains(BreachResponse::stepName(step)),
                 qPrintable(BreachResponse::stepName(step)));
    // The emergency calls themselves carry the incident id in their audit events.
    for (const char* action : {"containment.isolate", "sessions.revoke_all", "keys.rotate", "evidence.export",
                               "containment.restore"})
        QVERIFY2(actions.contains(QLatin1String(action)), action);
}

// Incident > Breach Response (Ctrl+Shift+B, in the help list) offers to resume
// the unfinished incident of the connected server and opens it at its page.
void TestBreachWizard::menuOffersToResumeAnUnfinishedIncident()
{
    ConsoleSettings settings(m_dir->filePath(QStringLiteral("console.ini")));
    LanguageManager languages;
    QVERIFY(languages.setLanguage(QStringLiteral("en")));
    MainWindow window(settings, languages);
    window.secrets().setServiceName(
        QStringLiteral("auth-console-wizard-menu-%1").arg(QCoreApplication::applicationPid()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ServerProfile profile;
    profile.url = QUrl(m_server.baseUrl());
    profile.pinnedSha256 = m_server.certificateSha256();
    window.connectTo(profile);
    auto* action = window.findChild<QAction*>(QStringLiteral("breachResponseAction"));
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));

    window.findChild<QAction*>(QStringLiteral("shortcutsAction"))->trigger();
    auto* shortcuts = window.findChild<QMessageBox*>(QStringLiteral("shortcutsDialog"));
    QTRY_VERIFY(shortcuts && shortcuts->isVisible());
    QVERIFY(shortcuts->text().contains(QLatin1String("Ctrl+Shift+B")));
    shortcuts->close();

    window.session().signIn(AdminEmail, AdminPassword);
    QTRY_VERIFY_WITH_TIMEOUT(window.session().isSignedIn(), 15000);
    auto journal
        = IncidentJournal::create(IncidentJournal::defaultDirectory(), profile.origin(), AdminEmail, nullptr);
    QVERIFY(journal);
    const QString path = journal->path();
    JournalEntry assessed;
    assessed.step = QStringLiteral("assess");
    assessed.action = QStringLiteral("completed");
    assessed.outcome = QStringLiteral("ok");
    QVERIFY(journal->append(assessed));

    action->trigger();
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = window.findChild<QMessageBox*>(QStringLiteral("resumeIncidentBox")))
                && box->isVisible());
    QVERIFY(box->text().contains(journal->incidentId()));
    QTest::mouseClick(box->findChild<QPushButton*>(QStringLiteral("resumeIncidentButton")), Qt::LeftButton);
    QTRY_VERIFY(window.breachWizard() && window.breachWizard()->isVisible());
    QCOMPARE(window.breachWizard()->journal().incidentId(), journal->incidentId());
    QCOMPARE(window.breachWizard()->currentId(), int(BreachWizard::ContainPageId));
    window.breachWizard()->close();
    window.session().signOut();
    QFile::remove(path);
}

QTEST_MAIN(TestBreachWizard)
#include "TestBreachWizard.moc"
