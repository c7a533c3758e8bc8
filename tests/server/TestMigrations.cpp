#include "storage/Database.h"
#include "storage/Migrations.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace auth::storage;

// The runner applies versions by set: a migration merged later with a number
// below one a database already has is still applied (branches take numbers
// in parallel), and nothing is applied twice.
class TestMigrations : public QObject
{
    Q_OBJECT
private slots:
    void appliesAVersionBelowTheHighest();
    void versionsAreUniqueAndAscending();
};

void TestMigrations::appliesAVersionBelowTheHighest()
{
    QTemporaryDir dir;
    QString error;
    const auto url
        = DatabaseUrl::parse(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("auth.db")), {}, &error);
    QVERIFY2(url, qPrintable(error));
    {
        Database db(*url);
        QVERIFY2(db.open(&error), qPrintable(error));
        // As if version 3 had not been merged yet while a later branch's 99 had run.
        const bool rewound
            = db.run([](QSqlDatabase& sql) {
                    QSqlQuery query(sql);
                    for (const char* table : {"mfa_user_state", "mfa_challenges", "mfa_backup_codes",
                                              "webauthn_credentials", "mfa_enrollments"}) {
                        if (!query.exec(QStringLiteral("DROP TABLE ") + QLatin1String(table)))
                            return false;
                    }
                    return query.exec(QStringLiteral("DELETE FROM schema_migrations WHERE version = 3"))
                        && query.exec(QStringLiteral("INSERT INTO schema_migrations (version, "
                                                     "description, applied_at) VALUES (99, 'later', 0)"));
                }).result();
        QVERIFY(rewound);
    }
    Database again(*url);
    QVERIFY2(again.open(&error), qPrintable(error));
    QCOMPARE(again.schemaVersion(), 99);
    const int enrollments = again
                                .run([](QSqlDatabase& sql) {
                                    QSqlQuery query(sql);
                                    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM mfa_enrollments")))
                                        return -1;
                                    return query.next() ? query.value(0).toInt() : -1;
                                })
                                .result();
    QCOMPARE(enrollments, 0); // the table exists again
    const int versions = again
                             .run([](QSqlDatabase& sql) {
                                 QSqlQuery query(sql);
                                 query.exec(QStringLiteral("SELECT COUNT(*) FROM schema_migrations"));
                                 return query.next() ? query.value(0).toInt() : -1;
                             })
                             .result();
    QCOMPARE(versions, int(Migrations::all().size()) + 1);
}

// The runner sorts, but the list is read by people: in version order, each
// number once (schema_migrations keys on it, so a repeat would never apply).
void TestMigrations::versionsAreUniqueAndAscending()
{
    int previous = 0;
    for (const Migrations::Migration& migration : Migrations::all()) {
        QVERIFY2(migration.version > previous,
                 qPrintable(QStringLiteral("migration %1 follows %2").arg(migration.version).arg(previous)));
        previous = migration.version;
    }
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "TestMigrations.moc"
