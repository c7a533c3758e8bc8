#include "storage/Migrations.h"

#include "logging/LogCategories.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace auth::storage {

const QList<Migrations::Migration>& Migrations::all()
{
    static const QList<Migration> migrations = {
        {1,
         "installation identity",
         {QStringLiteral("CREATE TABLE installation (id TEXT PRIMARY KEY, created_at {{BIGINT}} NOT NULL)")}},
    };
    return migrations;
}

QString Migrations::expand(const QString& sql, Backend backend)
{
    QString out = sql;
    const bool pg = backend == Backend::PostgreSQL;
    out.replace(QLatin1String("{{BLOB}}"), pg ? QLatin1String("BYTEA") : QLatin1String("BLOB"));
    out.replace(QLatin1String("{{BIGINT}}"), QLatin1String("BIGINT"));
    out.replace(QLatin1String("{{BOOL}}"), pg ? QLatin1String("BOOLEAN") : QLatin1String("INTEGER"));
    out.replace(QLatin1String("{{AUTOINCREMENT_PK}}"),
                pg ? QLatin1String("BIGSERIAL PRIMARY KEY")
                   : QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT"));
    return out;
}

int Migrations::apply(QSqlDatabase& db, Backend backend, QString* error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)"))) {
        *error = query.lastError().text();
        return -1;
    }
    int current = 0;
    if (query.exec(QStringLiteral("SELECT MAX(version) FROM schema_migrations")) && query.next())
        current = query.value(0).toInt();

    for (const Migration& migration : all()) {
        if (migration.version <= current)
            continue;
        if (!db.transaction()) {
            *error = db.lastError().text();
            return -1;
        }
        QSqlQuery step(db);
        for (const QString& statement : migration.statements) {
            if (!step.exec(expand(statement, backend))) {
                *error = QStringLiteral("migration %1 (%2): %3")
                             .arg(migration.version)
                             .arg(QLatin1String(migration.description), step.lastError().text());
                db.rollback();
                return -1;
            }
        }
        step.prepare(QStringLiteral(
            "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)"));
        step.addBindValue(migration.version);
        step.addBindValue(QString::fromLatin1(migration.description));
        step.addBindValue(QDateTime::currentSecsSinceEpoch());
        if (!step.exec() || !db.commit()) {
            // Another instance migrating the same PostgreSQL at once loses here and retries on restart.
            *error = step.lastError().text();
            db.rollback();
            return -1;
        }
        qCInfo(lcStorage) << "applied migration" << migration.version << migration.description;
        current = migration.version;
    }
    return current;
}

} // namespace auth::storage
