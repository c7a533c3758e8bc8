#include "ops/BackupCommand.h"

#include "config/Config.h"
#include "core/AuthService.h"
#include "crypto/Digest.h"
#include "ops/BackupManifest.h"
#include "storage/Database.h"
#include "storage/Migrations.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <algorithm>
#include <cstdio>

namespace auth::ops {

namespace {

const QString ManifestName = QStringLiteral("MANIFEST.json");
const QString SqliteFile = QStringLiteral("auth.db");
const QString PgDumpFile = QStringLiteral("database.pgdump");
const QString MasterKeyFile = QStringLiteral("master.key");

struct Failure
{
    QString message;
};

void say(const QString& line)
{
    std::fprintf(stdout, "%s\n", qPrintable(line));
    std::fflush(stdout);
}

void warn(const QString& line)
{
    std::fprintf(stderr, "auth-service: warning: %s\n", qPrintable(line));
}

// Where the service keeps its data, as the daemon itself resolves it.
struct Target
{
    Config config;
    QString dataDir;
    storage::DatabaseUrl url;
};

Target loadTarget(const QCommandLineParser& parser, const QCommandLineOption& configOption)
{
    const bool explicitPath = parser.isSet(configOption);
    const QString path = explicitPath ? parser.value(configOption) : Config::defaultConfigPath();
    Target target {Config::load(path, explicitPath), {}, {}};
    if (!target.config.problems().isEmpty())
        throw Failure {QStringLiteral("invalid configuration: ") + target.config.problems().first().toLine()};
    target.dataDir = core::AuthService::resolveDataDir(target.config);
    QString error;
    const auto url = storage::DatabaseUrl::parse(target.config.string(QStringLiteral("storage.database_url")),
                                                 target.dataDir, &error);
    if (!url)
        throw Failure {error};
    if (url->backend == storage::Backend::SQLite && url->path == QLatin1String(":memory:"))
        throw Failure {QStringLiteral("DATABASE_URL: an in-memory database cannot be backed up or restored")};
    target.url = *url;
    return target;
}

// A plain connection on this thread, with no migrations: restore must see the store as it is.
class Connection
{
public:
    explicit Connection(const storage::DatabaseUrl& url)
        : m_name(QStringLiteral("auth-ops-%1").arg(quintptr(this)))
    {
        if (url.backend == storage::Backend::SQLite) {
            m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
            m_db.setDatabaseName(url.path);
            m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        } else {
            m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
            m_db.setHostName(url.host);
            m_db.setPort(url.port);
            m_db.setUserName(url.user);
            m_db.setPassword(url.password);
            m_db.setDatabaseName(url.database);
            QString options = QStringLiteral("connect_timeout=10");
            if (!url.sslMode.isEmpty())
                options += QStringLiteral(";sslmode=") + url.sslMode;
            m_db.setConnectOptions(options);
        }
        if (!m_db.open())
            throw Failure {QStringLiteral("database %1: %2").arg(url.redacted(), m_db.lastError().text())};
    }
    ~Connection()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    QSqlQuery exec(const QString& sql)
    {
        QSqlQuery query(m_db);
        if (!query.exec(sql))
            throw Failure {QStringLiteral("%1: %2").arg(sql.section(u' ', 0, 1), query.lastError().text())};
        return query;
    }
    QVariant scalar(const QString& sql)
    {
        QSqlQuery query = exec(sql);
        return query.next() ? query.value(0) : QVariant();
    }
    int userTableCount(storage::Backend backend)
    {
        return scalar(
                   backend == storage::Backend::SQLite
                       ? QStringLiteral(
                           "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT "
                           "LIKE 'sqlite_%'")
                       : QStringLiteral("SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE schemaname NOT IN "
                                        "('pg_catalog', 'information_schema')"))
            .toInt();
    }

private:
    QString m_name;
    QSqlDatabase m_db;
};

QString sqlQuote(const QString& text)
{
    QString out = text;
    out.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

// pg_dump / pg_restore with the password in PGPASSWORD, never on the command line.
void runPgTool(const QString& tool, QStringList args, const storage::DatabaseUrl& url)
{
    const QString program = QStandardPaths::findExecutable(tool);
    if (program.isEmpty())
        throw Failure {QStringLiteral("%1 not found in PATH (Debian package postgresql-client)").arg(tool)};
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGPASSWORD"), url.password);
    env.insert(QStringLiteral("PGCONNECT_TIMEOUT"), QStringLiteral("10"));
    if (!url.sslMode.isEmpty())
        env.insert(QStringLiteral("PGSSLMODE"), url.sslMode);
    args << QStringLiteral("--host=") + url.host << QStringLiteral("--port=") + QString::number(url.port)
         << QStringLiteral("--username=") + url.user << QStringLiteral("--no-password");
    QProcess process;
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::ForwardedOutputChannel);
    process.start(program, args);
    if (!process.waitForStarted(10'000) || !process.waitForFinished(-1)
        || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        throw Failure {QStringLiteral("%1 failed (exit %2): %3")
                           .arg(tool)
                           .arg(process.exitCode())
                           .arg(QString::fromLocal8Bit(process.readAllStandardError()).trimmed())};
    }
}

QByteArray configuredMasterKey(const Config& config)
{
    return config.string(QStringLiteral("jwt.master_key")).toUtf8();
}

void writeFile(const QString& path, const QByteArray& data)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)
        || !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner) || file.write(data) != data.size())
        throw Failure {QStringLiteral("cannot write %1").arg(path)};
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Failure {QStringLiteral("cannot read %1").arg(path)};
    return file.readAll();
}

