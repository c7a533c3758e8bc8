#include "storage/Database.h"
#include "storage/Migrations.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace auth::storage;

// Branches number their migrations independently, so a database may hold a
// higher version before a lower one exists: the runner applies whatever is
// missing, not only what is above the highest applied version.
class TestMigrations : public QObject
{
    Q_OBJECT
private slots:
    void appliesALowerVersionAddedLater();
};

void TestMigrations::appliesALowerVersionAddedLater()
{
    QTemporaryDir dir;
    QString error;
    const auto url
        = DatabaseUrl::parse(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("gap.db")), {}, &error);
    QVERIFY2(url, qPrintable(error));
    const int latest = Migrations::all().last().version;
    QVERIFY(latest > 2);
    {
        Database db(*url);
        QVERIFY2(db.open(&error), qPrintable(error));
        // Make the database look as if migration 2 had not existed when the later ones ran.
        const bool undone
            = db.run([](QSqlDatabase& c) {
                    QSqlQuery query(c);
                    for (const char* table :
                         {"authorization_codes", "oauth_clients", "signing_keys", "revocation_marks",
                          "revoked_tokens", "refresh_tokens", "sessions", "users"}) {
                        if (!query.exec(QStringLiteral("DROP TABLE %1").arg(QLatin1String(table))))
                            return false;
                    }
                    return query.exec(QStringLiteral("DELETE FROM schema_migrations WHERE version = 2"));
                }).result();
        QVERIFY(undone);
    }
    Database again(*url);
    QVERIFY2(again.open(&error), qPrintable(error));
    QCOMPARE(again.schemaVersion(), latest);
    const QList<int> applied
        = again
              .run([](QSqlDatabase& c) {
                  QList<int> versions;
                  QSqlQuery query(c);
                  query.exec(QStringLiteral("SELECT version FROM schema_migrations ORDER BY version"));
                  while (query.next())
                      versions.append(query.value(0).toInt());
                  return versions;
              })
              .result();
    QList<int> expected;
    for (const Migrations::Migration& migration : Migrations::all())
        expected.append(migration.version);
    QCOMPARE(applied, expected);
    QVERIFY(again
                .run([](QSqlDatabase& c) {
                    return QSqlQuery(c).exec(QStringLiteral("SELECT COUNT(*) FROM users"));
                })
                .result());
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "TestMigrations.moc"
