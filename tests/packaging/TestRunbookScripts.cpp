// The runbook's scripts against real servers: shellcheck-clean; security-test.sh
// passes on a good configuration and fails with security headers off;
// security-log-analyzer.sh summarises by severity and prints CRITICAL/HIGH events
// for the runbook's grep; integration-tests.sh and performance-analysis.sh run
// clean; maintenance scripts report routes a server lacks as SKIP with exit 4.
#include "ProcessRunner.h"
#include "TestServer.h"

#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace auth::test;

namespace {

const QString AdminEmail = QStringLiteral("scripts-admin@example.org");
const QString AdminPassword = QStringLiteral("Tidal-Orchard-Passphrase-9");

QString script(const QString& name)
{
    return QStringLiteral(AUTH_SOURCE_DIR "/scripts/runbook/") + name;
}

// Exit code a script must give for the lines it printed (see common.sh).
int expectedExit(const QString& output)
{
    if (output.contains(QRegularExpression(QStringLiteral("^FAIL "), QRegularExpression::MultilineOption)))
        return 1;
    if (output.contains(QRegularExpression(QStringLiteral("^SKIP "), QRegularExpression::MultilineOption)))
        return 4;
    return 0;
}

} // namespace

class TestRunbookScripts : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void shellcheckClean();
    void securityTestPassesOnGoodConfiguration();
    void securityTestFailsWithoutHeaders();
    void logAnalyzerSummarisesAndFlags();
    void logAnalyzerReadsTheServerLog();
    void integrationTestsPass();
    void performanceAnalysisReportsPercentiles();
    void maintenanceScriptsReportMissingRoutes();
    void unreachableServerIsExit3();

private:
    ProcessResult run(const QString& name, const QStringList& args, const TestServer& server,
                      int timeoutMs = 180000) const;
    QString adminTokenFile();

    TestServer m_server;
    QTemporaryDir m_dir;
};

