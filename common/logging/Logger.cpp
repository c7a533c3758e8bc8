#include "logging/Logger.h"

#include "core/Clock.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMutexLocker>
#include <cerrno>
#include <unistd.h>

namespace auth {

namespace {

constexpr auto kApplicationFile = "application.log";
constexpr auto kSecurityFile = "security.log";

thread_local QString t_requestId;

// Set while this thread holds Logger::m_mutex. Anything that logs from inside the
// critical section (a Qt warning raised by QFile, say) must not take the
// non-recursive mutex again, so it goes straight to stderr instead.
thread_local bool t_insideLogger = false;

struct InsideLoggerGuard
{
    InsideLoggerGuard()
        : m_previous(t_insideLogger)
    {
        t_insideLogger = true;
    }
    ~InsideLoggerGuard() { t_insideLogger = m_previous; }
    InsideLoggerGuard(const InsideLoggerGuard&) = delete;
    InsideLoggerGuard& operator=(const InsideLoggerGuard&) = delete;

private:
    bool m_previous;
};

std::atomic<QLoggingCategory::CategoryFilter> s_previousFilter {nullptr};
std::atomic<bool> s_filterInstalled {false};

QString isoUtc(const QDateTime& time)
{
    // toUTC() yields Qt::UTC, the only spec ISODateWithMs renders with a "Z".
    return time.toUTC().toString(Qt::ISODateWithMs);
}

void writeAll(int fd, const QByteArray& bytes)
{
    const char* data = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, data, static_cast<size_t>(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return; // nowhere left to report a failing stderr
        data += n;
        left -= n;
    }
}

LogLevel levelForQtType(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return LogLevel::Debug;
    case QtInfoMsg:
        return LogLevel::Info;
    case QtWarningMsg:
        return LogLevel::Warn;
    case QtCriticalMsg:
    case QtFatalMsg:
        return LogLevel::Error;
    }
    return LogLevel::Error;
}

std::optional<LogLevel> parseSingleLevel(const QString& word)
{
    const QString w = word.trimmed().toLower();
    if (w == QLatin1String("trace"))
        return LogLevel::Trace;
    if (w == QLatin1String("debug"))
        return LogLevel::Debug;
    if (w == QLatin1String("info"))
        return LogLevel::Info;
    if (w == QLatin1String("warn") || w == QLatin1String("warning"))
        return LogLevel::Warn;
    if (w == QLatin1String("error"))
        return LogLevel::Error;
    return std::nullopt;
}

bool isValidTarget(const QString& target)
{
    if (target.isEmpty())
        return false;
    for (const QChar c : target) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
            || c == u'_' || c == u':' || c == u'.' || c == u'-';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

std::optional<LogLevel> parseLogLevel(const QString& text)
{
    // RUST_LOG filters name levels per target; we log at one level, so the most
    // verbose one named wins: asking for debug anywhere must not lose debug lines.
    std::optional<LogLevel> result;
    const QStringList directives = text.split(u',');
    for (const QString& raw : directives) {
        const QString directive = raw.trimmed();
        if (directive.isEmpty())
            continue; // "info," is accepted by env_logger too
        const QStringList parts = directive.split(u'=');
        std::optional<LogLevel> level;
        if (parts.size() == 1) {
            level = parseSingleLevel(parts[0]);
        } else if (parts.size() == 2 && isValidTarget(parts[0].trimmed())) {
            level = parseSingleLevel(parts[1]);
        }
        if (!level)
            return std::nullopt;
        if (!result || *level < *result)
            result = level;
    }
    return result;
}

QString logLevelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Trace:
        return QStringLiteral("trace");
    case LogLevel::Debug:
        return QStringLiteral("debug");
    case LogLevel::Info:
        return QStringLiteral("info");
    case LogLevel::Warn:
        return QStringLiteral("warn");
    case LogLevel::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("error");
}

Logger& Logger::instance()
{
    // Deliberately leaked: Qt may still log during static destruction, and the
    // handler must never reach a destroyed logger. Files are unbuffered, so
    // nothing is lost when the process exits.
    static Logger* logger = new Logger;
    return *logger;
}

bool Logger::open(const QString& dir, QString* error)
{
    InsideLoggerGuard guard;
    QMutexLocker lock(&m_mutex);
    return openLocked(QFileInfo(dir).absoluteFilePath(), error);
}

bool Logger::openLocked(const QString& dir, QString* error)
{
    m_application.close();
    m_security.close();
    m_dir.clear();

    if (!QFileInfo(dir).isDir()) {
        const QString parent = QFileInfo(dir).absolutePath();
        // Logs name users and addresses: only the service account may list them.
        if (!QDir().mkpath(parent)
            || !QDir().mkdir(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner)) {
            if (error)
                *error = QStringLiteral("cannot create log directory %1").arg(dir);
            return false;
        }
    }
    if (!openFile(m_application, dir + u'/' + QLatin1String(kApplicationFile), error)
        || !openFile(m_security, dir + u'/' + QLatin1String(kSecurityFile), error)) {
        m_application.close();
        return false;
    }
    m_dir = dir;
    m_writeFailed = false;
    return true;
}

bool Logger::openFile(QFile& file, const QString& path, QString* error)
{
    file.setFileName(path);
    // Append makes each write(2) land at the current end even when several
    // processes share the file; Unbuffered makes each line exactly one write(2).
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered,
                   QFile::ReadOwner | QFile::WriteOwner)) {
        if (error)
            *error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void Logger::close()
{
    InsideLoggerGuard guard;
    QMutexLocker lock(&m_mutex);
    m_application.close();
    m_security.close();
    m_dir.clear();
}

bool Logger::reopen()
{
    InsideLoggerGuard guard;
    QMutexLocker lock(&m_mutex);
    if (m_dir.isEmpty())
        return false;
    const QString dir = m_dir; // openLocked() clears m_dir before it reads `dir`
    return openLocked(dir, nullptr);
}

QString Logger::directory() const
{
    QMutexLocker lock(&m_mutex);
    return m_dir;
}

bool Logger::isWritable() const
{
    QMutexLocker lock(&m_mutex);
    return m_application.isOpen() && m_application.isWritable() && m_security.isOpen()
        && m_security.isWritable() && !m_writeFailed;
}

void Logger::setLevel(LogLevel level)
{
    m_level = level;
    if (s_filterInstalled) {
        // Reinstalling re-runs the filter over every registered category.
        QLoggingCategory::installFilter(&Logger::categoryFilter);
    }
}

void Logger::installMessageHandler()
{
    if (!s_filterInstalled.exchange(true)) {
        // installFilter(nullptr) restores the default and hands back whatever was
        // active (QT_LOGGING_RULES are applied by it), so ours can chain to it.
        s_previousFilter = QLoggingCategory::installFilter(nullptr);
        QLoggingCategory::installFilter(&Logger::categoryFilter);
    }
    qInstallMessageHandler(&Logger::messageHandler);
}

void Logger::categoryFilter(QLoggingCategory* category)
{
    if (const auto previous = s_previousFilter.load())
        previous(category);
    // Only ever switch debug on: the handler enforces the level, and an operator's
    // QT_LOGGING_RULES that enable more stay in force.
    if (qstrncmp(category->categoryName(), "auth.", 5) == 0 && instance().m_level <= LogLevel::Debug)
        category->setEnabled(QtDebugMsg, true);
}

void Logger::messageHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    instance().handleQtMessage(type, context, message);
}

