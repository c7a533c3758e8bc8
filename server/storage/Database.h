#pragma once

#include <QFuture>
#include <QSqlDatabase>
#include <QString>
#include <QThreadPool>
#include <QtConcurrent>
#include <atomic>

namespace auth::storage {

enum class Backend { SQLite, PostgreSQL };

// Where the durable data lives, parsed from DATABASE_URL: "sqlite:/path/auth.db",
// "sqlite::memory:", or "postgres://user:password@host:port/db?sslmode=require".
struct DatabaseUrl
{
    Backend backend = Backend::SQLite;
    QString path; // SQLite file
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QString sslMode;

    static std::optional<DatabaseUrl> parse(const QString& url, const QString& dataDir, QString* error);
    QString redacted() const; // for logs and status: never the password
};

// Qt Sql connections are per thread: connection() opens one for the calling
// thread on first use and drops it when the thread ends. All queries run on the
// I/O pool through run(), never on an event loop.
class Database
{
public:
    explicit Database(DatabaseUrl url);
    ~Database();

    // Opens a first connection and applies pending migrations.
    bool open(QString* error);
    Backend backend() const { return m_url.backend; }
    QString backendName() const
    {
        return m_url.backend == Backend::SQLite ? QStringLiteral("sqlite") : QStringLiteral("postgres");
    }
    const DatabaseUrl& url() const { return m_url; }
    int schemaVersion() const { return m_schemaVersion.load(); }

    // This thread's connection, opened on first use. Throws
    // core::DependencyUnavailable when the database cannot be reached.
    QSqlDatabase connection();
    // Every thread reopens its connection on next use (after an outage, so no
    // thread keeps a socket to a server that has restarted).
    void dropConnections();
    QThreadPool* pool() { return &m_pool; }

    template <typename Fn> auto run(Fn fn) -> QFuture<decltype(fn(std::declval<QSqlDatabase&>()))>
    {
        return QtConcurrent::run(&m_pool, [this, fn = std::move(fn)]() mutable {
            QSqlDatabase db = connection();
            return fn(db);
        });
    }

    // A round trip on the calling thread; `latencyMs` receives its duration.
    bool ping(QString* error, double* latencyMs);

private:
    QSqlDatabase openConnection(const QString& name, QString* error);

    DatabaseUrl m_url;
    QThreadPool m_pool;
    std::atomic<int> m_schemaVersion {0};
    std::atomic<quint64> m_generation {0};
    quint64 m_instance;
};

} // namespace auth::storage