void TestRunbookScripts::initTestCase()
{
    for (const char* tool : {"curl", "jq", "openssl"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            QSKIP(qPrintable(QStringLiteral("%1 is not installed").arg(QString::fromLatin1(tool))));
    }
    m_server.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_EMAIL"), AdminEmail);
    m_server.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_PASSWORD"), AdminPassword);
    m_server.setEnv(QStringLiteral("MFA_REQUIRED_FOR_ADMIN"), QStringLiteral("false"));
    m_server.setEnv(QStringLiteral("ARGON2_MEMORY_KIB"), QStringLiteral("8192"));
    m_server.setEnv(QStringLiteral("ARGON2_ITERATIONS"), QStringLiteral("1"));
    QVERIFY(m_server.start());
}

ProcessResult TestRunbookScripts::run(const QString& name, const QStringList& args, const TestServer& server,
                                      int timeoutMs) const
{
    QStringList all {QStringLiteral("--url"),     server.baseUrl(),
                     QStringLiteral("--ca"),      server.certificatePath(),
                     QStringLiteral("--log-dir"), server.logDir()};
    all += args;
    const ProcessResult result = runProcess(script(name), all, {}, timeoutMs);
    qInfo().noquote() << name << "exit" << result.exitCode << "\n" << result.all();
    return result;
}

QString TestRunbookScripts::adminTokenFile()
{
    const QString token
        = m_server
              .postJson(QStringLiteral("/api/v1/auth/login"),
                        {{QStringLiteral("email"), AdminEmail}, {QStringLiteral("password"), AdminPassword}})
              .json()
              .value(QStringLiteral("access_token"))
              .toString();
    const QString path = m_dir.filePath(QStringLiteral("admin-token"));
    QFile file(path);
    file.open(QIODevice::WriteOnly | QIODevice::Truncate);
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    file.write(token.toLatin1());
    return token.isEmpty() ? QString() : path;
}

void TestRunbookScripts::shellcheckClean()
{
    const QString shellcheck = QStandardPaths::findExecutable(QStringLiteral("shellcheck"));
    if (shellcheck.isEmpty())
        QSKIP("shellcheck is not installed (scripts/install-deps installs it)");
    QStringList files;
    const QDir runbook(QStringLiteral(AUTH_SOURCE_DIR "/scripts/runbook"));
    for (const QString& name : runbook.entryList({QStringLiteral("*.sh")}, QDir::Files))
        files.append(runbook.filePath(name));
    QVERIFY(files.size() >= 8);
    for (const char* maintainer : {"postinst", "prerm", "postrm"})
        files.append(QStringLiteral(AUTH_SOURCE_DIR "/packaging/debian/") + QString::fromLatin1(maintainer));
    const ProcessResult result = runProcess(
        shellcheck,
        QStringList {QStringLiteral("-x"), QStringLiteral("-P"), QStringLiteral("SCRIPTDIR")} + files);
    QVERIFY2(result.exitCode == 0, qPrintable(result.all()));
}

void TestRunbookScripts::securityTestPassesOnGoodConfiguration()
{
    const QString tokenFile = adminTokenFile();
    QVERIFY(!tokenFile.isEmpty());
    // The test certificate lives a week; production wants 30 days.
    const ProcessResult result = run(
        QStringLiteral("security-test.sh"),
        {QStringLiteral("--token-file"), tokenFile, QStringLiteral("--cert-min-days"), QStringLiteral("1")},
        m_server);
    QCOMPARE(result.exitCode, 0);
    const QString out = result.all();
    for (const char* expected :
         {"PASS  Strict-Transport-Security", "PASS  refuses tls1", "PASS  refuses tls1_1",
          "PASS  alg:none token: 401", "PASS  tampered payload", "PASS  refuses 8 well-known default logins",
          "PASS  rate limiting:"})
        QVERIFY2(out.contains(QString::fromLatin1(expected)), expected);
    QVERIFY(!out.contains(QStringLiteral("FAIL")));
    // The admin token never reaches the output.
    QFile token(tokenFile);
    token.open(QIODevice::ReadOnly);
    QVERIFY(!out.contains(QString::fromLatin1(token.readAll())));
}

void TestRunbookScripts::securityTestFailsWithoutHeaders()
{
    TestServer weak;
    weak.setEnv(QStringLiteral("SECURITY_HEADERS_ENABLED"), QStringLiteral("false"));
    weak.setEnv(QStringLiteral("RATE_LIMIT_BURST"), QStringLiteral("100000"));
    weak.setEnv(QStringLiteral("RATE_LIMIT_PER_IP_PER_MINUTE"), QStringLiteral("1000000"));
    weak.setEnv(QStringLiteral("ARGON2_MEMORY_KIB"), QStringLiteral("8192"));
    weak.setEnv(QStringLiteral("ARGON2_ITERATIONS"), QStringLiteral("1"));
    QVERIFY(weak.start());
    const ProcessResult result = run(QStringLiteral("security-test.sh"),
                                     {QStringLiteral("--cert-min-days"), QStringLiteral("1"),
                                      QStringLiteral("--burst"), QStringLiteral("40")},
                                     weak);
    QCOMPARE(result.exitCode, 1);
    const QString out = result.all();
    QVERIFY(out.contains(QStringLiteral("FAIL  [HIGH] no Strict-Transport-Security header")));
    QVERIFY(out.contains(QStringLiteral("FAIL  [HIGH] no Content-Security-Policy header")));
    QVERIFY(out.contains(QStringLiteral("FAIL  [HIGH] rate limiting: none of 40")));
}

void TestRunbookScripts::logAnalyzerSummarisesAndFlags()
{
    const QString path = m_dir.filePath(QStringLiteral("security.log"));
    QFile log(path);
    QVERIFY(log.open(QIODevice::WriteOnly | QIODevice::Truncate));
    log.write(
        R"({"timestamp":"2026-01-15T10:00:00.000Z","event":"authentication_failure","severity":"MEDIUM","source_ip":"1.2.3.4"}
{"timestamp":"2026-01-15T10:00:01.000Z","event":"authentication_failure","severity":"MEDIUM","source_ip":"1.2.3.4"}
{"timestamp":"2026-01-15T10:00:02.000Z","event":"authentication_failure","severity":"MEDIUM","source_ip":"5.6.7.8"}
{"timestamp":"2026-01-15T10:00:03.000Z","event":"security_violation","severity":"CRITICAL","source_ip":"5.6.7.8","details":{"what":"line\nbreak"}}
{"timestamp":"2026-01-15T10:00:04.000Z","event":"suspicious_activity","severity":"HIGH","user_id":"u-1"}
not json at all
{"timestamp":"2026-01-15T10:00:05.000Z","event":"service_started","severity":"INFO"}
)");
    log.close();
    const ProcessResult result
        = runProcess(script(QStringLiteral("security-log-analyzer.sh")), {QStringLiteral("--log"), path});
    qInfo().noquote() << result.all();
    QCOMPARE(result.exitCode, 1);
    const QString out = QString::fromUtf8(result.out);
    QVERIFY(out.contains(QStringLiteral("events: 6 (lines that are not JSON events: 1)")));
    QVERIFY(out.contains(QStringLiteral("  critical: 1\n  high: 1\n  medium: 3\n  low: 0\n  info: 1")));
    QVERIFY(out.contains(QStringLiteral("  3\tauthentication_failure")));
    QVERIFY(out.contains(QStringLiteral("  2\t1.2.3.4")));
    // The runbook's pipeline: grep -E "(CRITICAL|HIGH)" gives exactly the two serious events, one line each.
    const QStringList flagged
        = out.split(u'\n').filter(QRegularExpression(QStringLiteral("(CRITICAL|HIGH)")));
    QCOMPARE(flagged.size(), 2);
    QVERIFY(flagged.at(0).startsWith(
        QStringLiteral("CRITICAL 2026-01-15T10:00:03.000Z security_violation source_ip=5.6.7.8")));
    QVERIFY(flagged.at(0).contains(QStringLiteral("line\\nbreak"))); // escaped, not a forged second line
    QVERIFY(flagged.at(1).startsWith(
        QStringLiteral("HIGH 2026-01-15T10:00:04.000Z suspicious_activity user_id=u-1")));

    // A period with only routine events is clean.
    const ProcessResult recent = runProcess(
        script(QStringLiteral("security-log-analyzer.sh")),
        {QStringLiteral("--log"), path, QStringLiteral("--since"), QStringLiteral("2026-01-15 10:00:05")});
    QCOMPARE(recent.exitCode, 0);
    QVERIFY(recent.out.contains("events: 1"));
}

void TestRunbookScripts::logAnalyzerReadsTheServerLog()
{
    const QList<QJsonObject> events = m_server.securityLog();
    QVERIFY(!events.isEmpty());
    int serious = 0;
    for (const QJsonObject& event : events) {
        const QString severity = event.value(QStringLiteral("severity")).toString();
        serious += severity == QLatin1String("CRITICAL") || severity == QLatin1String("HIGH");
    }
    const ProcessResult result = run(QStringLiteral("security-log-analyzer.sh"), {}, m_server);
    QCOMPARE(result.exitCode, serious > 0 ? 1 : 0);
    QVERIFY2(result.out.contains("events: " + QByteArray::number(events.size()) + '\n'),
             result.out.constData());
}

void TestRunbookScripts::integrationTestsPass()
{
    m_server.stop(); // a fresh rate-limit budget after the security test's burst
    QVERIFY(m_server.start());
    const ProcessResult result
        = run(QStringLiteral("integration-tests.sh"),
              {QStringLiteral("--register"), QStringLiteral("--token-file"), adminTokenFile()}, m_server);
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains("PASS  the token is refused after logout"));
    QVERIFY(result.out.contains("PASS  the used refresh token is refused"));
}

