#include "core/Clock.h"
#include "core/DependencyUnavailable.h"
#include "state/MemoryStateStore.h"
#include "state/RedisStateStore.h"
#include "state/RedisUrl.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QThread>
#include <QUuid>
#include <QtConcurrent>
#include <atomic>
#include <memory>

using namespace auth;
using namespace auth::state;

// One conformance suite for both StateStore implementations: every case runs
// against MemoryStateStore and against RedisStateStore (AUTH_TEST_REDIS_URL,
// exported by scripts/with-test-services; the Redis rows skip only when it is
// unset). The Redis-only cases below cover what only a network store can do
// wrong: timeouts against a server that never answers, and reconnecting.
class TestStateStore : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void bucketMath_data() { backends(); }
    void bucketMath();
    void bucketsAreIndependent_data() { backends(); }
    void bucketsAreIndependent();
    void concurrentConsumeNeverOverGrants_data() { backends(); }
    void concurrentConsumeNeverOverGrants();
    void revocationExpires_data() { backends(); }
    void revocationExpires();
    void notBeforeOnlyMovesForward_data() { backends(); }
    void notBeforeOnlyMovesForward();
    void claimOnceExactlyOnce_data() { backends(); }
    void claimOnceExactlyOnce();
    void claimExpires_data() { backends(); }
    void claimExpires();
    void noticesReachSubscribers_data() { backends(); }
    void noticesReachSubscribers();
    void noticesStopWithTheirContext_data() { backends(); }
    void noticesStopWithTheirContext();

    void parsesRedisUrls_data();
    void parsesRedisUrls();
    void noticesCrossInstances();
    void prefixesIsolateDeployments();
    void timesOutOnStalledServer();
    void failsClosedWhenRefused();
    void reconnectsAfterRestart();

private:
    void backends();
    std::unique_ptr<StateStore> make(const QString& prefix = {});
    std::unique_ptr<RedisStateStore> makeRedis(const QString& url, const QString& prefix,
                                               int timeoutMs = 500);
    QString m_prefix;
    QStringList m_redisPrefixes; // cleared after each test
};

void TestStateStore::backends()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("memory") << QStringLiteral("memory");
    QTest::newRow("redis") << QStringLiteral("redis");
}

void TestStateStore::init()
{
    m_prefix = QStringLiteral("test:%1:").arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
}

void TestStateStore::cleanup()
{
    const QString url = qEnvironmentVariable("AUTH_TEST_REDIS_URL");
    for (const QString& prefix : std::as_const(m_redisPrefixes)) {
        try {
            makeRedis(url, prefix)->clearPrefix();
        } catch (const core::DependencyUnavailable&) {
        }
    }
    m_redisPrefixes.clear();
}

std::unique_ptr<RedisStateStore> TestStateStore::makeRedis(const QString& url, const QString& prefix,
                                                           int timeoutMs)
{
    QString error;
    const auto parsed = RedisUrl::parse(url, &error);
    if (!parsed)
        qFatal("bad redis url %s", qPrintable(error));
    return std::make_unique<RedisStateStore>(*parsed, prefix, timeoutMs);
}

std::unique_ptr<StateStore> TestStateStore::make(const QString& prefix)
{
    QFETCH(QString, backend);
    if (backend == QLatin1String("memory"))
        return std::make_unique<MemoryStateStore>();
    const QString url = qEnvironmentVariable("AUTH_TEST_REDIS_URL");
    if (url.isEmpty())
        return nullptr;
    auto store = makeRedis(url, prefix.isEmpty() ? m_prefix : prefix);
    m_redisPrefixes.append(prefix.isEmpty() ? m_prefix : prefix);
    return store;
}

#define MAKE_STORE(store)                                                                                    \
    auto store = make();                                                                                     \
    if (!store)                                                                                              \
        QSKIP("AUTH_TEST_REDIS_URL is not set (run through scripts/with-test-services)");

