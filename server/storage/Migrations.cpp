#include "storage/Migrations.h"

#include "logging/LogCategories.h"

#include <QDateTime>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace auth::storage {

const QList<Migrations::Migration>& Migrations::all()
{
    static const QList<Migration> migrations = {
        {1,
         "installation identity",
         {QStringLiteral("CREATE TABLE installation (id TEXT PRIMARY KEY, created_at {{BIGINT}} NOT NULL)")}},
        {2,
         "accounts, sessions, tokens, signing keys, OAuth clients",
         {
             QStringLiteral("CREATE TABLE users ("
                            " id TEXT PRIMARY KEY,"
                            " email TEXT NOT NULL UNIQUE,"
                            " name TEXT NOT NULL,"
                            " password_hash TEXT NOT NULL,"
                            " password_strength INTEGER NOT NULL,"
                            " roles TEXT NOT NULL DEFAULT 'user',"
                            " failed_logins INTEGER NOT NULL DEFAULT 0,"
                            " lockouts INTEGER NOT NULL DEFAULT 0,"
                            " locked_until {{BIGINT}},"
                            " admin_locked {{BOOL}} NOT NULL DEFAULT {{FALSE}},"
                            " lock_reason TEXT,"
                            " mfa_required {{BOOL}} NOT NULL DEFAULT {{FALSE}},"
                            " created_at {{BIGINT}} NOT NULL,"
                            " updated_at {{BIGINT}} NOT NULL,"
                            " password_changed_at {{BIGINT}} NOT NULL,"
                            " last_login_at {{BIGINT}})"),
             QStringLiteral("CREATE TABLE sessions ("
                            " id TEXT PRIMARY KEY,"
                            " user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                            " client_id TEXT,"
                            " created_at {{BIGINT}} NOT NULL,"
                            " last_seen_at {{BIGINT}} NOT NULL,"
                            " expires_at {{BIGINT}} NOT NULL,"
                            " revoked_at {{BIGINT}},"
                            " revoke_reason TEXT,"
                            " mfa_verified {{BOOL}} NOT NULL DEFAULT {{FALSE}},"
                            " source_ip TEXT,"
                            " user_agent TEXT)"),
             QStringLiteral("CREATE INDEX sessions_user ON sessions (user_id)"),
             QStringLiteral("CREATE TABLE refresh_tokens ("
                            " token_hash TEXT PRIMARY KEY,"
                            " family_id TEXT NOT NULL,"
                            " session_id TEXT,"
                            " user_id TEXT,"
                            " client_id TEXT,"
                            " scope TEXT NOT NULL DEFAULT '',"
                            " created_at {{BIGINT}} NOT NULL,"
                            " expires_at {{BIGINT}} NOT NULL,"
                            " used_at {{BIGINT}},"
                            " revoked_at {{BIGINT}})"),
             QStringLiteral("CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)"),
             QStringLiteral(
                 "CREATE TABLE revoked_tokens (jti TEXT PRIMARY KEY, expires_at {{BIGINT}} NOT NULL)"),
             QStringLiteral(
                 "CREATE TABLE revocation_marks (subject TEXT PRIMARY KEY, not_before {{BIGINT}} NOT NULL)"),
             QStringLiteral("CREATE TABLE signing_keys ("
                            " kid TEXT PRIMARY KEY,"
                            " algorithm TEXT NOT NULL,"
                            " private_key {{BLOB}} NOT NULL,"
                            " public_jwk TEXT NOT NULL,"
                            " state TEXT NOT NULL,"
                            " created_at {{BIGINT}} NOT NULL,"
                            " deactivated_at {{BIGINT}},"
                            " retire_after {{BIGINT}},"
                            " retired_at {{BIGINT}})"),
             QStringLiteral("CREATE TABLE oauth_clients ("
                            " client_id TEXT PRIMARY KEY,"
                            " name TEXT NOT NULL,"
                            " secret_hash TEXT,"
                            " confidential {{BOOL}} NOT NULL,"
                            " redirect_uris TEXT NOT NULL DEFAULT '',"
                            " grant_types TEXT NOT NULL,"
                            " scopes TEXT NOT NULL DEFAULT '',"
                            " disabled {{BOOL}} NOT NULL DEFAULT {{FALSE}},"
                            " created_at {{BIGINT}} NOT NULL)"),
             QStringLiteral("CREATE TABLE authorization_codes ("
                            " code_hash TEXT PRIMARY KEY,"
                            " client_id TEXT NOT NULL,"
                            " user_id TEXT NOT NULL,"
                            " session_id TEXT NOT NULL,"
                            " redirect_uri TEXT NOT NULL,"
                            " scope TEXT NOT NULL,"
                            " nonce TEXT,"
                            " code_challenge TEXT,"
                            " expires_at {{BIGINT}} NOT NULL,"
                            " used_at {{BIGINT}})"),
         }},
        {5,
         "containment state, evidence signing key",
         {
             QStringLiteral("CREATE TABLE containment_state ("
                            " id INTEGER PRIMARY KEY,"
                            " isolated {{BOOL}} NOT NULL DEFAULT {{FALSE}},"
                            " since {{BIGINT}},"
                            " actor TEXT,"
                            " reason TEXT,"
                            " version {{BIGINT}} NOT NULL DEFAULT 0)"),
             QStringLiteral("INSERT INTO containment_state (id, isolated, version) VALUES (1, {{FALSE}}, 0)"),
             QStringLiteral("CREATE TABLE evidence_keys ("
                            " kid TEXT PRIMARY KEY,"
                            " algorithm TEXT NOT NULL,"
                            " private_key {{BLOB}} NOT NULL,"
                            " public_pem TEXT NOT NULL,"
                            " created_at {{BIGINT}} NOT NULL)"),
         }},
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
    out.replace(QLatin1String("{{FALSE}}"), pg ? QLatin1String("FALSE") : QLatin1String("0"));
    out.replace(QLatin1String("{{AUTOINCREMENT_PK}}"),
                pg ? QLatin1String("BIGSERIAL PRIMARY KEY")
                   : QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT"));
    return out;
}

int Migrations::apply(QSqlDatabase& db, Backend backend, QString* error)
{
    QSqlQuery query(db);
    // Instances starting together against one PostgreSQL migrate one at a time.
    if (backend == Backend::PostgreSQL && !query.exec(QStringLiteral("SELECT pg_advisory_lock(727001)"))) {
        *error = query.lastError().text();
        return -1;
    }
    struct Unlock
    {
        QSqlDatabase& db;
        Backend backend;
        ~Unlock()
        {
            if (backend == Backend::PostgreSQL)
                QSqlQuery(db).exec(QStringLiteral("SELECT pg_advisory_unlock(727001)"));
        }
    } unlock {db, backend};
    if (!query.exec(QStringLiteral(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)"))) {
        *error = query.lastError().text();
        return -1;
    }
    // Applied versions as a set, not a maximum: parallel branches number their
    // migrations independently, so a lower version may arrive after a higher one.
    int current = 0;
    QSet<int> applied;
    if (query.exec(QStringLiteral("SELECT version FROM schema_migrations"))) {
        while (query.next()) {
            applied.insert(query.value(0).toInt());
            current = qMax(current, query.value(0).toInt());
        }
    }

    for (const Migration& migration : all()) {
        if (applied.contains(migration.version))
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
        current = qMax(current, migration.version);
    }
    return current;
}

} // namespace auth::storage