void TestRunbookScripts::performanceAnalysisReportsPercentiles()
{
    const ProcessResult result
        = run(QStringLiteral("performance-analysis.sh"),
              {QStringLiteral("--tool"), QStringLiteral("curl"), QStringLiteral("--requests"),
               QStringLiteral("30"), QStringLiteral("--path"), QStringLiteral("/health"),
               QStringLiteral("--max-p95-ms"), QStringLiteral("5000")},
              m_server);
    QCOMPARE(result.exitCode, 0);
    static const QRegularExpression row(
        QStringLiteral("^/health +([0-9.]+) +([0-9.]+) +([0-9.]+) +([0-9.]+) +0$"),
        QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = row.match(QString::fromUtf8(result.out));
    QVERIFY2(match.hasMatch(), result.out.constData());
    QVERIFY(match.captured(1).toDouble() <= match.captured(2).toDouble());
    QVERIFY(match.captured(2).toDouble() <= match.captured(3).toDouble());
    QVERIFY(match.captured(4).toDouble() > 0);
    if (!QStandardPaths::findExecutable(QStringLiteral("wrk")).isEmpty()) {
        const ProcessResult wrk
            = run(QStringLiteral("performance-analysis.sh"),
                  {QStringLiteral("--tool"), QStringLiteral("wrk"), QStringLiteral("--duration"),
                   QStringLiteral("2"), QStringLiteral("--connections"), QStringLiteral("4"),
                   QStringLiteral("--path"), QStringLiteral("/health"), QStringLiteral("--max-p95-ms"),
                   QStringLiteral("5000")},
                  m_server);
        QCOMPARE(wrk.exitCode, 0);
        QVERIFY2(wrk.out.contains("load generator: wrk"), wrk.out.constData());
    }
}

void TestRunbookScripts::maintenanceScriptsReportMissingRoutes()
{
    const QString tokenFile = adminTokenFile();
    QVERIFY(!tokenFile.isEmpty());
    const ProcessResult weekly
        = run(QStringLiteral("maintenance-weekly.sh"),
              {QStringLiteral("--no-rotate"), QStringLiteral("--token-file"), tokenFile,
               QStringLiteral("--reports-dir"), m_dir.filePath(QStringLiteral("reports"))},
              m_server);
    QCOMPARE(weekly.exitCode, expectedExit(weekly.all()));
    // A route this server version lacks is named, not mistaken for a failure.
    if (m_server.get(QStringLiteral("/security/threats/metrics")).status == 404)
        QVERIFY(weekly.out.contains(
            "SKIP  security metrics: /security/threats/metrics is not served by this server version (404)"));
    else
        QVERIFY(QFile::exists(
            m_dir.filePath(QStringLiteral("reports/security-metrics-%1.json")
                               .arg(QDate::currentDate().toString(QStringLiteral("yyyyMMdd"))))));

    const ProcessResult monthly = run(
        QStringLiteral("maintenance-monthly.sh"),
        {QStringLiteral("--token-file"), tokenFile, QStringLiteral("--perf-duration"), QStringLiteral("1")},
        m_server);
    QCOMPARE(monthly.exitCode, expectedExit(monthly.all()));
    if (m_server.get(QStringLiteral("/compliance/summary")).status == 404)
        QVERIFY(monthly.out.contains("SKIP  compliance summary: /compliance/summary is not served"));

    // Daily: no backup today is a finding named as such.
    const ProcessResult daily
        = run(QStringLiteral("maintenance-daily.sh"),
              {QStringLiteral("--backup-dir"), m_dir.filePath(QStringLiteral("no-backups"))}, m_server);
    QCOMPARE(daily.exitCode, 1);
    QVERIFY(daily.out.contains("FAIL  [HIGH] backup: no backup for today"));
    QVERIFY(daily.out.contains("PASS  health: healthy"));
}

void TestRunbookScripts::unreachableServerIsExit3()
{
    const quint16 port = TestServer::freePort();
    const ProcessResult result
        = runProcess(script(QStringLiteral("security-test.sh")),
                     {QStringLiteral("--url"), QStringLiteral("https://127.0.0.1:%1").arg(port)});
    QCOMPARE(result.exitCode, 3);
    const ProcessResult usage
        = runProcess(script(QStringLiteral("security-test.sh")), {QStringLiteral("--bogus")});
    QCOMPARE(usage.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestRunbookScripts)
#include "TestRunbookScripts.moc"