void TestStateStore::bucketMath()
{
    MAKE_STORE(store);
    const qint64 t0 = Clock::nowMs();
    // Burst 3, one token a second.
    for (int i = 0; i < 3; ++i) {
        const RateDecision d = store->consume(QStringLiteral("ip:1"), 60, 3, t0);
        QVERIFY(d.allowed);
        QCOMPARE(d.limit, 3);
        QCOMPARE(d.remaining, 2 - i);
    }
    RateDecision refused = store->consume(QStringLiteral("ip:1"), 60, 3, t0);
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.remaining, 0);
    QCOMPARE(refused.retryAfterMs, 1000);
    QCOMPARE(refused.resetMs, 3000);
    // Half a token back is not enough; a whole one is.
    QVERIFY(!store->consume(QStringLiteral("ip:1"), 60, 3, t0 + 500).allowed);
    const RateDecision later = store->consume(QStringLiteral("ip:1"), 60, 3, t0 + 1000);
    QVERIFY(later.allowed);
    QCOMPARE(later.remaining, 0);
    // Refill never exceeds the burst.
    const RateDecision full = store->consume(QStringLiteral("ip:1"), 60, 3, t0 + 60'000);
    QVERIFY(full.allowed);
    QCOMPARE(full.remaining, 2);
}

void TestStateStore::bucketsAreIndependent()
{
    MAKE_STORE(store);
    const qint64 t0 = Clock::nowMs();
    QVERIFY(store->consume(QStringLiteral("a"), 60, 1, t0).allowed);
    QVERIFY(!store->consume(QStringLiteral("a"), 60, 1, t0).allowed);
    QVERIFY(store->consume(QStringLiteral("b"), 60, 1, t0).allowed);
}

void TestStateStore::concurrentConsumeNeverOverGrants()
{
    MAKE_STORE(store);
    const qint64 t0 = Clock::nowMs();
    std::atomic<int> allowed {0};
    QThreadPool pool;
    pool.setMaxThreadCount(20);
    QList<QFuture<void>> jobs;
    for (int thread = 0; thread < 20; ++thread) {
        jobs.append(QtConcurrent::run(&pool, [&] {
            for (int i = 0; i < 10; ++i) {
                if (store->consume(QStringLiteral("shared"), 1, 50, t0).allowed)
                    allowed.fetch_add(1);
            }
        }));
    }
    for (auto& job : jobs)
        job.waitForFinished();
    // 200 attempts at the same instant against a bucket of 50: exactly 50 pass.
    QCOMPARE(allowed.load(), 50);
}

void TestStateStore::revocationExpires()
{
    MAKE_STORE(store);
    const qint64 now = Clock::nowSecs();
    store->revokeTokenId(QStringLiteral("jti-1"), now + 1);
    store->revokeTokenId(QStringLiteral("jti-old"), now - 5);
    QVERIFY(store->isTokenIdRevoked(QStringLiteral("jti-1")));
    QVERIFY(!store->isTokenIdRevoked(QStringLiteral("jti-2")));
    QVERIFY(!store->isTokenIdRevoked(QStringLiteral("jti-old")));
    // Past its expiry a token is refused anyway, so the entry may go.
    QTRY_VERIFY_WITH_TIMEOUT(!store->isTokenIdRevoked(QStringLiteral("jti-1")), 4000);
}

void TestStateStore::notBeforeOnlyMovesForward()
{
    MAKE_STORE(store);
    QCOMPARE(store->notBefore(QStringLiteral("user-1")), 0);
    store->setNotBefore(QStringLiteral("user-1"), 1000);
    store->setNotBefore(QStringLiteral("user-1"), 500);
    QCOMPARE(store->notBefore(QStringLiteral("user-1")), 1000);
    store->setNotBefore(QStringLiteral("user-1"), 2000);
    QCOMPARE(store->notBefore(QStringLiteral("user-1")), 2000);
    QCOMPARE(store->notBefore(QStringLiteral("user-2")), 0);
    store->setNotBefore(QStringLiteral("*"), 1234);
    QCOMPARE(store->notBefore(QStringLiteral("*")), 1234);
}

