#include "storage/Database.h"

#include "core/DependencyUnavailable.h"
#include "logging/LogCategories.h"
#include "storage/Migrations.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>
#include <map>
#include <memory>

namespace auth::storage {

namespace {

std::atomic<quint64> s_nextInstance {1};

// Removes a thread's connection when the thread ends, so pool threads that
// expire do not leak open database handles.
struct ConnectionGuard
{
    QString name;
    quint64 generation = 0;
    ~ConnectionGuard()
    {
        // The main thread's guard dies at exit, after QCoreApplication has gone
        // and the SQL driver plugins with it; the process is ending anyway.
        if (!QCoreApplication::instance())
            return;
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isValid())
                db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
};

// Destroyed when the thread ends (pool threads expire, the main thread exits).
thread_local std::map<quint64, std::unique_ptr<ConnectionGuard>> t_connections;

} // namespace

std::optional<DatabaseUrl> DatabaseUrl::parse(const QString& url, const QString& dataDir, QString* error)
{
    DatabaseUrl result;
    if (url.isEmpty()) {
        result.path = QDir(dataDir).filePath(QStringLiteral("auth.db"));
        return result;
    }
    if (url.startsWith(QLatin1String("sqlite:"))) {
        result.path = url.mid(7);
        if (result.path.startsWith(QLatin1String("//")))
            result.path = result.path.mid(2);
        if (result.path.isEmpty()) {
            *error = QStringLiteral("DATABASE_URL: sqlite URL names no file");
            return std::nullopt;
        }
        return result;
    }
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid()
        || (parsed.scheme() != QLatin1String("postgres") && parsed.scheme() != QLatin1String("postgresql"))) {
        *error
            = QStringLiteral("DATABASE_URL: expected sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB");
        return std::nullopt;
    }
    result.backend = Backend::PostgreSQL;
    result.host = parsed.host().isEmpty() ? QStringLiteral("localhost") : parsed.host();
    result.port = parsed.port(5432);
    result.user = parsed.userName();
    result.password = parsed.password();
    result.database = parsed.path().mid(1);
    result.sslMode = QUrlQuery(parsed).queryItemValue(QStringLiteral("sslmode"));
    if (result.database.isEmpty()) {
        *error = QStringLiteral("DATABASE_URL: the PostgreSQL URL names no database");
        return std::nullopt;
    }
    return result;
}

QString DatabaseUrl::redacted() const
{
    if (backend == Backend::SQLite)
        return QStringLiteral("sqlite:") + path;
    return QStringLiteral("postgres://%1@%2:%3/%4").arg(user, host).arg(port).arg(database);
}

Database::Database(DatabaseUrl url)
    : m_url(std::move(url))
    , m_instance(s_nextInstance.fetch_add(1))
{
    // SQLite serialises writers anyway; a few threads cover reads. PostgreSQL gets more.
    m_pool.setMaxThreadCount(m_url.backend == Backend::SQLite ? 4 : 8);
    m_pool.setExpiryTimeout(60'000);
}

Database::~Database()
{
    m_pool.waitForDone();
    m_pool.clear();
}

QSqlDatabase Database::openConnection(const QString& name, QString* error)
{
    QSqlDatabase db;
    if (m_url.backend == Backend::SQLite) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_url.path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    } else {
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(m_url.host);
        db.setPort(m_url.port);
        db.setUserName(m_url.user);
        db.setPassword(m_url.password);
        db.setDatabaseName(m_url.database);
        // Bounded waits: a hanging server costs a request seconds, never a thread forever.
        QString options = QStringLiteral("connect_timeout=3;options='-c statement_timeout=5000 -c "
                                         "lock_timeout=3000 -c idle_in_transaction_session_timeout=10000'");
        if (!m_url.sslMode.isEmpty())
            options += QStringLiteral(";sslmode=") + m_url.sslMode;
        db.setConnectOptions(options);
    }
    if (!db.open()) {
        if (error)
            *error = db.lastError().text();
        return db;
    }
    if (m_url.backend == Backend::SQLite) {
        QSqlQuery pragma(db);
        pragma.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        pragma.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        pragma.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    }
    return db;
}

QSqlDatabase Database::connection()
{
    auto it = t_connections.find(m_instance);
    if (it != t_connections.end()) {
        QSqlDatabase db = QSqlDatabase::database(it->second->name, false);
        if (db.isOpen() && it->second->generation == m_generation.load())
            return db;
        // A dropped PostgreSQL connection, or one from before an outage the
        // health check saw: open a fresh one under a new name.
        t_connections.erase(it);
    }
    static std::atomic<quint64> serial {0};
    const QString name = QStringLiteral("auth-db-%1-%2").arg(m_instance).arg(serial.fetch_add(1));
    QString error;
    QSqlDatabase db = openConnection(name, &error);
    auto guard = std::make_unique<ConnectionGuard>();
    guard->name = name; // built in place: a temporary guard would remove the connection
    guard->generation = m_generation.load();
    t_connections.emplace(m_instance, std::move(guard));
    if (!db.isOpen()) {
        qCWarning(lcStorage).noquote() << "cannot open database connection:" << error;
        throw core::DependencyUnavailable(QStringLiteral("database"), error);
    }
    return db;
}

void Database::dropConnections()
{
    m_generation.fetch_add(1);
}

bool Database::open(QString* error)
{
    if (m_url.backend == Backend::SQLite && m_url.path != QLatin1String(":memory:")) {
        const QFileInfo info(m_url.path);
        if (!QDir().mkpath(info.absolutePath())) {
            *error = QStringLiteral("cannot create %1").arg(info.absolutePath());
            return false;
        }
    }
    // Migrations run once, on a pool thread, so the connection belongs to the pool.
    QString migrationError;
    int version = 0;
    QtConcurrent::run(&m_pool, [&] {
        try {
            QSqlDatabase db = connection();
            version = Migrations::apply(db, m_url.backend, &migrationError);
        } catch (const core::DependencyUnavailable& e) {
            migrationError = e.detail();
        }
    }).waitForFinished();
    if (!migrationError.isEmpty()) {
        *error = QStringLiteral("database %1: %2").arg(m_url.redacted(), migrationError);
        return false;
    }
    m_schemaVersion = version;
    return true;
}

bool Database::ping(QString* error, double* latencyMs)
{
    QElapsedTimer timer;
    timer.start();
    QSqlDatabase db;
    try {
        db = connection();
    } catch (const core::DependencyUnavailable& e) {
        if (latencyMs)
            *latencyMs = double(timer.nsecsElapsed()) / 1e6;
        if (error)
            *error = e.detail();
        return false;
    }
    QSqlQuery query(db);
    const bool ok = db.isOpen() && query.exec(QStringLiteral("SELECT 1")) && query.next();
    if (latencyMs)
        *latencyMs = double(timer.nsecsElapsed()) / 1e6;
    if (!ok && error)
        *error = db.isOpen() ? query.lastError().text() : db.lastError().text();
    if (!ok)
        db.close(); // reopened on the next use
    return ok;
}

} // namespace auth::storage