void Logger::handleQtMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    const QString category = context.category && *context.category ? QString::fromUtf8(context.category)
                                                                   : QStringLiteral("default");
    application(levelForQtType(type), category, message);
}

void Logger::application(LogLevel level, const QString& category, const QString& message,
                         const QJsonObject& fields)
{
    if (level < m_level)
        return;
    // Fixed keys are inserted last so a caller's field can never forge them.
    QJsonObject object = fields;
    object.insert(QStringLiteral("timestamp"), isoUtc(Clock::nowUtc()));
    object.insert(QStringLiteral("level"), logLevelName(level));
    object.insert(QStringLiteral("category"), category.isEmpty() ? QStringLiteral("default") : category);
    object.insert(QStringLiteral("message"), message);
    const QString requestId = currentRequestId();
    if (!requestId.isEmpty())
        object.insert(QStringLiteral("request_id"), requestId);
    const QByteArray line = formatLine(object);

    if (t_insideLogger) {
        writeAll(STDERR_FILENO, line);
        return;
    }
    InsideLoggerGuard guard;
    QMutexLocker lock(&m_mutex);
    writeLine(m_application, line);
    if (m_alsoStderr)
        writeStderr(line);
}

void Logger::security(const SecurityEvent& event)
{
    QJsonObject object = event.toJson();
    if (event.requestId.isEmpty()) {
        const QString requestId = currentRequestId();
        if (!requestId.isEmpty())
            object.insert(QStringLiteral("request_id"), requestId);
    }
    const QByteArray line = formatLine(object);

    if (t_insideLogger) {
        writeAll(STDERR_FILENO, line);
        return;
    }
    InsideLoggerGuard guard;
    QMutexLocker lock(&m_mutex);
    if (m_security.isOpen())
        writeLine(m_security, line);
    else if (m_alsoStderr)
        writeStderr(line); // never drop a security event silently
}

void Logger::writeLine(QFile& file, const QByteArray& line)
{
    // Checked here because QIODevice warns about writes to a closed device, and
    // that warning would come back into this logger.
    if (!file.isOpen())
        return;
    m_writeFailed = file.write(line) != line.size();
}

void Logger::writeStderr(const QByteArray& line)
{
    writeAll(STDERR_FILENO, line);
}

void Logger::setCurrentRequestId(const QString& id)
{
    t_requestId = id;
}

QString Logger::currentRequestId()
{
    return t_requestId;
}

QByteArray Logger::formatLine(const QJsonObject& object)
{
    // Compact JSON escapes CR, LF, quotes and every control character, so text
    // from a request can never end a line early or forge another record.
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace auth
