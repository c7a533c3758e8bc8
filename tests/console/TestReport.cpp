#include "client/ConsoleSettings.h"
#include "client/LanguageManager.h"
#include "client/ReportData.h"
#include "client/SecretStore.h"
#include "support/TestServer.h"
#include "ui/MainWindow.h"
#include "ui/ReportDialog.h"
#include "ui/ReportWriter.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace auth::console;

namespace {
const QString AdminEmail = QStringLiteral("report-admin@example.com");
const QString AdminPassword = QStringLiteral("Copper-Heron-Valley-42");
const QString VictimEmail = QStringLiteral("locked-victim@example.com");
const QString VictimPassword = QStringLiteral("Amber-Falcon-River-93");
const QByteArray AttackerIp = "203.0.113.77";
const QStringList SectionTitles {
    QStringLiteral("Security Metrics Report"), QStringLiteral("Summary"),
    QStringLiteral("Metrics Charts"),          QStringLiteral("Top Failing Source IPs"),
    QStringLiteral("Account Lockouts"),        QStringLiteral("Alerts"),
    QStringLiteral("Compliance Violations"),   QStringLiteral("Signing Key Ages")};

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString& program, const QStringList& arguments, const QProcessEnvironment& environment = {},
        int timeoutMs = 120000)
{
    QProcess process;
    if (!environment.isEmpty())
        process.setProcessEnvironment(environment);
    process.start(program, arguments);
    Run result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = "timed out";
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QString pdfText(const QString& file, int page = 0)
{
    QStringList arguments {QStringLiteral("-layout")};
    if (page > 0)
        arguments << QStringLiteral("-f") << QString::number(page) << QStringLiteral("-l")
                  << QString::number(page);
    arguments << file << QStringLiteral("-");
    return QString::fromUtf8(run(QStringLiteral("pdftotext"), arguments).out);
}

QString pdfInfo(const QString& file)
{
    return QString::fromUtf8(run(QStringLiteral("pdfinfo"), {file}).out);
}

int pageCount(const QString& info)
{
    static const QRegularExpression pages(QStringLiteral("Pages:\\s+(\\d+)"));
    return pages.match(info).captured(1).toInt();
}

QByteArray fileSha256(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}
} // namespace

// Metrics reports against a real server with some activity (logins, failures
// from one address, a lockout, a key rotation): through File → Export Report…
// and through `auth-console --export-report`, checked with poppler's tools.
class TestReport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void periodsParse();
    void canonicalDataHashesStably();
    void longTablesContinueAcrossPages();
    void exportThroughTheWindow();
    void exportFromTheCommandLine();
    void badTokenExitsOne();
    void usageErrorsExitTwo();
    void unreachableOrUntrustedExitsThree();
    void keychainSessionIsUsed();
    void germanReport();

private:
    QByteArray adminToken() const;
    void checkReport(const QString& pdf, const QString& data, const QString& text);
    QProcessEnvironment headless() const;
    void startServer();

    auth::test::TestServer m_server;
    bool m_serverTried = false;
    bool m_serverReady = false;
    QTemporaryDir m_dir;
    QStringList m_keyIds;
    std::unique_ptr<ConsoleSettings> m_settings;
    std::unique_ptr<LanguageManager> m_languages;
    std::unique_ptr<MainWindow> m_window;
};

void TestReport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty(),
             "pdftotext (poppler-utils, scripts/install-deps) is needed");
}

