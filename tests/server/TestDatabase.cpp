#include "storage/Database.h"
#include "storage/Migrations.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace auth::storage;

// Migrations and connections on SQLite, and on PostgreSQL when `make test`
// provides one (AUTH_TEST_POSTGRES_URL).
class TestDatabase : public QObject
{
    Q_OBJECT
private slots:
    void parsesUrls_data();
    void parsesUrls();
    void redactsPassword();
    void expandsDialect();
    void migratesSqlite();
    void migratesPostgres();
    void connectionPerThread();

private:
    void migrate(const DatabaseUrl& url);
};

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

void TestDatabase::migratesSqlite()
{
    QTemporaryDir dir;
    QString error;
    migrate(
        *DatabaseUrl::parse(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("auth.db")), {}, &error));
}

void TestDatabase::migratesPostgres()
{
    const QString url = qEnvironmentVariable("AUTH_TEST_POSTGRES_URL");
    if (url.isEmpty())
        QSKIP("AUTH_TEST_POSTGRES_URL not set (make test provides it)");
    QString error;
    const auto parsed = DatabaseUrl::parse(url, {}, &error);
    QVERIFY2(parsed, qPrintable(error));
    // A database of its own, so parallel tests never share schema state.
    const QString name = QStringLiteral("testdb_%1").arg(QCoreApplication::applicationPid());
    {
        DatabaseUrl admin = *parsed;
        Database server(admin);
        server
            .run([name](QSqlDatabase& db) {
                QSqlQuery query(db);
                query.exec(QStringLiteral("DROP DATABASE IF EXISTS ") + name);
                return query.exec(QStringLiteral("CREATE DATABASE ") + name);
            })
            .waitForFinished();
    }
    DatabaseUrl mine = *parsed;
    mine.database = name;
    migrate(mine);
}

void TestDatabase::connectionPerThread()
{
    QTemporaryDir dir;
    QString error;
    Database db(
        *DatabaseUrl::parse(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("a.db")), {}, &error));
    QVERIFY(db.open(&error));
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

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"
