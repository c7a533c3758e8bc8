#include "core/DependencyUnavailable.h"
#include "storage/Database.h"
#include "storage/Migrations.h"

#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace auth::storage;

// Migrations and connections: every store case runs on SQLite and on
// PostgreSQL (a fresh database on AUTH_TEST_POSTGRES_URL, which `make test`
// provides; the PostgreSQL rows skip only without it).
class TestDatabase : public QObject
{
    Q_OBJECT
private slots:
    void parsesUrls_data();
    void parsesUrls();
    void redactsPassword();
    void expandsDialect();
    void migrates_data() { backends(); }
    void migrates();
    void connectionPerThread_data() { backends(); }
    void connectionPerThread();
    void reopensAfterDropConnections_data() { backends(); }
    void reopensAfterDropConnections();
    void unreachableServerIsDependencyUnavailable();
    void cleanupTestCase();

private:
    void backends();
    // A fresh, empty database of the row's backend; nullopt to skip.
    std::optional<DatabaseUrl> freshDatabase();
    void migrate(const DatabaseUrl& url);
    QTemporaryDir m_dir;
    QStringList m_created; // PostgreSQL databases to drop
    std::optional<DatabaseUrl> m_admin;
};

void TestDatabase::backends()
{
    QTest::addColumn<int>("backend");
    QTest::newRow("sqlite") << int(Backend::SQLite);
    QTest::newRow("postgres") << int(Backend::PostgreSQL);
}

std::optional<DatabaseUrl> TestDatabase::freshDatabase()
{
    QFETCH(int, backend);
    QString error;
    const QString name = QStringLiteral("testdb_%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
    if (backend == int(Backend::SQLite))
        return DatabaseUrl::parse(QStringLiteral("sqlite:") + m_dir.filePath(name + QStringLiteral(".db")),
                                  {}, &error);
    const QString url = qEnvironmentVariable("AUTH_TEST_POSTGRES_URL");
    if (url.isEmpty())
        return std::nullopt;
    if (!m_admin)
        m_admin = DatabaseUrl::parse(url, {}, &error);
    Database server(*m_admin);
    const bool created = server
                             .run([name](QSqlDatabase& db) {
                                 return QSqlQuery(db).exec(QStringLiteral("CREATE DATABASE ") + name);
                             })
                             .result();
    if (!created)
        qFatal("cannot create a test database");
    m_created.append(name);
    DatabaseUrl mine = *m_admin;
    mine.database = name;
    return mine;
}

#define FRESH_DATABASE(url)                                                                                  \
    const auto url = freshDatabase();                                                                        \
    if (!url)                                                                                                \
        QSKIP("AUTH_TEST_POSTGRES_URL not set (make test provides it)");

void TestDatabase::parsesUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("backend");
    QTest::newRow("default") << QString() << true << int(Backend::SQLite);
    QTest::newRow("sqlite") << QStringLiteral("sqlite:/tmp/x.db") << true << int(Backend::SQLite);
    QTest::newRow("postgres") << QStringLiteral("postgres://u:p@db:5433/auth") << true
                              << int(Backend::PostgreSQL);
    QTest::newRow("postgresql") << QStringLiteral("postgresql://u@db/auth?sslmode=require") << true
                                << int(Backend::PostgreSQL);
    QTest::newRow("no db") << QStringLiteral("postgres://u:p@db:5433/") << false << 0;
    QTest::newRow("mysql") << QStringLiteral("mysql://u:p@db/auth") << false << 0;
    QTest::newRow("empty sqlite") << QStringLiteral("sqlite:") << false << 0;
}

void TestDatabase::parsesUrls()
{
    QFETCH(QString, url);
    QFETCH(bool, ok);
    QFETCH(int, backend);
    QString error;
    const auto parsed = DatabaseUrl::parse(url, QStringLiteral("/data"), &error);
    QCOMPARE(parsed.has_value(), ok);
    if (ok)
        QCOMPARE(int(parsed->backend), backend);
    else
        QVERIFY(error.startsWith(QStringLiteral("DATABASE_URL")));
}

void TestDatabase::redactsPassword()
{
    QString error;
    const auto parsed
        = DatabaseUrl::parse(QStringLiteral("postgres://auth:hunter2@db:5432/auth"), {}, &error);
    QVERIFY(parsed);
    QCOMPARE(parsed->password, QStringLiteral("hunter2"));
    QVERIFY(!parsed->redacted().contains(QStringLiteral("hunter2")));
}

void TestDatabase::expandsDialect()
{
    QCOMPARE(Migrations::expand(QStringLiteral("x {{BLOB}}"), Backend::PostgreSQL),
             QStringLiteral("x BYTEA"));
    QCOMPARE(Migrations::expand(QStringLiteral("x {{BLOB}}"), Backend::SQLite), QStringLiteral("x BLOB"));
}

