#include "TestServer.h"
#include "TestTls.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace auth::test;

// The daemon as an operator drives it: --check-config, production refusals,
// SIGHUP for logrotate, SIGTERM draining to exit code 0.
class TestServiceLifecycle : public QObject
{
    Q_OBJECT
private slots:
    void checkConfigNamesBadVariable();
    void checkConfigAcceptsGoodConfig();
    void checkConfigReportsTomlProblems();
    void productionRefusesUnsafeConfig();
    void refusesPlainHttpUnlessAllowed();
    void versionAndHelp();
    void sighupReopensLogs();
    void sigtermDrainsAndExitsZero();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray output;
    };
    Run run(const QStringList& args, const QHash<QString, QString>& env = {});
    QTemporaryDir m_dir;
};

TestServiceLifecycle::Run TestServiceLifecycle::run(const QStringList& args,
                                                    const QHash<QString, QString>& env)
{
    QProcess process;
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
    environment.insert(QStringLiteral("LOG_DIR"), m_dir.filePath(QStringLiteral("log")));
    environment.insert(QStringLiteral("DATA_DIR"), m_dir.filePath(QStringLiteral("data")));
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        environment.insert(it.key(), it.value());
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(AUTH_SERVICE_BINARY), args);
    process.waitForFinished(20000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAll()};
}

void TestServiceLifecycle::checkConfigNamesBadVariable()
{
    const QString empty = m_dir.filePath(QStringLiteral("empty.toml"));
    QFile(empty).open(QIODevice::WriteOnly);
    const Run result = run({QStringLiteral("--config"), empty, QStringLiteral("--check-config")},
                           {{QStringLiteral("RATE_LIMIT_PER_IP_PER_MINUTE"), QStringLiteral("abc")},
                            {QStringLiteral("ALLOW_PLAIN_HTTP"), QStringLiteral("true")}});
    QVERIFY2(result.exitCode != 0, result.output.constData());
    QVERIFY2(result.output.contains("RATE_LIMIT_PER_IP_PER_MINUTE"), result.output.constData());
    // One line per problem: exactly one here.
    QCOMPARE(result.output.trimmed().count('\n'), 0);
}

void TestServiceLifecycle::checkConfigAcceptsGoodConfig()
{
    const QString cert = m_dir.filePath(QStringLiteral("cert.pem"));
    const QString key = m_dir.filePath(QStringLiteral("key.pem"));
    QString error;
    QVERIFY(writeSelfSignedCertificate(cert, key, &error));
    const QString config = m_dir.filePath(QStringLiteral("good.toml"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral("[server]\nport = 3443\n[tls]\ncert_path = \"%1\"\nkey_path = "
                              "\"%2\"\n[rate_limit]\nper_ip_per_minute = 60\n")
                   .arg(cert, key)
                   .toUtf8());
    file.close();
    const Run result = run({QStringLiteral("--config"), config, QStringLiteral("--check-config")});
    QVERIFY2(result.exitCode == 0, result.output.constData());
    QVERIFY(result.output.contains("configuration OK"));
}

void TestServiceLifecycle::checkConfigReportsTomlProblems()
{
    const QString config = m_dir.filePath(QStringLiteral("bad.toml"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[server]\nport = 70000\nbogus = 1\n");
    file.close();
    const Run result = run({QStringLiteral("--config"), config, QStringLiteral("--check-config")},
                           {{QStringLiteral("ALLOW_PLAIN_HTTP"), QStringLiteral("true")},
                            {QStringLiteral("MFA_TOTP_WINDOW"), QStringLiteral("99")}});
    QVERIFY(result.exitCode != 0);
    QVERIFY2(result.output.contains("server.port"), result.output.constData());
    QVERIFY(result.output.contains("server.bogus"));
    QVERIFY(result.output.contains("MFA_TOTP_WINDOW"));
    QVERIFY(result.output.trimmed().count('\n') >= 2);
}

void TestServiceLifecycle::productionRefusesUnsafeConfig()
{
    const QString empty = m_dir.filePath(QStringLiteral("empty.toml"));
    QFile(empty).open(QIODevice::WriteOnly);
    const Run result = run({QStringLiteral("--config"), empty},
                           {{QStringLiteral("APP_ENV"), QStringLiteral("production")},
                            {QStringLiteral("JWT_SECRET"), QStringLiteral("short-secret-value")},
                            {QStringLiteral("ALLOW_PLAIN_HTTP"), QStringLiteral("true")}});
    QVERIFY(result.exitCode != 0);
    QVERIFY2(result.output.contains("refusing to start"), result.output.constData());
    QVERIFY(result.output.contains("JWT_SECRET"));
    QVERIFY(result.output.contains("TLS"));
    QVERIFY2(!result.output.contains("short-secret-value"), "a secret leaked into the output");
}

void TestServiceLifecycle::refusesPlainHttpUnlessAllowed()
{
    const QString empty = m_dir.filePath(QStringLiteral("empty.toml"));
    QFile(empty).open(QIODevice::WriteOnly);
    const Run result = run({QStringLiteral("--config"), empty},
                           {{QStringLiteral("PORT"), QString::number(TestServer::freePort())}});
    QVERIFY(result.exitCode != 0);
    QVERIFY2(result.output.contains("TLS_CERT_PATH"), result.output.constData());
}

void TestServiceLifecycle::versionAndHelp()
{
    Run result = run({QStringLiteral("--version")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.output.contains("2.0.0"));
    result = run({QStringLiteral("--help")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.output.contains("--check-config"));
}

void TestServiceLifecycle::sighupReopensLogs()
{
    TestServer server;
    QVERIFY(server.start());
    const QString log = server.logDir() + QStringLiteral("/application.log");
    QVERIFY(QFile::exists(log));
    QVERIFY(QFile::rename(log, log + QStringLiteral(".1")));
    QCOMPARE(::kill(server.processId(), SIGHUP), 0);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(log), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(server.applicationLog().size() >= 1, 5000);
    bool reopened = false;
    for (const QJsonObject& line : server.applicationLog())
        reopened = reopened
            || line.value(QStringLiteral("message")).toString().contains(QStringLiteral("reopened"));
    QVERIFY(reopened);
    QCOMPARE(server.get(QStringLiteral("/health")).status, 200);
}

void TestServiceLifecycle::sigtermDrainsAndExitsZero()
{
    TestServer server;
    QVERIFY(server.start());
    server.stop();
    QCOMPARE(server.exitCode(), 0);
    bool stopped = false;
    for (const QJsonObject& line : server.securityLog())
        stopped
            = stopped || line.value(QStringLiteral("event")).toString() == QStringLiteral("service_stopped");
    QVERIFY(stopped);
}

QTEST_GUILESS_MAIN(TestServiceLifecycle)
#include "TestServiceLifecycle.moc"
