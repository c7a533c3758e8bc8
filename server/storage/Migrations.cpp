#include "storage/Migrations.h"

#include "logging/LogCategories.h"

#include <QDateTime>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>

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
        {3,
         "multi-factor authentication: enrolments, WebAuthn credentials, backup codes, challenges",
         {
             // One row per enrolled factor; `secret` is the method's data sealed
             // with AES-256-GCM under a key derived from MASTER_KEY (TOTP seed,
             // phone number, e-mail address).
             QStringLiteral("CREATE TABLE mfa_enrollments ("
                            " id TEXT PRIMARY KEY,"
                            " user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                            " method TEXT NOT NULL CHECK (method IN ('totp', 'webauthn', 'sms', 'email')),"
                            " label TEXT NOT NULL DEFAULT '',"
                            " secret {{BLOB}},"
                            " confirmed {{BOOL}} NOT NULL DEFAULT {{FALSE}},"
                            " created_at {{BIGINT}} NOT NULL,"
                            " confirmed_at {{BIGINT}},"
                            " last_used_at {{BIGINT}})"),
             QStringLiteral("CREATE INDEX mfa_enrollments_user ON mfa_enrollments (user_id, method)"),
             QStringLiteral("CREATE UNIQUE INDEX mfa_enrollments_one_totp ON mfa_enrollments (user_id) "
                            "WHERE method = 'totp'"),
             QStringLiteral("CREATE TABLE webauthn_credentials ("
                            " credential_id TEXT PRIMARY KEY,"
                            " enrollment_id TEXT NOT NULL REFERENCES mfa_enrollments(id) ON DELETE CASCADE,"
                            " user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                            " public_key_cose {{BLOB}} NOT NULL,"
                            " public_key_der {{BLOB}},"
                            " algorithm INTEGER NOT NULL,"
                            " sign_count {{BIGINT}} NOT NULL DEFAULT 0,"
                            " transports TEXT NOT NULL DEFAULT '',"
                            " aaguid TEXT,"
                            " attestation_format TEXT,"
                            " created_at {{BIGINT}} NOT NULL,"
                            " last_used_at {{BIGINT}})"),
             QStringLiteral("CREATE INDEX webauthn_credentials_user ON webauthn_credentials (user_id)"),
             QStringLiteral("CREATE TABLE mfa_backup_codes ("
                            " id {{AUTOINCREMENT_PK}},"
                            " user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                            " code_hash TEXT NOT NULL,"
                            " created_at {{BIGINT}} NOT NULL,"
                            " used_at {{BIGINT}})"),
             QStringLiteral("CREATE INDEX mfa_backup_codes_user ON mfa_backup_codes (user_id)"),
             // The second step of a login (or a forced enrolment): found by the
             // SHA-256 of the opaque mfa_token, single use. `data` holds what a
             // method binds to the challenge (a WebAuthn challenge, a sealed
             // SMS/e-mail code), `attempts` what it counts.
             QStringLiteral("CREATE TABLE mfa_challenges ("
                            " token_hash TEXT PRIMARY KEY,"
                            " user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                            " purpose TEXT NOT NULL,"
                            " methods TEXT NOT NULL,"
                            " data TEXT,"
                            " attempts INTEGER NOT NULL DEFAULT 0,"
                            " source_ip TEXT,"
                            " user_agent TEXT,"
                            " created_at {{BIGINT}} NOT NULL,"
                            " expires_at {{BIGINT}} NOT NULL,"
                            " used_at {{BIGINT}})"),
             QStringLiteral("CREATE INDEX mfa_challenges_expiry ON mfa_challenges (expires_at)"),
             // Consecutive failed codes and the MFA lock they lead to, shared by all instances.
             QStringLiteral("CREATE TABLE mfa_user_state ("
                            " user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,"
                            " failed_attempts INTEGER NOT NULL DEFAULT 0,"
                            " locked_until {{BIGINT}},"
                            " updated_at {{BIGINT}} NOT NULL)"),
         }},
        {4,
         "security event store and alerts",
         {
             QStringLiteral("CREATE TABLE security_events ("
                            " id {{AUTOINCREMENT_PK}},"
                            " time_ms {{BIGINT}} NOT NULL,"
                            " type TEXT NOT NULL,"
                            " severity INTEGER NOT NULL,"
                            " user_id TEXT,"
                            " user_email TEXT,"
                            " source_ip TEXT,"
                            " ip_key {{BLOB}},"
                            " request_id TEXT,"
                            " details TEXT NOT NULL)"),
             // Every filter column leads an index that ends in id, so a filtered
             // page is an ordered index range walk (newest first), not a sort.
             QStringLiteral("CREATE INDEX security_events_time ON security_events (time_ms, id)"),
             QStringLiteral("CREATE INDEX security_events_type ON security_events (type, id)"),
             QStringLiteral("CREATE INDEX security_events_severity ON security_events (severity, id)"),
             QStringLiteral("CREATE INDEX security_events_user ON security_events (user_id, id)"),
             QStringLiteral("CREATE INDEX security_events_email ON security_events (user_email, id)"),
             QStringLiteral("CREATE INDEX security_events_ip ON security_events (ip_key, id)"),
             QStringLiteral("CREATE TABLE alerts ("
                            " id {{AUTOINCREMENT_PK}},"
                            " rule TEXT NOT NULL,"
                            " severity TEXT NOT NULL,"
                            " subject TEXT NOT NULL,"
                            " state TEXT NOT NULL,"
                            " first_seen {{BIGINT}} NOT NULL,"
                            " last_seen {{BIGINT}} NOT NULL,"
                            " resolved_at {{BIGINT}},"
                            " details TEXT NOT NULL,"
                            " acknowledged_by TEXT,"
                            " acknowledged_at {{BIGINT}},"
                            " ack_reason TEXT)"),
             QStringLiteral("CREATE INDEX alerts_state ON alerts (state, id)"),
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
        {6,
         "threat detection: per-user behaviour profiles",
         {
             QStringLiteral("CREATE TABLE threat_profiles ("
                            " user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,"
                            " profile TEXT NOT NULL,"
                            " updated_at {{BIGINT}} NOT NULL)"),
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
    // Each migration is applied once by its own number, so a branch's number
    // merged later than a higher one still runs (3 after 4), in ascending order.
    QSet<int> applied;
    int current = 0;
    if (query.exec(QStringLiteral("SELECT version FROM schema_migrations"))) {
        while (query.next()) {
            applied.insert(query.value(0).toInt());
            current = std::max(current, query.value(0).toInt());
        }
    }
    QList<Migration> pending;
    for (const Migration& migration : all()) {
        if (!applied.contains(migration.version))
            pending.append(migration);
    }
    std::sort(pending.begin(), pending.end(),
              [](const Migration& a, const Migration& b) { return a.version < b.version; });

    for (const Migration& migration : std::as_const(pending)) {
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
        current = std::max(current, migration.version);
    }
    return current;
}

} // namespace auth::storage
