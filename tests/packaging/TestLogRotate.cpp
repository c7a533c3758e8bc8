// The packaged logrotate policy (packaging/logrotate/auth-service), pointed at a
// test server's log directory with its postrotate sending SIGHUP to that server,
// rotates while requests keep producing security events: every event lands in
// exactly one file, whole, and the new files are created 0600.
#include "ProcessRunner.h"
#include "TestServer.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace auth::test;

class TestLogRotate : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void rotatesWithoutLosingLines();

private:
    QString writeConfig(const QTemporaryDir& dir, qint64 pid) const;
    int failLogin(int n);
    QList<QByteArray> allSecurityLines() const;

    TestServer m_server;
    QString m_logrotate;
};

void TestLogRotate::initTestCase()
{
    m_logrotate = QStandardPaths::findExecutable(QStringLiteral("logrotate"));
    if (m_logrotate.isEmpty())
        m_logrotate
            = QStandardPaths::findExecutable(QStringLiteral("logrotate"), {QStringLiteral("/usr/sbin")});
    if (m_logrotate.isEmpty())
        QSKIP("logrotate is not installed (scripts/install-deps installs it)");
    m_server.setEnv(QStringLiteral("RATE_LIMIT_BURST"), QStringLiteral("100000"));
    m_server.setEnv(QStringLiteral("RATE_LIMIT_PER_IP_PER_MINUTE"), QStringLiteral("1000000"));
    // Cheap hashes: the test is about log lines, not password cost.
    m_server.setEnv(QStringLiteral("ARGON2_MEMORY_KIB"), QStringLiteral("8192"));
    m_server.setEnv(QStringLiteral("ARGON2_ITERATIONS"), QStringLiteral("1"));
    // The load is one address failing over and over: keep the threat detector
    // from blocking it, so every request writes the same event.
    m_server.setEnv(QStringLiteral("THREATS_ENABLED"), QStringLiteral("false"));
    QVERIFY(m_server.start());
}

// The real policy with the test's paths: same directives, our directory, our pid.
QString TestLogRotate::writeConfig(const QTemporaryDir& dir, qint64 pid) const
{
    QFile packaged(QStringLiteral(AUTH_SOURCE_DIR "/packaging/logrotate/auth-service"));
    if (!packaged.open(QIODevice::ReadOnly))
        return {};
    QString text = QString::fromUtf8(packaged.readAll());
    text.replace(QStringLiteral("/var/log/auth-service"), m_server.logDir());
    // The test runs as whoever runs it, not as the auth-service user.
    text.replace(QStringLiteral("create 0600 auth-service auth-service"), QStringLiteral("create 0600"));
    static const QRegularExpression postrotate(QStringLiteral("postrotate\\n.*?endscript"),
                                               QRegularExpression::DotMatchesEverythingOption);
    if (!text.contains(postrotate))
        return {};
    text.replace(postrotate, QStringLiteral("postrotate\n        kill -HUP %1\n    endscript").arg(pid));
    const QString path = dir.filePath(QStringLiteral("auth-service.logrotate"));
    QFile out(path);
    out.open(QIODevice::WriteOnly);
    out.write(text.toUtf8());
    out.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

// One failed login tagged with its own request id: one authentication_failure line.
int TestLogRotate::failLogin(int n)
{
    return m_server
        .postJson(QStringLiteral("/api/v1/auth/login"),
                  {{QStringLiteral("email"), QStringLiteral("nobody-%1@example.org").arg(n)},
                   {QStringLiteral("password"), QStringLiteral("wrong password")}},
                  {{"X-Request-Id", "rot-" + QByteArray::number(n)}})
        .status;
}

QList<QByteArray> TestLogRotate::allSecurityLines() const
{
    QList<QByteArray> lines;
    const QDir dir(m_server.logDir());
    for (const QString& name : dir.entryList({QStringLiteral("security.log*")}, QDir::Files)) {
        QByteArray content;
        if (name.endsWith(QLatin1String(".gz"))) {
            const ProcessResult unzip = runProcess(QStringLiteral("zcat"), {dir.filePath(name)});
            content = unzip.out;
        } else {
            QFile file(dir.filePath(name));
            file.open(QIODevice::ReadOnly);
            content = file.readAll();
        }
        if (!content.isEmpty() && !content.endsWith('\n'))
            lines.append("TORN FILE END: " + name.toUtf8());
        for (const QByteArray& line : content.split('\n')) {
            if (!line.isEmpty())
                lines.append(line);
        }
    }
    return lines;
}

void TestLogRotate::rotatesWithoutLosingLines()
{
    QTemporaryDir dir;
    const QString config = writeConfig(dir, m_server.processId());
    QVERIFY(!config.isEmpty());
    const QString state = dir.filePath(QStringLiteral("logrotate.state"));

    int produced = 0;
    auto burst = [&](int count) {
        for (int i = 0; i < count; ++i)
            QCOMPARE(failLogin(produced++), 401);
    };
    burst(60);
    // Two forced rotations while requests are in flight: the first leaves
    // security.log.1 (delaycompress), the second compresses it to .2.gz.
    for (int round = 0; round < 2; ++round) {
        QProcess rotate;
        rotate.start(m_logrotate, {QStringLiteral("-f"), QStringLiteral("-s"), state, config});
        QVERIFY(rotate.waitForStarted());
        while (rotate.state() != QProcess::NotRunning) {
            QCOMPARE(failLogin(produced++), 401);
            rotate.waitForFinished(1);
        }
        QVERIFY2(rotate.exitStatus() == QProcess::NormalExit && rotate.exitCode() == 0,
                 rotate.readAllStandardError().constData());
        burst(40);
    }
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_server.logDir() + QStringLiteral("/security.log.2.gz")), 5000);
    QVERIFY(QFile::exists(m_server.logDir() + QStringLiteral("/security.log.1")));
    QVERIFY(QFile::exists(m_server.logDir() + QStringLiteral("/application.log.1")));
    const QFileDevice::Permissions mode
        = QFile::permissions(m_server.logDir() + QStringLiteral("/security.log"));
    QCOMPARE(mode & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
             QFileDevice::Permissions());

    // Every request's event exactly once, every line whole JSON.
    QHash<QString, int> seen;
    const QList<QByteArray> lines = allSecurityLines();
    for (const QByteArray& line : lines) {
        QJsonParseError error;
        const QJsonObject event = QJsonDocument::fromJson(line, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError && !event.isEmpty(), line.constData());
        const QString requestId = event.value(QStringLiteral("request_id")).toString();
        if (event.value(QStringLiteral("event")).toString() == QLatin1String("authentication_failure")
            && requestId.startsWith(QLatin1String("rot-")))
            ++seen[requestId];
    }
    qInfo() << "events produced:" << produced << "security lines in all files:" << lines.size();
    QCOMPARE(seen.size(), produced);
    for (auto it = seen.cbegin(); it != seen.cend(); ++it)
        QVERIFY2(it.value() == 1, qPrintable(it.key()));
    // The server kept writing to the new file after the last rotation.
    QFile current(m_server.logDir() + QStringLiteral("/security.log"));
    QVERIFY(current.open(QIODevice::ReadOnly));
    QVERIFY(current.readAll().contains("\"request_id\":\"rot-" + QByteArray::number(produced - 1) + "\""));
}

QTEST_GUILESS_MAIN(TestLogRotate)
#include "TestLogRotate.moc"
