#pragma once

#include "events/SecurityEvent.h"

#include <QByteArray>
#include <QFile>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QString>
#include <atomic>
#include <optional>

namespace auth {

enum class LogLevel { Trace = 0, Debug, Info, Warn, Error };

// Parses "info", "DEBUG", "warn", or a RUST_LOG-style filter such as
// "auth_service=debug,tower=info" (the most verbose level named wins).
std::optional<LogLevel> parseLogLevel(const QString& text);
QString logLevelName(LogLevel level);

// Writes application.log and security.log as compact JSON lines (one object a line,
// user-supplied text escaped by the JSON encoder, so no log injection). Thread-safe;
// each line is one append. The Qt message handler sends qDebug/qInfo/qWarning and
// categories to application.log, and to stderr when `alsoStderr`.
class Logger
{
public:
    static Logger& instance();

    // Opens (creating, mode 0700 dir / 0600 files) `dir`/application.log and
    // `dir`/security.log. Returns false with `error` set when that fails.
    bool open(const QString& dir, QString* error = nullptr);
    void close();
    bool reopen(); // SIGHUP after logrotate moved the files
    QString directory() const;
    bool isWritable() const;

    // Also lets the auth.* categories emit the Qt levels this makes visible, so
    // LOG_LEVEL=debug turns on qCDebug output once installMessageHandler() ran.
    void setLevel(LogLevel level);
    LogLevel level() const { return m_level; }
    void setAlsoStderr(bool on) { m_alsoStderr = on; }

    void installMessageHandler();

    // `fields` are merged into the line; time, level, category, message and the
    // current request id are added.
    void application(LogLevel level, const QString& category, const QString& message,
                     const QJsonObject& fields = {});
    void security(const SecurityEvent& event);

    // The request id of the request being handled on this thread ("" outside one).
    static void setCurrentRequestId(const QString& id);
    static QString currentRequestId();

    // Serialises one line exactly as written to the files (tests use it).
    static QByteArray formatLine(const QJsonObject& object);

private:
    Logger() = default;
    bool openFile(QFile& file, const QString& path, QString* error);
    bool openLocked(const QString& dir, QString* error);
    void writeLine(QFile& file, const QByteArray& line);
    void writeStderr(const QByteArray& line);
    void handleQtMessage(QtMsgType type, const QMessageLogContext& context, const QString& message);
    static void messageHandler(QtMsgType type, const QMessageLogContext& context, const QString& message);
    static void categoryFilter(QLoggingCategory* category);

    mutable QMutex m_mutex;
    QString m_dir;
    QFile m_application;
    QFile m_security;
    // Read by the Qt message handler and category filter without the mutex.
    std::atomic<LogLevel> m_level = LogLevel::Info;
    std::atomic<bool> m_alsoStderr = true;
    std::atomic<bool> m_writeFailed = false; // last write(2) failed: disk full, file gone
};

// RAII: sets the thread's current request id for the duration of a handler.
class RequestIdScope
{
public:
    explicit RequestIdScope(const QString& id)
        : m_previous(Logger::currentRequestId())
    {
        Logger::setCurrentRequestId(id);
    }
    ~RequestIdScope() { Logger::setCurrentRequestId(m_previous); }
    RequestIdScope(const RequestIdScope&) = delete;
    RequestIdScope& operator=(const RequestIdScope&) = delete;

private:
    QString m_previous;
};

} // namespace auth