void writeBackup(const Target& target, const QString& out);

void backup(const Target& target, const QString& outPath)
{
    const QString out = QFileInfo(outPath).absoluteFilePath();
    const QDir dir(out);
    if (dir.exists() && !dir.isEmpty())
        throw Failure {QStringLiteral("%1 exists and is not empty; choose a new directory").arg(out)};
    if (!QDir().mkpath(out)
        || !QFile::setPermissions(out, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
        throw Failure {QStringLiteral("cannot create %1").arg(out)};
    try {
        writeBackup(target, out);
    } catch (const Failure&) {
        // A half-written backup must not pass for a good one later.
        QDir(out).removeRecursively();
        throw;
    }
}

void writeBackup(const Target& target, const QString& out)
{
    const QDir dir(out);
    BackupManifest manifest;
    manifest.serviceVersion = QStringLiteral(AUTH_VERSION);
    manifest.createdAt = QDateTime::currentDateTimeUtc();
    QString error;
    if (target.url.backend == storage::Backend::SQLite) {
        manifest.backend = QStringLiteral("sqlite");
        if (!QFileInfo::exists(target.url.path))
            throw Failure {QStringLiteral("no database at %1").arg(target.url.path)};
        const QString copy = dir.filePath(SqliteFile);
        {
            // VACUUM INTO writes one consistent, compact copy while the service keeps running.
            Connection source(target.url);
            source.exec(QStringLiteral("VACUUM INTO ") + sqlQuote(copy));
        }
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        storage::DatabaseUrl copyUrl = target.url;
        copyUrl.path = copy;
        Connection check(copyUrl);
        const QString integrity = check.scalar(QStringLiteral("PRAGMA integrity_check")).toString();
        if (integrity != QLatin1String("ok"))
            throw Failure {QStringLiteral("the copy fails its integrity check: %1").arg(integrity)};
        manifest.schemaVersion
            = check.scalar(QStringLiteral("SELECT MAX(version) FROM schema_migrations")).toInt();
        if (!manifest.addFile(out, SqliteFile, &error))
            throw Failure {error};
    } else {
        manifest.backend = QStringLiteral("postgres");
        {
            Connection source(target.url);
            manifest.schemaVersion
                = source.scalar(QStringLiteral("SELECT MAX(version) FROM schema_migrations")).toInt();
        }
        // A custom-format dump is one consistent snapshot of every table.
        runPgTool(QStringLiteral("pg_dump"),
                  {QStringLiteral("--format=custom"), QStringLiteral("--no-owner"),
                   QStringLiteral("--no-privileges"), QStringLiteral("--file=") + dir.filePath(PgDumpFile),
                   QStringLiteral("--dbname=") + target.url.database},
                  target.url);
        QFile::setPermissions(dir.filePath(PgDumpFile), QFile::ReadOwner | QFile::WriteOwner);
        if (!manifest.addFile(out, PgDumpFile, &error))
            throw Failure {error};
    }
    if (manifest.schemaVersion < 1)
        throw Failure {QStringLiteral("the database has no schema yet; start auth-service once first")};

    QByteArray masterKey = configuredMasterKey(target.config);
    if (masterKey.isEmpty()) {
        const QString keyPath = QDir(target.dataDir).filePath(MasterKeyFile);
        masterKey = readFile(keyPath);
        writeFile(dir.filePath(MasterKeyFile), masterKey);
        if (!manifest.addFile(out, MasterKeyFile, &error))
            throw Failure {error};
        manifest.masterKey = QStringLiteral("file");
        warn(QStringLiteral(
                 "MASTER_KEY is not set, so this backup includes the development key file %1/%2: "
                 "anyone holding the backup can open the signing keys. Set MASTER_KEY in production.")
                 .arg(out, MasterKeyFile));
    } else {
        manifest.masterKey = QStringLiteral("external");
        say(QStringLiteral("signing keys stay sealed under MASTER_KEY, which is not in the backup: "
                           "restore needs the same MASTER_KEY"));
    }
    manifest.masterKeyCheck = BackupManifest::keyCheck(masterKey);
    writeFile(dir.filePath(ManifestName), manifest.toJson());
    say(QStringLiteral("backup of %1 (schema version %2) written to %3")
            .arg(target.url.redacted())
            .arg(manifest.schemaVersion)
            .arg(out));
}

void restore(const Target& target, const QString& fromPath)
{
    const QString from = QFileInfo(fromPath).absoluteFilePath();
    QString error;
    const auto manifest = BackupManifest::fromJson(readFile(QDir(from).filePath(ManifestName)), &error);
    if (!manifest)
        throw Failure {error};
    if (!manifest->verify(from, &error))
        throw Failure {error};
    int known = 0; // migrations are numbered by branch, not listed in order
    for (const auto& migration : storage::Migrations::all())
        known = std::max(known, migration.version);
    if (manifest->schemaVersion > known)
        throw Failure {
            QStringLiteral("the backup has schema version %1, newer than this auth-service knows (%2); "
                           "install the version that made it (%3) or newer")
                .arg(manifest->schemaVersion)
                .arg(known)
                .arg(manifest->serviceVersion)};
    const bool sqlite = target.url.backend == storage::Backend::SQLite;
    if (manifest->backend != (sqlite ? QLatin1String("sqlite") : QLatin1String("postgres")))
        throw Failure {
            QStringLiteral("the backup is of a %1 database but DATABASE_URL selects %2")
                .arg(manifest->backend, sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgres"))};

    // The key the restored service will use must open the saved signing keys.
    const QString keyPath = QDir(target.dataDir).filePath(MasterKeyFile);
    QByteArray masterKey = configuredMasterKey(target.config);
    const bool copyKeyFile = masterKey.isEmpty() && manifest->masterKey == QLatin1String("file");
    if (copyKeyFile) {
        if (QFileInfo::exists(keyPath))
            throw Failure {
                QStringLiteral("%1 already exists: restore only into an empty data directory").arg(keyPath)};
        masterKey = readFile(QDir(from).filePath(MasterKeyFile));
    } else if (masterKey.isEmpty()) {
        throw Failure {QStringLiteral("the backup's signing keys are sealed under MASTER_KEY; set the same "
                                      "MASTER_KEY to restore it")};
    }
    if (!crypto::constantTimeEquals(BackupManifest::keyCheck(masterKey), manifest->masterKeyCheck))
        throw Failure {
            QStringLiteral("MASTER_KEY does not match the key the backup's signing keys are sealed "
                           "with")};

    {
        // Refuse anything but an empty store: a restore never merges into live data.
        if (sqlite && QFileInfo::exists(target.url.path)) {
            Connection existing(target.url);
            if (existing.userTableCount(target.url.backend) > 0)
                throw Failure {
                    QStringLiteral("the database %1 is not empty: restore only into an empty store "
                                   "(stop auth-service and move the old database away first)")
                        .arg(target.url.redacted())};
        } else if (!sqlite) {
            Connection existing(target.url);
            if (existing.userTableCount(target.url.backend) > 0)
                throw Failure {
                    QStringLiteral("the database %1 is not empty: restore only into an empty store "
                                   "(create a new database, or drop this one's tables first)")
                        .arg(target.url.redacted())};
        }
    }

    if (sqlite) {
        const QFileInfo targetInfo(target.url.path);
        if (!QDir().mkpath(targetInfo.absolutePath()))
            throw Failure {QStringLiteral("cannot create %1").arg(targetInfo.absolutePath())};
        QFile::setPermissions(targetInfo.absolutePath(),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const QString staging = target.url.path + QStringLiteral(".restoring");
        QFile::remove(staging);
        if (!QFile::copy(QDir(from).filePath(SqliteFile), staging)
            || !QFile::setPermissions(staging, QFile::ReadOwner | QFile::WriteOwner))
            throw Failure {QStringLiteral("cannot write %1").arg(staging)};
        {
            storage::DatabaseUrl stagingUrl = target.url;
            stagingUrl.path = staging;
            Connection check(stagingUrl);
            const QString integrity = check.scalar(QStringLiteral("PRAGMA integrity_check")).toString();
            if (integrity != QLatin1String("ok")) {
                QFile::remove(staging);
                throw Failure {
                    QStringLiteral("the restored copy fails its integrity check: %1").arg(integrity)};
            }
        }
        // The empty database (if any) and its journal go; rename() makes the switch atomic.
        for (const QString& suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(target.url.path + suffix);
        if (std::rename(QFile::encodeName(staging).constData(),
                        QFile::encodeName(target.url.path).constData())
            != 0)
            throw Failure {QStringLiteral("cannot move %1 into place").arg(staging)};
    } else {
        runPgTool(QStringLiteral("pg_restore"),
                  {QStringLiteral("--no-owner"), QStringLiteral("--no-privileges"),
                   QStringLiteral("--exit-on-error"), QStringLiteral("--single-transaction"),
                   QStringLiteral("--dbname=") + target.url.database, QDir(from).filePath(PgDumpFile)},
                  target.url);
    }
    if (copyKeyFile) {
        if (!QDir().mkpath(target.dataDir))
            throw Failure {QStringLiteral("cannot create %1").arg(target.dataDir)};
        writeFile(keyPath, masterKey);
    }
    say(QStringLiteral("restored the backup of %1 (schema version %2, made by %3) into %4")
            .arg(manifest->createdAt.toString(Qt::ISODate))
            .arg(manifest->schemaVersion)
            .arg(manifest->serviceVersion, target.url.redacted()));
}

} // namespace

bool isMaintenanceCommand(const QStringList& arguments)
{
    return arguments.size() > 1
        && (arguments.at(1) == QLatin1String("backup") || arguments.at(1) == QLatin1String("restore"));
}

int runMaintenanceCommand(const QStringList& arguments)
{
    const QString command = arguments.at(1);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption configOption(
        QStringLiteral("config"),
        QStringLiteral("Configuration file (default /etc/auth-service/config.toml)."),
        QStringLiteral("path"));
    const QCommandLineOption outOption(QStringLiteral("out"),
                                       QStringLiteral("New (or empty) directory to write the backup to."),
                                       QStringLiteral("dir"));
    parser.addOption(configOption);
    if (command == QLatin1String("backup")) {
        parser.setApplicationDescription(QStringLiteral(
            "Write a consistent snapshot of the database (SQLite VACUUM INTO or pg_dump) and a "
            "MANIFEST.json with SHA-256 sums to a new directory."));
        parser.addOption(outOption);
        parser.addPositionalArgument(QStringLiteral("backup"), QStringLiteral("The command."));
    } else {
        parser.setApplicationDescription(
            QStringLiteral("Verify a backup directory and restore it into an empty store."));
        parser.addPositionalArgument(QStringLiteral("restore"), QStringLiteral("The command."));
        parser.addPositionalArgument(QStringLiteral("dir"), QStringLiteral("Backup directory."));
    }
    parser.process(arguments);
    try {
        const Target target = loadTarget(parser, configOption);
        if (command == QLatin1String("backup")) {
            if (!parser.isSet(outOption) || parser.positionalArguments().size() != 1) {
                std::fprintf(stderr, "usage: auth-service backup --out DIR [--config FILE]\n");
                return 2;
            }
            backup(target, parser.value(outOption));
        } else {
            if (parser.positionalArguments().size() != 2) {
                std::fprintf(stderr, "usage: auth-service restore DIR [--config FILE]\n");
                return 2;
            }
            restore(target, parser.positionalArguments().at(1));
        }
    } catch (const Failure& failure) {
        std::fprintf(stderr, "auth-service %s: %s\n", qPrintable(command), qPrintable(failure.message));
        return 1;
    }
    return 0;
}

} // namespace auth::ops
