#include "TestServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <csignal>

using namespace auth::test;

// auth-service on a Redis of its own that the test kills, restarts and
// freezes: /health turns degraded naming Redis within 5 s, requests that need
// the state store fail closed with 503 dependency_unavailable (never a login
// without its rate-limit check, never a hang), nothing crashes, the events are
// logged, and everything recovers without restarting the service.
class TestDependencyFailure : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void healthyWithRedis();
    void redisDownFailsClosed();
    void redisBackRecoversWithoutRestart();
    void redisHangingFailsFast();

private:
    bool startRedis();
    HttpReply login(const QString& email) const;
    HttpReply registerUser(const QString& email) const;
    int events(const QString& type, bool application = false) const;

    QString m_redisServer;
    quint16 m_redisPort = 0;
    QProcess m_redis;
    TestServer m_server;
};

namespace {
const QString kPassword = QStringLiteral("Quartz-Meadow-Lantern-91");
}

bool TestDependencyFailure::startRedis()
{
    m_redis.setWorkingDirectory(m_server.tempPath());
    m_redis.start(m_redisServer,
                  {QStringLiteral("--port"), QString::number(m_redisPort), QStringLiteral("--bind"),
                   QStringLiteral("127.0.0.1"), QStringLiteral("--save"), QString(),
                   QStringLiteral("--appendonly"), QStringLiteral("no")});
    return m_redis.waitForStarted();
}

HttpReply TestDependencyFailure::login(const QString& email) const
{
    return m_server.postJson(QStringLiteral("/api/v1/auth/login"),
                             {{QStringLiteral("email"), email}, {QStringLiteral("password"), kPassword}});
}

HttpReply TestDependencyFailure::registerUser(const QString& email) const
{
    return m_server.postJson(QStringLiteral("/api/v1/auth/register"),
                             {{QStringLiteral("email"), email},
                              {QStringLiteral("password"), kPassword},
                              {QStringLiteral("name"), QStringLiteral("Outage Tester")}});
}

int TestDependencyFailure::events(const QString& type, bool application) const
{
    int count = 0;
    const auto lines = application ? m_server.applicationLog() : m_server.securityLog();
    for (const QJsonObject& line : lines) {
        const QString name = application ? line.value(QStringLiteral("message")).toString()
                                         : line.value(QStringLiteral("event")).toString();
        if (name == type)
            ++count;
    }
    return count;
}

void TestDependencyFailure::initTestCase()
{
    m_redisServer = QStandardPaths::findExecutable(QStringLiteral("redis-server"));
    if (m_redisServer.isEmpty())
        QSKIP("redis-server is not installed");
    m_redisPort = TestServer::freePort();
    QVERIFY(startRedis());
    m_server.setEnv(QStringLiteral("REDIS_URL"), QStringLiteral("redis://127.0.0.1:%1/0").arg(m_redisPort));
    m_server.setEnv(QStringLiteral("REDIS_TIMEOUT"), QStringLiteral("300ms"));
    QVERIFY(m_server.start());
}

void TestDependencyFailure::cleanupTestCase()
{
    m_server.stop();
    if (m_redis.state() != QProcess::NotRunning) {
        ::kill(pid_t(m_redis.processId()), SIGCONT);
        m_redis.kill();
        m_redis.waitForFinished();
    }
}

void TestDependencyFailure::healthyWithRedis()
{
    QTRY_COMPARE(m_server.get(QStringLiteral("/health")).status, 200);
    const QJsonObject status = m_server.get(QStringLiteral("/api/v1/status")).json();
    QCOMPARE(status.value(QStringLiteral("state")).toObject().value("backend").toString(),
             QStringLiteral("redis"));
    QCOMPARE(status.value(QStringLiteral("state")).toObject().value("healthy").toBool(), true);
    QCOMPARE(registerUser(QStringLiteral("before@outage.example")).status, 201);
    QCOMPARE(login(QStringLiteral("before@outage.example")).status, 200);
}

void TestDependencyFailure::redisDownFailsClosed()
{
    m_redis.kill();
    m_redis.waitForFinished();
    QElapsedTimer timer;
    timer.start();
    QTRY_COMPARE_WITH_TIMEOUT(m_server.get(QStringLiteral("/health")).status, 503, 5000);
    const HttpReply health = m_server.get(QStringLiteral("/health"));
    QCOMPARE(health.json().value(QStringLiteral("status")).toString(), QStringLiteral("degraded"));
    const QString reasons
        = health.json().value(QStringLiteral("reasons")).toVariant().toStringList().join(';');
    QVERIFY2(reasons.contains(QStringLiteral("redis unavailable")), qPrintable(reasons));
    qInfo() << "degraded after" << timer.elapsed() << "ms";

    // Logins cannot run their rate-limit check: refused, not waved through.
    const HttpReply refused = login(QStringLiteral("before@outage.example"));
    QCOMPARE(refused.status, 503);
    QCOMPARE(refused.json().value(QStringLiteral("error")).toString(),
             QStringLiteral("dependency_unavailable"));
    QCOMPARE(refused.json().value(QStringLiteral("dependency")).toString(), QStringLiteral("redis"));
    QVERIFY(!refused.header("retry-after").isEmpty());
    QVERIFY(refused.json().value(QStringLiteral("access_token")).isUndefined());
    // A registration fails the same way and leaves nothing behind (checked after recovery).
    QCOMPARE(registerUser(QStringLiteral("during@outage.example")).status, 503);
    QVERIFY(m_server.isRunning());
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/status")).json().value("state").toObject().value("healthy"),
             QJsonValue(false));
    QTRY_COMPARE(events(QStringLiteral("dependency_down")), 1);
    QTRY_COMPARE(events(QStringLiteral("dependency_down"), true), 1);
}

void TestDependencyFailure::redisBackRecoversWithoutRestart()
{
    QVERIFY(startRedis());
    QTRY_COMPARE_WITH_TIMEOUT(m_server.get(QStringLiteral("/health")).status, 200, 8000);
    QTRY_COMPARE_WITH_TIMEOUT(login(QStringLiteral("before@outage.example")).status, 200, 5000);
    // The registration refused during the outage created no account.
    QCOMPARE(login(QStringLiteral("during@outage.example")).status, 401);
    QCOMPARE(registerUser(QStringLiteral("during@outage.example")).status, 201);
    QTRY_COMPARE(events(QStringLiteral("dependency_restored")), 1);
    QTRY_COMPARE(events(QStringLiteral("dependency_restored"), true), 1);
}

void TestDependencyFailure::redisHangingFailsFast()
{
    // A frozen server accepts connections and never answers.
    QCOMPARE(::kill(pid_t(m_redis.processId()), SIGSTOP), 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_server.get(QStringLiteral("/health")).status, 503, 5000);
    QElapsedTimer timer;
    timer.start();
    const HttpReply refused = login(QStringLiteral("before@outage.example"));
    QCOMPARE(refused.status, 503);
    QCOMPARE(refused.json().value(QStringLiteral("dependency")).toString(), QStringLiteral("redis"));
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    // /health itself never waits on the frozen server.
    timer.restart();
    QCOMPARE(m_server.get(QStringLiteral("/health")).status, 503);
    QVERIFY(timer.elapsed() < 1000);
    QCOMPARE(::kill(pid_t(m_redis.processId()), SIGCONT), 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_server.get(QStringLiteral("/health")).status, 200, 8000);
    QTRY_COMPARE_WITH_TIMEOUT(login(QStringLiteral("before@outage.example")).status, 200, 5000);
}

QTEST_GUILESS_MAIN(TestDependencyFailure)
#include "TestDependencyFailure.moc"