void TestDatabase::migrate(const DatabaseUrl& url)
{
    int latest = 0;
    for (const Migrations::Migration& migration : Migrations::all())
        latest = std::max(latest, migration.version);
    {
        Database db(url);
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        QCOMPARE(db.schemaVersion(), latest);
        double latency = -1;
        QVERIFY(db.run([&db](QSqlDatabase&) {
                      QString pingError;
                      double ms = 0;
                      return db.ping(&pingError, &ms);
                  }).result());
        Q_UNUSED(latency);
    }
    // Opening again applies nothing twice.
    Database again(url);
    QString error;
    QVERIFY2(again.open(&error), qPrintable(error));
    QCOMPARE(again.schemaVersion(), latest);
    const int rows = again
                         .run([](QSqlDatabase& db) {
                             QSqlQuery query(db);
                             query.exec(QStringLiteral("SELECT COUNT(*) FROM schema_migrations"));
                             return query.next() ? query.value(0).toInt() : -1;
                         })
                         .result();
    QCOMPARE(rows, int(Migrations::all().size()));

    // Branches number migrations independently: a version below the highest
    // applied one that is not recorded yet still runs (here 6 under a 99).
    again
        .run([](QSqlDatabase& db) {
            QSqlQuery query(db);
            query.exec(QStringLiteral("DELETE FROM schema_migrations WHERE version = 6"));
            query.exec(QStringLiteral("DROP TABLE threat_profiles"));
            query.exec(QStringLiteral("INSERT INTO schema_migrations (version, description, applied_at) "
                                      "VALUES (99, 'from a later branch', 0)"));
        })
        .waitForFinished();
    Database late(url);
    QVERIFY2(late.open(&error), qPrintable(error));
    QCOMPARE(late.schemaVersion(), std::max(latest, 99));
    const bool reapplied
        = late.run([](QSqlDatabase& db) {
                  QSqlQuery query(db);
                  const bool table = query.exec(QStringLiteral("SELECT COUNT(*) FROM threat_profiles"));
                  query.exec(QStringLiteral("DELETE FROM schema_migrations WHERE version = 99"));
                  return table;
              })
              .result();
    QVERIFY(reapplied);
}

void TestDatabase::migrates()
{
    FRESH_DATABASE(url);
    migrate(*url);
}

void TestDatabase::connectionPerThread()
{
    FRESH_DATABASE(url);
    QString error;
    Database db(*url);
    QVERIFY2(db.open(&error), qPrintable(error));
    QList<QFuture<QString>> names;
    for (int i = 0; i < 16; ++i)
        names.append(db.run([](QSqlDatabase& c) {
            return c.connectionName() + (c.isOpen() ? QString() : QStringLiteral("!"));
        }));
    QSet<QString> distinct;
    for (auto& f : names) {
        QVERIFY(!f.result().endsWith(QLatin1Char('!')));
        distinct.insert(f.result());
    }
    // One connection per pool thread (open() may have run its migration on this thread).
    QVERIFY2(distinct.size() <= db.pool()->maxThreadCount() + 1,
             qPrintable(QStringList(distinct.values()).join(QLatin1Char(' '))));
}

void TestDatabase::reopensAfterDropConnections()
{
    FRESH_DATABASE(url);
    QString error;
    Database db(*url);
    QVERIFY2(db.open(&error), qPrintable(error));
    // On one pool thread: the same connection until dropConnections(), then a fresh one that works.
    const QStringList names
        = db.run([&db](QSqlDatabase& first) {
                const QString before = first.connectionName();
                const QString again = db.connection().connectionName();
                db.dropConnections();
                QSqlDatabase fresh = db.connection();
                const bool works = QSqlQuery(fresh).exec(QStringLiteral("SELECT 1"));
                return QStringList {before, again, fresh.connectionName(),
                                    works ? QStringLiteral("ok") : QStringLiteral("failed")};
            }).result();
    QCOMPARE(names.at(1), names.at(0));
    QVERIFY(names.at(2) != names.at(0));
    QCOMPARE(names.at(3), QStringLiteral("ok"));
}

void TestDatabase::unreachableServerIsDependencyUnavailable()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        port = probe.serverPort();
    }
    QString error;
    Database db(
        *DatabaseUrl::parse(QStringLiteral("postgres://auth@127.0.0.1:%1/auth").arg(port), {}, &error));
    QVERIFY(!db.open(&error));
    QVERIFY(!error.isEmpty());
    // Work queued anyway fails with the exception the HTTP layer turns into 503.
    QFuture<int> future = db.run([](QSqlDatabase&) { return 1; });
    QVERIFY_THROWS_EXCEPTION(auth::core::DependencyUnavailable, future.waitForFinished());
    double latency = 0;
    QString pingError;
    QVERIFY(!QtConcurrent::run(db.pool(), [&] { return db.ping(&pingError, &latency); }).result());
    QVERIFY(!pingError.isEmpty());
}

void TestDatabase::cleanupTestCase()
{
    if (!m_admin)
        return;
    Database server(*m_admin);
    for (const QString& name : std::as_const(m_created))
        server
            .run([name](QSqlDatabase& db) {
                QSqlQuery(db).exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
            })
            .waitForFinished();
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"