// The server and its activity, made once by the first test that needs them.
void TestReport::startServer()
{
    if (m_serverTried) {
        QVERIFY2(m_serverReady, "the server did not start");
        return;
    }
    m_serverTried = true;
    m_server.bootstrapAdmin(AdminEmail, AdminPassword);
    m_server.setEnv(QStringLiteral("LOCKOUT_THRESHOLD"), QStringLiteral("3"));
    m_server.setEnv(QStringLiteral("TRUSTED_PROXIES"), QStringLiteral("127.0.0.1/32"));
    QVERIFY2(m_server.start(), m_server.processOutput().constData());

    const auto registered = m_server.postJson(QStringLiteral("/api/v1/auth/register"),
                                              {{QStringLiteral("email"), VictimEmail},
                                               {QStringLiteral("password"), VictimPassword},
                                               {QStringLiteral("name"), QStringLiteral("Victim")}});
    QVERIFY2(registered.status == 201 || registered.status == 200, registered.body.constData());
    // Wrong passwords from one address until the account locks.
    for (int i = 0; i < 4; ++i) {
        const auto failed
            = m_server.postJson(QStringLiteral("/api/v1/auth/login"),
                                {{QStringLiteral("email"), VictimEmail},
                                 {QStringLiteral("password"), QStringLiteral("wrong-%1").arg(i)}},
                                {{"X-Forwarded-For", AttackerIp}});
        QVERIFY2(failed.status == 401 || failed.status == 423 || failed.status == 403,
                 failed.body.constData());
    }
    const QByteArray token = adminToken();
    QVERIFY(!token.isEmpty());
    // The event store writes behind the request; wait until the activity is queryable.
    auto stored = [this, &token](const QString& query) {
        return m_server.get(QStringLiteral("/admin/events?") + query, {{"Authorization", "Bearer " + token}})
            .json()
            .value(QStringLiteral("events"))
            .toArray()
            .size();
    };
    QTRY_COMPARE_WITH_TIMEOUT(stored(QStringLiteral("type=account_locked")), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(stored(QStringLiteral("type=authentication_failure&ip=203.0.113.77")), 4,
                              10000);
    const auto rotated
        = m_server.postJson(QStringLiteral("/admin/keys/rotate"), {}, {{"Authorization", "Bearer " + token}});
    QVERIFY2(rotated.status == 200, rotated.body.constData());
    const auto keys = m_server.get(QStringLiteral("/admin/keys"), {{"Authorization", "Bearer " + token}});
    QCOMPARE(keys.status, 200);
    for (const QJsonValue& key : keys.json().value(QStringLiteral("keys")).toArray())
        m_keyIds.append(key.toObject().value(QStringLiteral("kid")).toString());
    QVERIFY(m_keyIds.size() >= 2);
    m_serverReady = true;
}

void TestReport::cleanup()
{
    if (m_window)
        m_window->session().signOut();
    m_window.reset();
    m_languages.reset();
    m_settings.reset();
}

QByteArray TestReport::adminToken() const
{
    const auto login = m_server.postJson(
        QStringLiteral("/api/v1/auth/login"),
        {{QStringLiteral("email"), AdminEmail}, {QStringLiteral("password"), AdminPassword}});
    return login.json().value(QStringLiteral("access_token")).toString().toLatin1();
}

QProcessEnvironment TestReport::headless() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // No display and no platform chosen: the command must pick the headless one itself.
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    environment.remove(QStringLiteral("AUTH_CONSOLE_TOKEN"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    return environment;
}

void TestReport::periodsParse()
{
    const QDateTime now(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC);
    QCOMPARE(ReportData::parseTime(QStringLiteral("24h"), now), now.addDays(-1));
    QCOMPARE(ReportData::parseTime(QStringLiteral("90m"), now), now.addSecs(-90 * 60));
    QCOMPARE(ReportData::parseTime(QStringLiteral("7d"), now), now.addDays(-7));
    QCOMPARE(ReportData::parseTime(QStringLiteral("2026-03-09T08:30:00Z"), now),
             QDateTime(QDate(2026, 3, 9), QTime(8, 30), Qt::UTC));
    QCOMPARE(ReportData::parseTime(QStringLiteral("2026-03-09T10:30:00+02:00"), now),
             QDateTime(QDate(2026, 3, 9), QTime(8, 30), Qt::UTC));
    // A time without a zone would mean different hours on different hosts.
    QVERIFY(!ReportData::parseTime(QStringLiteral("2026-03-09T08:30:00"), now).isValid());
    QVERIFY(!ReportData::parseTime(QStringLiteral("yesterday"), now).isValid());
    QVERIFY(!ReportData::parseTime(QStringLiteral("-5h"), now).isValid());
    QCOMPARE(ReportData::seriesRangeFor(now.addSecs(-600), now), QStringLiteral("15m"));
    QCOMPARE(ReportData::seriesRangeFor(now.addSecs(-3600), now), QStringLiteral("1h"));
    QCOMPARE(ReportData::seriesRangeFor(now.addDays(-1), now), QStringLiteral("24h"));
    QCOMPARE(ReportData::seriesRangeFor(now.addDays(-3), now), QStringLiteral("7d"));
}

void TestReport::canonicalDataHashesStably()
{
    ReportData data;
    data.json = {{QStringLiteral("format"), QLatin1String(ReportData::Format)},
                 {QStringLiteral("zeta"), 1.5},
                 {QStringLiteral("alpha"), QJsonArray {QStringLiteral("ä"), 2}}};
    QCOMPARE(data.canonical(),
             QByteArray(R"({"alpha":["ä",2],"format":"auth-console-report/1","zeta":1.5})"));
    QCOMPARE(data.sha256Hex(),
             QCryptographicHash::hash(data.canonical(), QCryptographicHash::Sha256).toHex());
    const auto again = ReportData::fromCanonical(data.canonical());
    QVERIFY(again);
    QCOMPARE(again->sha256Hex(), data.sha256Hex());
    QString error;
    QVERIFY(!ReportData::fromCanonical(R"({"format":"other"})", &error));
    QVERIFY(!error.isEmpty());
}

void TestReport::longTablesContinueAcrossPages()
{
    ReportData data;
    QJsonArray lockouts, ips;
    for (int i = 0; i < 400; ++i)
        lockouts.append(QJsonObject {
            {QStringLiteral("time"),
             QStringLiteral("2026-03-09T08:%1:00Z").arg(i % 60, 2, 10, QLatin1Char('0'))},
            {QStringLiteral("user"), QStringLiteral("user%1@example.com").arg(i, 4, 10, QLatin1Char('0'))},
            {QStringLiteral("source_ip"), QStringLiteral("198.51.100.%1").arg(i % 250)},
            {QStringLiteral("reason"), QStringLiteral("too_many_failures")},
            {QStringLiteral("by_admin"), false},
            {QStringLiteral("locked_until"), 1773045000 + i}});
    for (int i = 0; i < 50; ++i)
        ips.append(QJsonObject {{QStringLiteral("ip"), QStringLiteral("192.0.2.%1").arg(i)},
                                {QStringLiteral("failures"), 500 - i},
                                {QStringLiteral("accounts"), 3},
                                {QStringLiteral("last_seen"), QStringLiteral("2026-03-09T09:00:00Z")}});
    data.json = {{QStringLiteral("format"), QLatin1String(ReportData::Format)},
                 {QStringLiteral("server"), QStringLiteral("https://auth.example.com")},
                 {QStringLiteral("author"), QStringLiteral("soc@example.com")},
                 {QStringLiteral("generated_at"), QStringLiteral("2026-03-10T12:00:00Z")},
                 {QStringLiteral("period"),
                  QJsonObject {{QStringLiteral("from"), QStringLiteral("2026-03-09T12:00:00Z")},
                               {QStringLiteral("to"), QStringLiteral("2026-03-10T12:00:00Z")}}},
                 {QStringLiteral("lockouts"),
                  QJsonObject {{QStringLiteral("items"), lockouts}, {QStringLiteral("truncated"), false}}},
                 {QStringLiteral("failed_logins"),
                  QJsonObject {{QStringLiteral("top_ips"), ips}, {QStringLiteral("events"), 20000}}}};
    const QString pdf = m_dir.filePath(QStringLiteral("long.pdf"));
    int pages = 0;
    QString error;
    QVERIFY2(ReportWriter::write(data, pdf, &error, &pages), qPrintable(error));
    const QString info = pdfInfo(pdf);
    QCOMPARE(pageCount(info), pages);
    QCOMPARE(ReportWriter::pageCount(data), pages);
    QVERIFY2(pages >= 8, qPrintable(info));
    static const QRegularExpression a4(
        QStringLiteral("Page size:\\s+595(\\.\\d+)? x 84[12](\\.\\d+)? pts \\(A4\\)"));
    QVERIFY2(a4.match(info).hasMatch(), qPrintable(info));

    const QString all = pdfText(pdf);
    for (int i = 0; i < 400; ++i)
        QVERIFY2(all.contains(QStringLiteral("user%1@example.com").arg(i, 4, 10, QLatin1Char('0'))),
                 qPrintable(QString::number(i)));
    int continued = 0;
    for (int page = 1; page <= pages; ++page) {
        const QString text = pdfText(pdf, page);
        QVERIFY2(text.contains(QStringLiteral("Page %1 of %2").arg(page).arg(pages)), qPrintable(text));
        QVERIFY(text.contains(QString::fromLatin1(data.sha256Hex())));
        if (text.contains(QLatin1String("Account Lockouts (continued)"))) {
            ++continued;
            // The header row is repeated on every page the table continues on.
            QVERIFY2(text.contains(QLatin1String("Locked until")), qPrintable(text));
        }
    }
    QVERIFY2(continued >= 5, qPrintable(QString::number(continued)));
}

void TestReport::checkReport(const QString& pdf, const QString& data, const QString& text)
{
    for (const QString& title : SectionTitles)
        QVERIFY2(text.contains(title), qPrintable(title));
    QVERIFY2(text.contains(QString::fromLatin1(AttackerIp)), qPrintable(text));
    QVERIFY2(text.contains(VictimEmail), qPrintable(text));
    for (const QString& kid : m_keyIds)
        QVERIFY2(text.contains(kid), qPrintable(kid));
    QVERIFY(text.contains(m_server.baseUrl()));
    QVERIFY(text.contains(AdminEmail)); // the author
    // Chart titles and axis labels are text in the PDF, not pixels.
    for (const char* chartText :
         {"MFA challenge success rate", "Token issuance per minute", "threshold 95 %", "p95 ms", "100%"})
        QVERIFY2(text.contains(QLatin1String(chartText)),
                 qPrintable(QLatin1String(chartText) + u'\n' + text));

    const QString info = pdfInfo(pdf);
    const int pages = pageCount(info);
    QVERIFY2(pages >= 3, qPrintable(info));
    QVERIFY2(info.contains(QLatin1String("(A4)")), qPrintable(info));
    QVERIFY(text.contains(QStringLiteral("Page 1 of %1").arg(pages)));
    QVERIFY(text.contains(QStringLiteral("Page %1 of %1").arg(pages)));

    // The footer's hash is the SHA-256 of the saved data.
    const QByteArray hash = fileSha256(data);
    QCOMPARE(hash.size(), 64);
    QStringList footers;
    for (const QString& line : text.split(u'\n')) {
        if (line.contains(QLatin1String("SHA-256 of the report data")))
            footers.append(line.trimmed());
    }
    QVERIFY2(text.count(QString::fromLatin1(hash)) == pages,
             qPrintable(QString::fromLatin1(hash) + u'\n' + footers.join(u'\n')));

    // Vector: no raster image at all (pdfimages lists a two-line header only).
    const Run images = run(QStringLiteral("pdfimages"), {QStringLiteral("-list"), pdf});
    QCOMPARE(images.exitCode, 0);
    QVERIFY2(images.out.trimmed().split('\n').size() <= 2, images.out.constData());
}

void TestReport::exportThroughTheWindow()
{
    startServer();
    if (QTest::currentTestFailed())
        return;
    m_settings = std::make_unique<ConsoleSettings>(m_dir.filePath(QStringLiteral("console.ini")));
    m_languages = std::make_unique<LanguageManager>();
    QVERIFY(m_languages->setLanguage(QStringLiteral("en")));
    m_window = std::make_unique<MainWindow>(*m_settings, *m_languages);
    m_window->secrets().setServiceName(
        QStringLiteral("auth-console-test-%1").arg(QCoreApplication::applicationPid()));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

    auto* action = m_window->findChild<QAction*>(QStringLiteral("exportReportAction"));
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+E")));
    QVERIFY(!action->isEnabled()); // not signed in yet

    ServerProfile profile;
    profile.url = QUrl(m_server.baseUrl());
    profile.pinnedSha256 = m_server.certificateSha256();
    m_window->connectTo(profile);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->connection().state() == ServerConnection::State::Online, 15000);
    m_window->session().signIn(AdminEmail, AdminPassword);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session().isSignedIn(), 15000);
    QTRY_VERIFY(action->isEnabled());

    action->trigger();
    auto* dialog = m_window->findChild<ReportDialog*>(QStringLiteral("reportDialog"));
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    const QString pdf = m_dir.filePath(QStringLiteral("window.pdf"));
    dialog->setFileName(pdf);
    dialog->setPeriod(QStringLiteral("1h"));
    dialog->setSaveData(true);
    auto* exportButton = dialog->findChild<QPushButton*>(QStringLiteral("reportExportButton"));
    auto* message = dialog->findChild<QLabel*>(QStringLiteral("reportMessageLabel"));
    QVERIFY(exportButton->isEnabled());

    // The window keeps answering while the report is fetched and written.
    QElapsedTimer sinceTick;
    qint64 longestStall = 0;
    QTimer ticker;
    ticker.setInterval(5);
    connect(&ticker, &QTimer::timeout, this,
            [&] { longestStall = std::max(longestStall, sinceTick.restart()); });
    QSignalSpy written(dialog, &ReportDialog::reportWritten);
    sinceTick.start();
    ticker.start();
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QVERIFY(!exportButton->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(written.size(), 1, 60000);
    ticker.stop();
    qInfo("longest event-loop stall while exporting: %lld ms", longestStall);
    // Charts are drawn on the GUI thread (tens of ms), the pages on a worker; a
    // machine shared with parallel compilers may stall on its own, hence the margin.
    const qint64 stallLimit = qEnvironmentVariableIsSet("AUTH_STALL_LIMIT_MS")
        ? qEnvironmentVariableIntValue("AUTH_STALL_LIMIT_MS")
        : 1000;
    QVERIFY2(longestStall < stallLimit, qPrintable(QString::number(longestStall)));
    QVERIFY2(message->text().contains(QLatin1String("Report written")), qPrintable(message->text()));
    QVERIFY(QFile::exists(pdf));
    QVERIFY(exportButton->isEnabled());

    checkReport(pdf, ReportWriter::dataFileName(pdf), pdfText(pdf));
    // Nothing secret in the data that was saved.
    QFile data(ReportWriter::dataFileName(pdf));
    QVERIFY(data.open(QIODevice::ReadOnly));
    const QByteArray bytes = data.readAll();
    QVERIFY(!bytes.contains(m_window->connection().client().accessToken()));
    QVERIFY(!bytes.contains(AdminPassword.toUtf8()));
    QVERIFY(!bytes.contains(VictimPassword.toUtf8()));
}

void TestReport::exportFromTheCommandLine()
{
    startServer();
    if (QTest::currentTestFailed())
        return;
    const QByteArray token = adminToken();
    QProcessEnvironment environment = headless();
    environment.insert(QStringLiteral("AUTH_CONSOLE_TOKEN"), QString::fromLatin1(token));
    const QString pdf = m_dir.filePath(QStringLiteral("cron.pdf"));
    const Run result
        = run(QStringLiteral(AUTH_CONSOLE_BINARY),
              {QStringLiteral("--export-report"), pdf, QStringLiteral("--server"), m_server.baseUrl(),
               QStringLiteral("--fingerprint"), QString::fromLatin1(m_server.certificateSha256()),
               QStringLiteral("--from"), QStringLiteral("2h"), QStringLiteral("--save-data")},
              environment);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(result.out.contains("Wrote"), result.out.constData());
    QVERIFY(!result.out.contains(token) && !result.err.contains(token));
    const QString data = ReportWriter::dataFileName(pdf);
    QVERIFY(result.out.contains(fileSha256(data)));
    checkReport(pdf, data, pdfText(pdf));

    // An explicit RFC 3339 period is the period the report states.
    const QDateTime to = QDateTime::currentDateTimeUtc().addSecs(60);
    const QDateTime from = to.addSecs(-3 * 3600);
    const QString second = m_dir.filePath(QStringLiteral("explicit.pdf"));
    const Run explicitRun = run(QStringLiteral(AUTH_CONSOLE_BINARY),
                                {QStringLiteral("--export-report"), second, QStringLiteral("--server"),
                                 m_server.baseUrl(), QStringLiteral("--ca-cert"), m_server.certificatePath(),
                                 QStringLiteral("--from"), from.toString(Qt::ISODate), QStringLiteral("--to"),
                                 to.toString(Qt::ISODate), QStringLiteral("--save-data")},
                                environment);
    QVERIFY2(explicitRun.exitCode == 0, explicitRun.err.constData());
    QFile saved(ReportWriter::dataFileName(second));
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const auto parsed = ReportData::fromCanonical(saved.readAll());
    QVERIFY(parsed);
    QCOMPARE(parsed->from(), QDateTime::fromSecsSinceEpoch(from.toSecsSinceEpoch(), Qt::UTC));
    QCOMPARE(parsed->to(), QDateTime::fromSecsSinceEpoch(to.toSecsSinceEpoch(), Qt::UTC));
    QVERIFY(pdfText(second).contains(from.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
}

void TestReport::badTokenExitsOne()
{
    startServer();
    if (QTest::currentTestFailed())
        return;
    QProcessEnvironment environment = headless();
    const QByteArray bogus = "not-a-valid-token-5c1f0e";
    environment.insert(QStringLiteral("AUTH_CONSOLE_TOKEN"), QString::fromLatin1(bogus));
    const QString pdf = m_dir.filePath(QStringLiteral("refused.pdf"));
    const Run result
        = run(QStringLiteral(AUTH_CONSOLE_BINARY),
              {QStringLiteral("--export-report"), pdf, QStringLiteral("--server"), m_server.baseUrl(),
               QStringLiteral("--fingerprint"), QString::fromLatin1(m_server.certificateSha256())},
              environment);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("401") && result.err.contains("AUTH_CONSOLE_TOKEN"), result.err.constData());
    QVERIFY(!result.err.contains(bogus) && !result.out.contains(bogus));
    QVERIFY(!QFile::exists(pdf)); // no half-made report

    // Without a token and without a stored session it says what is missing.
    const Run none
        = run(QStringLiteral(AUTH_CONSOLE_BINARY),
              {QStringLiteral("--export-report"), pdf, QStringLiteral("--server"), m_server.baseUrl(),
               QStringLiteral("--fingerprint"), QString::fromLatin1(m_server.certificateSha256())},
              headless());
    QCOMPARE(none.exitCode, 1);
    QVERIFY2(none.err.contains("AUTH_CONSOLE_TOKEN"), none.err.constData());
}

void TestReport::usageErrorsExitTwo()
{
    const QString pdf = m_dir.filePath(QStringLiteral("usage.pdf"));
    const QString server = m_server.baseUrl();
    const QList<std::pair<QStringList, QByteArray>> cases {
        {{QStringLiteral("--export-report"), pdf}, "--server"},
        {{QStringLiteral("--export-report"), pdf, QStringLiteral("--server"), server,
          QStringLiteral("--from"), QStringLiteral("yesterday")},
         "--from"},
        {{QStringLiteral("--export-report"), pdf, QStringLiteral("--server"), server,
          QStringLiteral("--from"), QStringLiteral("1h"), QStringLiteral("--to"), QStringLiteral("2h")},
         "end after"},
        {{QStringLiteral("--export-report"), pdf, QStringLiteral("--server"), server,
          QStringLiteral("--bogus")},
         "bogus"},
        {{QStringLiteral("--from"), QStringLiteral("1h")}, "--export-report"},
        {{QStringLiteral("--export-report"), m_dir.filePath(QStringLiteral("missing/dir/r.pdf")),
          QStringLiteral("--server"), server},
         "does not exist"},
    };
    for (const auto& [arguments, expected] : cases) {
        const Run result = run(QStringLiteral(AUTH_CONSOLE_BINARY), arguments, headless());
        QVERIFY2(result.exitCode == 2,
                 qPrintable(arguments.join(u' ') + QStringLiteral(": ") + QString::number(result.exitCode)
                            + QString::fromUtf8(result.err)));
        QVERIFY2(result.err.contains(expected), result.err.constData());
    }
    QVERIFY(!QFile::exists(pdf));
}

void TestReport::unreachableOrUntrustedExitsThree()
{
    startServer();
    if (QTest::currentTestFailed())
        return;
    QProcessEnvironment environment = headless();
    environment.insert(QStringLiteral("AUTH_CONSOLE_TOKEN"), QStringLiteral("whatever"));
    const QString pdf = m_dir.filePath(QStringLiteral("unreachable.pdf"));
    const Run closed = run(QStringLiteral(AUTH_CONSOLE_BINARY),
                           {QStringLiteral("--export-report"), pdf, QStringLiteral("--server"),
                            QStringLiteral("https://127.0.0.1:%1").arg(auth::test::TestServer::freePort())},
                           environment);
    QVERIFY2(closed.exitCode == 3, closed.err.constData());
    QVERIFY(!closed.err.isEmpty());
    const Run pinned = run(QStringLiteral(AUTH_CONSOLE_BINARY),
                           {QStringLiteral("--export-report"), pdf, QStringLiteral("--server"),
                            m_server.baseUrl(), QStringLiteral("--fingerprint"), QString(64, u'a')},
                           environment);
    QVERIFY2(pinned.exitCode == 3, pinned.err.constData());
    QVERIFY(!QFile::exists(pdf));
}

// Without AUTH_CONSOLE_TOKEN the command resumes the session the keychain holds
// for the server (runs as TestReportKeyring, inside a private keyring).
void TestReport::keychainSessionIsUsed()
{
    if (qEnvironmentVariableIsEmpty("AUTH_EXPECT_KEYCHAIN"))
        QSKIP("needs a Secret Service: runs as TestReportKeyring under with-keyring");
    startServer();
    if (QTest::currentTestFailed())
        return;
    const auto login = m_server.postJson(
        QStringLiteral("/api/v1/auth/login"),
        {{QStringLiteral("email"), AdminEmail}, {QStringLiteral("password"), AdminPassword}});
    const QString refreshToken = login.json().value(QStringLiteral("refresh_token")).toString();
    QVERIFY2(!refreshToken.isEmpty(), login.body.constData());

    // Stored where the console keeps it: service "auth-console", keyed by the server's origin.
    SecretStore secrets;
    ServerProfile profile;
    profile.url = QUrl(m_server.baseUrl());
    const QString key = QStringLiteral("refresh-token %1").arg(profile.origin());
    bool done = false, stored = false;
    secrets.write(key, refreshToken, this, [&](bool ok) {
        done = true;
        stored = ok;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    QVERIFY2(stored && secrets.keychainAvailable(), qPrintable(secrets.unavailableReason()));

    const QString pdf = m_dir.filePath(QStringLiteral("keychain.pdf"));
    const Run result
        = run(QStringLiteral(AUTH_CONSOLE_BINARY),
              {QStringLiteral("--export-report"), pdf, QStringLiteral("--server"), m_server.baseUrl(),
               QStringLiteral("--fingerprint"), QString::fromLatin1(m_server.certificateSha256())},
              headless());
    secrets.remove(key);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY(!result.out.contains(refreshToken.toLatin1()) && !result.err.contains(refreshToken.toLatin1()));
    const QString text = pdfText(pdf);
    QVERIFY(text.contains(QLatin1String("Security Metrics Report")));
    QVERIFY(text.contains(AdminEmail));
}

void TestReport::germanReport()
{
    startServer();
    if (QTest::currentTestFailed())
        return;
    QProcessEnvironment environment = headless();
    environment.insert(QStringLiteral("AUTH_CONSOLE_TOKEN"), QString::fromLatin1(adminToken()));
    const QString pdf = m_dir.filePath(QStringLiteral("bericht.pdf"));
    const Run result
        = run(QStringLiteral(AUTH_CONSOLE_BINARY),
              {QStringLiteral("--lang"), QStringLiteral("de"), QStringLiteral("--export-report"), pdf,
               QStringLiteral("--server"), m_server.baseUrl(), QStringLiteral("--fingerprint"),
               QString::fromLatin1(m_server.certificateSha256())},
              environment);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QString text = pdfText(pdf);
    for (const char* german : {"Sicherheitsmetrik-Bericht", "Metrikdiagramme", "Kontosperren",
                               "Alter der Signaturschlüssel", "Erfolgsquote der MFA-Abfragen", "Seite 1 von"})
        QVERIFY2(text.contains(QString::fromUtf8(german)), german);
}

QTEST_MAIN(TestReport)
#include "TestReport.moc"