void TestStateStore::claimOnceExactlyOnce()
{
    MAKE_STORE(store);
    std::atomic<int> winners {0};
    QThreadPool pool;
    pool.setMaxThreadCount(20);
    QList<QFuture<void>> jobs;
    for (int thread = 0; thread < 20; ++thread) {
        jobs.append(QtConcurrent::run(&pool, [&] {
            if (store->claimOnce(QStringLiteral("totp:user-1:123456"), 60'000))
                winners.fetch_add(1);
        }));
    }
    for (auto& job : jobs)
        job.waitForFinished();
    QCOMPARE(winners.load(), 1);
    QVERIFY(store->claimOnce(QStringLiteral("totp:user-1:654321"), 60'000));
}

void TestStateStore::claimExpires()
{
    MAKE_STORE(store);
    QVERIFY(store->claimOnce(QStringLiteral("code"), 300));
    QVERIFY(!store->claimOnce(QStringLiteral("code"), 300));
    QTest::qWait(450);
    QVERIFY(store->claimOnce(QStringLiteral("code"), 300));
}

void TestStateStore::noticesReachSubscribers()
{
    MAKE_STORE(store);
    QObject receiver;
    QList<QPair<QString, QByteArray>> received;
    QThread* handlerThread = nullptr;
    store->subscribe(QStringLiteral("keys"), &receiver,
                     [&](const QString& channel, const QByteArray& message) {
                         handlerThread = QThread::currentThread();
                         if (!message.isEmpty())
                             received.append({channel, message});
                     });
    QObject other;
    int clientNotices = 0;
    store->subscribe(QStringLiteral("clients"), &other, [&](const QString&, const QByteArray& message) {
        if (!message.isEmpty())
            ++clientNotices;
    });
    // The Redis subscriber connects in the background: publish until heard.
    QElapsedTimer timer;
    timer.start();
    while (received.isEmpty() && timer.elapsed() < 5000) {
        store->publish(QStringLiteral("keys"), "kid-1");
        QTest::qWait(100);
    }
    QVERIFY(!received.isEmpty());
    QCOMPARE(received.first().first, QStringLiteral("keys"));
    QCOMPARE(received.first().second, QByteArray("kid-1"));
    QCOMPARE(handlerThread, QThread::currentThread()); // delivered on the context's thread
    QCOMPARE(clientNotices, 0); // other channels hear nothing
}

void TestStateStore::noticesStopWithTheirContext()
{
    MAKE_STORE(store);
    auto receiver = std::make_unique<QObject>();
    int calls = 0;
    store->subscribe(QStringLiteral("keys"), receiver.get(),
                     [&](const QString&, const QByteArray& message) { calls += message.isEmpty() ? 0 : 1; });
    QTRY_VERIFY_WITH_TIMEOUT((store->publish(QStringLiteral("keys"), "x"), calls > 0), 5000);
    receiver.reset();
    const int before = calls;
    store->publish(QStringLiteral("keys"), "y");
    QTest::qWait(300);
    QCOMPARE(calls, before);
}

void TestStateStore::parsesRedisUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<int>("db");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::newRow("plain") << "redis://cache" << true << "cache" << 6379 << 0 << ""
                           << "";
    QTest::newRow("port db") << "redis://10.0.0.5:6380/3" << true << "10.0.0.5" << 6380 << 3 << ""
                             << "";
    QTest::newRow("password") << "redis://:s%40cret@cache/1" << true << "cache" << 6379 << 1 << ""
                              << "s@cret";
    QTest::newRow("acl user") << "redis://auth:pw@cache:7000" << true << "cache" << 7000 << 0 << "auth"
                              << "pw";
    QTest::newRow("unix") << "unix:///run/redis/redis.sock?db=2" << true << "" << 6379 << 2 << ""
                          << "";
    QTest::newRow("tls refused") << "rediss://cache:6380" << false << "" << 0 << 0 << ""
                                 << "";
    QTest::newRow("bad db") << "redis://cache/x" << false << "" << 0 << 0 << ""
                            << "";
    QTest::newRow("other scheme") << "http://cache" << false << "" << 0 << 0 << ""
                                  << "";
}

void TestStateStore::parsesRedisUrls()
{
    QFETCH(QString, url);
    QFETCH(bool, ok);
    QString error;
    const auto parsed = RedisUrl::parse(url, &error);
    QCOMPARE(parsed.has_value(), ok);
    if (!ok) {
        QVERIFY(error.startsWith(QStringLiteral("REDIS_URL: ")));
        if (url.startsWith(QLatin1String("rediss")))
            QVERIFY(error.contains(QStringLiteral("TLS")));
        return;
    }
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(int, db);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QCOMPARE(parsed->host, host);
    if (!host.isEmpty())
        QCOMPARE(parsed->port, port);
    QCOMPARE(parsed->db, db);
    QCOMPARE(parsed->user, user);
    QCOMPARE(parsed->password, password);
    QVERIFY(!parsed->redacted().contains(QStringLiteral("pw")));
    QVERIFY(!parsed->redacted().contains(QStringLiteral("cret")));
}

void TestStateStore::noticesCrossInstances()
{
    const QString url = qEnvironmentVariable("AUTH_TEST_REDIS_URL");
    if (url.isEmpty())
        QSKIP("AUTH_TEST_REDIS_URL is not set");
    auto a = makeRedis(url, m_prefix);
    auto b = makeRedis(url, m_prefix);
    m_redisPrefixes.append(m_prefix);
    QObject receiver;
    QByteArray heard;
    b->subscribe(QStringLiteral("keys"), &receiver, [&](const QString&, const QByteArray& message) {
        if (!message.isEmpty())
            heard = message;
    });
    QElapsedTimer timer;
    timer.start();
    while (heard.isEmpty() && timer.elapsed() < 5000) {
        a->publish(QStringLiteral("keys"), "rotated");
        QTest::qWait(100);
    }
    QCOMPARE(heard, QByteArray("rotated"));
    // And what one instance stores, the other sees.
    a->revokeTokenId(QStringLiteral("j"), Clock::nowSecs() + 60);
    QVERIFY(b->isTokenIdRevoked(QStringLiteral("j")));
}

void TestStateStore::prefixesIsolateDeployments()
{
    const QString url = qEnvironmentVariable("AUTH_TEST_REDIS_URL");
    if (url.isEmpty())
        QSKIP("AUTH_TEST_REDIS_URL is not set");
    auto a = makeRedis(url, m_prefix + QStringLiteral("a:"));
    auto b = makeRedis(url, m_prefix + QStringLiteral("b:"));
    m_redisPrefixes += {m_prefix + QStringLiteral("a:"), m_prefix + QStringLiteral("b:")};
    QVERIFY(a->claimOnce(QStringLiteral("k"), 60'000));
    QVERIFY(b->claimOnce(QStringLiteral("k"), 60'000));
    a->clearPrefix();
    QVERIFY(a->claimOnce(QStringLiteral("k"), 60'000));
    QVERIFY(!b->claimOnce(QStringLiteral("k"), 60'000));
}

void TestStateStore::timesOutOnStalledServer()
{
    // Accepts connections (the kernel does, into the backlog) and never answers.
    QTcpServer stalled;
    QVERIFY(stalled.listen(QHostAddress::LocalHost, 0));
    auto store = makeRedis(QStringLiteral("redis://127.0.0.1:%1").arg(stalled.serverPort()), m_prefix, 300);
    QElapsedTimer timer;
    timer.start();
    bool threw = false;
    try {
        store->consume(QStringLiteral("ip"), 60, 10, Clock::nowMs());
    } catch (const core::DependencyUnavailable& e) {
        threw = true;
        QCOMPARE(e.dependency(), QStringLiteral("redis"));
        QCOMPARE(e.detail(), QStringLiteral("timed out"));
    }
    QVERIFY(threw);
    QVERIFY2(timer.elapsed() < 1500, qPrintable(QString::number(timer.elapsed())));
    // Right after a failure the store fails fast instead of queueing on the timeout.
    timer.restart();
    QVERIFY_THROWS_EXCEPTION(core::DependencyUnavailable, store->isTokenIdRevoked(QStringLiteral("j")));
    QVERIFY(timer.elapsed() < 100);
    // The health probe always tries, and reports the timeout.
    QString error;
    timer.restart();
    QVERIFY(!store->healthy(&error));
    QCOMPARE(error, QStringLiteral("timed out"));
    QVERIFY(timer.elapsed() < 1500);
    QVERIFY_THROWS_EXCEPTION(core::DependencyUnavailable, store->claimOnce(QStringLiteral("c"), 1000));
}

void TestStateStore::failsClosedWhenRefused()
{
    const quint16 port = [] {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }();
    auto store = makeRedis(QStringLiteral("redis://127.0.0.1:%1").arg(port), m_prefix, 300);
    QVERIFY_THROWS_EXCEPTION(core::DependencyUnavailable,
                             store->consume(QStringLiteral("ip"), 60, 10, Clock::nowMs()));
    QVERIFY_THROWS_EXCEPTION(core::DependencyUnavailable, store->notBefore(QStringLiteral("u")));
    QString error;
    QVERIFY(!store->healthy(&error));
    QVERIFY(!error.isEmpty());
}

void TestStateStore::reconnectsAfterRestart()
{
    const QString server = QStandardPaths::findExecutable(QStringLiteral("redis-server"));
    if (server.isEmpty())
        QSKIP("redis-server is not installed");
    const quint16 port = [] {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }();
    const QStringList args {QStringLiteral("--port"),       QString::number(port),
                            QStringLiteral("--bind"),       QStringLiteral("127.0.0.1"),
                            QStringLiteral("--save"),       QString(),
                            QStringLiteral("--appendonly"), QStringLiteral("no")};
    QProcess redis;
    redis.setWorkingDirectory(QDir::tempPath());
    redis.start(server, args);
    QVERIFY(redis.waitForStarted());
    auto store = makeRedis(QStringLiteral("redis://127.0.0.1:%1").arg(port), m_prefix, 300);
    QTRY_VERIFY_WITH_TIMEOUT(store->healthy(nullptr), 5000);
    QObject receiver;
    QList<QByteArray> notices;
    store->subscribe(QStringLiteral("keys"), &receiver,
                     [&](const QString&, const QByteArray& message) { notices.append(message); });
    QTRY_VERIFY_WITH_TIMEOUT((store->publish(QStringLiteral("keys"), "before"), notices.contains("before")),
                             5000);
    QVERIFY(store->claimOnce(QStringLiteral("k"), 60'000));

    redis.kill();
    redis.waitForFinished();
    QVERIFY_THROWS_EXCEPTION(core::DependencyUnavailable, store->claimOnce(QStringLiteral("k2"), 60'000));
    QVERIFY(!store->healthy(nullptr));

    redis.start(server, args);
    QVERIFY(redis.waitForStarted());
    // Back without restarting anything: the pool reconnects, the subscriber
    // resubscribes and tells its listeners to resynchronise (an empty notice).
    QTRY_VERIFY_WITH_TIMEOUT(store->healthy(nullptr), 5000);
    // (QTRY evaluates its expression once more at the end: remember the success.)
    bool claimed = false;
    const auto tryClaim = [&] {
        try {
            return store->claimOnce(QStringLiteral("k2"), 60'000);
        } catch (const core::DependencyUnavailable&) {
            return false;
        }
    };
    QTRY_VERIFY_WITH_TIMEOUT(claimed || (claimed = tryClaim()), 5000);
    QVERIFY(!tryClaim()); // and it is a claim again: exactly once
    QTRY_VERIFY_WITH_TIMEOUT(notices.contains(QByteArray()), 8000);
    QTRY_VERIFY_WITH_TIMEOUT((store->publish(QStringLiteral("keys"), "after"), notices.contains("after")),
                             5000);
    store.reset();
    redis.terminate();
    redis.waitForFinished();
}

QTEST_GUILESS_MAIN(TestStateStore)
#include "TestStateStore.moc"
