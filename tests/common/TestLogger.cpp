#include "events/SecurityEvent.h"
#include "logging/LogCategories.h"
#include "logging/Logger.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace auth;

class TestLogger : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void createsPrivateDirectoryAndFiles();
    void openFailureReportsError();
    void linesAreCompactJson();
    void callerFieldsCannotForgeFixedOnes();
    void injectionStaysOnOneLine();
    void levelFilter();
    void qtMessageHandler();
    void stderrEcho();
    void requestIdScope();
    void reopenAfterRename();
    void concurrentWritesDoNotInterleave();
    void writeFailureMakesLoggerUnwritable();
    void closeStopsWriting();
    void parseLogLevel_data();
    void parseLogLevel();
    void levelNames();

private:
    QString appPath() const { return m_logDir + "/application.log"; }
    QString secPath() const { return m_logDir + "/security.log"; }

    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_logDir;
};

namespace {

// Every line of a log file; fails the test when the file does not end in '\n'.
QList<QByteArray> readLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = file.readAll();
    if (all.isEmpty())
        return {};
    if (!all.endsWith('\n'))
        return {"<missing final newline>"};
    QList<QByteArray> lines = all.split('\n');
    lines.removeLast();
    return lines;
}

QJsonObject parseLine(const QByteArray& line)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return {};
    return doc.object();
}

int fileMode(const QString& path)
{
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return static_cast<int>(st.st_mode & 07777);
}

// Points fd 2 at a temporary file and remembers QTest's message handler; both are
// put back by finish() or the destructor, whichever comes first.
class StderrCapture
{
public:
    StderrCapture()
    {
        m_handler = qInstallMessageHandler(nullptr);
        qInstallMessageHandler(m_handler);
        if (m_file.open()) {
            m_saved = ::dup(STDERR_FILENO);
            ::dup2(m_file.handle(), STDERR_FILENO);
        }
    }
    ~StderrCapture() { finish(); }
    StderrCapture(const StderrCapture&) = delete;
    StderrCapture& operator=(const StderrCapture&) = delete;

    bool isActive() const { return m_saved >= 0; }

    QByteArray finish()
    {
        if (m_saved >= 0) {
            ::dup2(m_saved, STDERR_FILENO);
            ::close(m_saved);
            m_saved = -1;
            qInstallMessageHandler(m_handler);
            Logger::instance().setAlsoStderr(false);
            m_file.seek(0);
            m_captured = m_file.readAll();
        }
        return m_captured;
    }

private:
    QTemporaryFile m_file;
    QtMessageHandler m_handler = nullptr;
    int m_saved = -1;
    QByteArray m_captured;
};

QtMessageHandler currentHandler()
{
    const QtMessageHandler handler = qInstallMessageHandler(nullptr);
    qInstallMessageHandler(handler);
    return handler;
}

} // namespace

void TestLogger::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_logDir = m_tmp->path() + "/logs"; // does not exist yet: open() creates it
    Logger& logger = Logger::instance();
    logger.setAlsoStderr(false);
    logger.setLevel(LogLevel::Info);
    QString error;
    QVERIFY2(logger.open(m_logDir, &error), qPrintable(error));
}

void TestLogger::cleanup()
{
    Logger::instance().close();
    Logger::instance().setLevel(LogLevel::Info);
    Logger::setCurrentRequestId({});
    m_tmp.reset();
}

void TestLogger::createsPrivateDirectoryAndFiles()
{
    QCOMPARE(fileMode(m_logDir), 0700);
    QCOMPARE(fileMode(appPath()), 0600);
    QCOMPARE(fileMode(secPath()), 0600);
    QVERIFY(Logger::instance().isWritable());
    QCOMPARE(Logger::instance().directory(), m_logDir);

    // Opening again appends to the same files rather than truncating them.
    Logger::instance().application(LogLevel::Info, "auth.common", "first");
    QVERIFY(Logger::instance().open(m_logDir));
    Logger::instance().application(LogLevel::Info, "auth.common", "second");
    QCOMPARE(readLines(appPath()).size(), 2);
}

void TestLogger::openFailureReportsError()
{
    QFile blocker(m_tmp->path() + "/blocker");
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();

    QString error;
    QVERIFY(!Logger::instance().open(blocker.fileName() + "/logs", &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!Logger::instance().isWritable());
    QVERIFY(!Logger::instance().reopen());
}

void TestLogger::linesAreCompactJson()
{
    Logger& logger = Logger::instance();
    logger.application(LogLevel::Info, "auth.server.tokens", "jwt_generation",
                       QJsonObject {{"kid", "k1"}, {"ttl", 900}});
    SecurityEvent event = SecurityEvent::make(events::AuthenticationFailure, Severity::High,
                                              QJsonObject {{"email", "a@example.com"}});
    event.sourceIp = "203.0.113.9";
    logger.security(event);

    const auto app = readLines(appPath());
    QCOMPARE(app.size(), 1);
    QCOMPARE(app[0], QJsonDocument(parseLine(app[0])).toJson(QJsonDocument::Compact));
    const QJsonObject line = parseLine(app[0]);
    QCOMPARE(line.value("level").toString(), QStringLiteral("info"));
    QCOMPARE(line.value("category").toString(), QStringLiteral("auth.server.tokens"));
    QCOMPARE(line.value("message").toString(), QStringLiteral("jwt_generation"));
    QCOMPARE(line.value("kid").toString(), QStringLiteral("k1"));
    QCOMPARE(line.value("ttl").toInt(), 900);
    QVERIFY(!line.contains("request_id"));
    const QRegularExpression iso(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)");
    QVERIFY2(iso.match(line.value("timestamp").toString()).hasMatch(),
             qPrintable(line.value("timestamp").toString()));

    const auto sec = readLines(secPath());
    QCOMPARE(sec.size(), 1);
    QVERIFY(sec[0].contains(R"("source_ip":"203.0.113.9")"));
    QVERIFY(sec[0].contains(R"("event":"authentication_failure")"));
    QVERIFY(sec[0].contains(R"("severity":"HIGH")"));
    const auto back = SecurityEvent::fromJson(parseLine(sec[0]));
    QVERIFY(back.has_value());
    QCOMPARE(back->details.value("email").toString(), QStringLiteral("a@example.com"));
    // Security events never go to application.log and vice versa.
    QVERIFY(!app[0].contains("authentication_failure"));
}

void TestLogger::callerFieldsCannotForgeFixedOnes()
{
    RequestIdScope scope("req-real");
    Logger::instance().application(LogLevel::Info, "auth.server.http", "real message",
                                   QJsonObject {{"level", "error"},
                                                {"message", "forged"},
                                                {"category", "auth.server.admin"},
                                                {"timestamp", "1999-01-01T00:00:00.000Z"},
                                                {"request_id", "req-forged"},
                                                {"path", "/health"}});
    const QJsonObject line = parseLine(readLines(appPath()).value(0));
    QCOMPARE(line.value("level").toString(), QStringLiteral("info"));
    QCOMPARE(line.value("message").toString(), QStringLiteral("real message"));
    QCOMPARE(line.value("category").toString(), QStringLiteral("auth.server.http"));
    QVERIFY(!line.value("timestamp").toString().startsWith("1999"));
    QCOMPARE(line.value("request_id").toString(), QStringLiteral("req-real"));
    QCOMPARE(line.value("path").toString(), QStringLiteral("/health"));
}

void TestLogger::injectionStaysOnOneLine()
{
    // What an attacker would put in an email or User-Agent to fake a log record.
    const QString hostile = QString::fromUtf8("bob@example.com\n{\"timestamp\":\"2025-01-01T00:00:00.000Z\","
                                              "\"level\":\"info\",\"message\":\"admin login ok\"}\r\n"
                                              "\x1b[2J\t\"quoted\"\\ \x01\x7f")
        + QChar(0) + QChar(0x2028) + QStringLiteral("end");

    Logger& logger = Logger::instance();
    logger.application(LogLevel::Warn, "auth.server.accounts", "login failed for " + hostile,
                       QJsonObject {{"email", hostile}, {hostile, "as key"}});
    SecurityEvent event = SecurityEvent::make(events::AuthenticationFailure, Severity::Medium,
                                              QJsonObject {{"email", hostile}});
    event.userId = hostile;
    event.sourceIp = "10.0.0.1\n\"source_ip\":\"1.1.1.1\"";
    logger.security(event);

    const auto app = readLines(appPath());
    QCOMPARE(app.size(), 1);
    QVERIFY(!app[0].contains('\r'));
    QVERIFY(!app[0].contains('\x1b'));
    QVERIFY(!app[0].contains('\0'));
    const QJsonObject line = parseLine(app[0]);
    QCOMPARE(line.value("message").toString(), "login failed for " + hostile);
    QCOMPARE(line.value("email").toString(), hostile);
    QCOMPARE(line.value(hostile).toString(), QStringLiteral("as key"));

    const auto sec = readLines(secPath());
    QCOMPARE(sec.size(), 1);
    const auto back = SecurityEvent::fromJson(parseLine(sec[0]));
    QVERIFY(back.has_value());
    QCOMPARE(back->userId, hostile);
    QCOMPARE(back->details.value("email").toString(), hostile);
    // The runbook's grep still sees exactly one source_ip, the escaped real one.
    const QRegularExpression grep(R"re("source_ip":"[^"]*")re");
    auto it = grep.globalMatch(QString::fromUtf8(sec[0]));
    int matches = 0;
    while (it.hasNext()) {
        it.next();
        ++matches;
    }
    QCOMPARE(matches, 1);
}

void TestLogger::levelFilter()
{
    Logger& logger = Logger::instance();
    logger.setLevel(LogLevel::Warn);
    QCOMPARE(logger.level(), LogLevel::Warn);
    logger.application(LogLevel::Trace, "auth.common", "trace");
    logger.application(LogLevel::Debug, "auth.common", "debug");
    logger.application(LogLevel::Info, "auth.common", "info");
    logger.application(LogLevel::Warn, "auth.common", "warn");
    logger.application(LogLevel::Error, "auth.common", "error");
    // Security events are never filtered by the application level.
    logger.security(SecurityEvent::make(events::ServiceStarted, Severity::Info));

    auto lines = readLines(appPath());
    QCOMPARE(lines.size(), 2);
    QCOMPARE(parseLine(lines[0]).value("level").toString(), QStringLiteral("warn"));
    QCOMPARE(parseLine(lines[1]).value("level").toString(), QStringLiteral("error"));
    QCOMPARE(readLines(secPath()).size(), 1);

    logger.setLevel(LogLevel::Trace);
    logger.application(LogLevel::Trace, "auth.common", "trace");
    lines = readLines(appPath());
    QCOMPARE(lines.size(), 3);
    QCOMPARE(parseLine(lines[2]).value("level").toString(), QStringLiteral("trace"));
}

void TestLogger::qtMessageHandler()
{
    const QtMessageHandler testHandler = currentHandler();
    const auto restore = qScopeGuard([testHandler] { qInstallMessageHandler(testHandler); });
    Logger& logger = Logger::instance();
    logger.installMessageHandler();

    qCDebug(lcTokens) << "hidden debug";
    qCInfo(lcTokens) << "token issued";
    qWarning("plain warning %d", 7);
    qCCritical(lcStorage) << "database down";
    QVERIFY(!lcTokens().isDebugEnabled());

    // LOG_LEVEL=debug must switch qCDebug on for our categories.
    logger.setLevel(LogLevel::Debug);
    QVERIFY(lcTokens().isDebugEnabled());
    qCDebug(lcTokens) << "visible debug";

    logger.setLevel(LogLevel::Warn);
    QVERIFY(!lcTokens().isDebugEnabled());
    qCInfo(lcMfa) << "filtered info";
    qCWarning(lcMfa) << "kept warning";
    logger.setLevel(LogLevel::Info);

    const auto lines = readLines(appPath());
    QCOMPARE(lines.size(), 5);
    const auto check = [&](int i, const char* level, const char* category, const char* message) {
        const QJsonObject o = parseLine(lines[i]);
        return o.value("level").toString() == QLatin1String(level)
            && o.value("category").toString() == QLatin1String(category)
            && o.value("message").toString() == QLatin1String(message);
    };
    QVERIFY(check(0, "info", "auth.server.tokens", "token issued"));
    QVERIFY(check(1, "warn", "default", "plain warning 7"));
    QVERIFY(check(2, "error", "auth.server.storage", "database down"));
    QVERIFY(check(3, "debug", "auth.server.tokens", "visible debug"));
    QVERIFY(check(4, "warn", "auth.server.mfa", "kept warning"));
}

void TestLogger::stderrEcho()
{
    StderrCapture capture;
    QVERIFY(capture.isActive());
    Logger& logger = Logger::instance();
    logger.installMessageHandler();
    logger.setAlsoStderr(true);
    qCWarning(lcHttp) << "echoed";
    logger.setAlsoStderr(false);
    qCWarning(lcHttp) << "file only";

    const QList<QByteArray> echoed = capture.finish().split('\n');
    QCOMPARE(echoed.size(), 2); // one line plus the empty remainder after its '\n'
    QCOMPARE(parseLine(echoed[0]).value("message").toString(), QStringLiteral("echoed"));
    QCOMPARE(parseLine(echoed[0]).value("category").toString(), QStringLiteral("auth.server.http"));
    QCOMPARE(readLines(appPath()).size(), 2);
}

void TestLogger::requestIdScope()
{
    Logger& logger = Logger::instance();
    QVERIFY(Logger::currentRequestId().isEmpty());
    logger.application(LogLevel::Info, "auth.server.http", "outside");
    {
        RequestIdScope outer("req-1");
        logger.application(LogLevel::Info, "auth.server.http", "outer");
        {
            RequestIdScope inner("req-2");
            QCOMPARE(Logger::currentRequestId(), QStringLiteral("req-2"));
            logger.application(LogLevel::Info, "auth.server.http", "inner");
        }
        QCOMPARE(Logger::currentRequestId(), QStringLiteral("req-1"));

        // Another thread is handling another request: it must not see ours.
        std::thread other([&logger] { logger.application(LogLevel::Info, "auth.server.http", "other"); });
        other.join();

        SecurityEvent own = SecurityEvent::make(events::TokenRevoked, Severity::Low);
        own.requestId = "req-own";
        logger.security(own);
        SecurityEvent anonymous;
        anonymous.timestamp = QDateTime::currentDateTimeUtc();
        anonymous.type = events::RateLimitExceeded;
        logger.security(anonymous);
    }
    QVERIFY(Logger::currentRequestId().isEmpty());
    logger.application(LogLevel::Info, "auth.server.http", "after");

    const auto lines = readLines(appPath());
    QCOMPARE(lines.size(), 5);
    QVERIFY(!parseLine(lines[0]).contains("request_id"));
    QCOMPARE(parseLine(lines[1]).value("request_id").toString(), QStringLiteral("req-1"));
    QCOMPARE(parseLine(lines[2]).value("request_id").toString(), QStringLiteral("req-2"));
    QCOMPARE(parseLine(lines[3]).value("message").toString(), QStringLiteral("other"));
    QVERIFY(!parseLine(lines[3]).contains("request_id"));
    QVERIFY(!parseLine(lines[4]).contains("request_id"));

    const auto sec = readLines(secPath());
    QCOMPARE(sec.size(), 2);
    QCOMPARE(parseLine(sec[0]).value("request_id").toString(), QStringLiteral("req-own"));
    QCOMPARE(parseLine(sec[1]).value("request_id").toString(), QStringLiteral("req-1"));
}

void TestLogger::reopenAfterRename()
{
    Logger& logger = Logger::instance();
    logger.application(LogLevel::Info, "auth.common", "before rotation");
    logger.security(SecurityEvent::make(events::ServiceStarted, Severity::Info));

    // What logrotate does (without copytruncate) before it sends SIGHUP.
    QVERIFY(QFile::rename(appPath(), appPath() + ".1"));
    QVERIFY(QFile::rename(secPath(), secPath() + ".1"));
    logger.application(LogLevel::Info, "auth.common", "between rename and reopen");
    QVERIFY(!QFile::exists(appPath()));

    QVERIFY(logger.reopen());
    QVERIFY(logger.isWritable());
    QCOMPARE(fileMode(appPath()), 0600);
    QCOMPARE(fileMode(secPath()), 0600);
    logger.application(LogLevel::Info, "auth.common", "after rotation");
    logger.security(SecurityEvent::make(events::KeyRotation, Severity::Info));

    const auto rotated = readLines(appPath() + ".1");
    QCOMPARE(rotated.size(), 2);
    QCOMPARE(parseLine(rotated[0]).value("message").toString(), QStringLiteral("before rotation"));
    QCOMPARE(parseLine(rotated[1]).value("message").toString(), QStringLiteral("between rename and reopen"));
    const auto fresh = readLines(appPath());
    QCOMPARE(fresh.size(), 1);
    QCOMPARE(parseLine(fresh[0]).value("message").toString(), QStringLiteral("after rotation"));

    QCOMPARE(readLines(secPath() + ".1").size(), 1);
    const auto freshSec = readLines(secPath());
    QCOMPARE(freshSec.size(), 1);
    QCOMPARE(parseLine(freshSec[0]).value("event").toString(), QStringLiteral("key_rotation"));
}

void TestLogger::concurrentWritesDoNotInterleave()
{
    constexpr int threads = 4;
    constexpr int perThread = 2000;
    // Long lines make a torn write likely if lines were ever split.
    const QString padding(600, u'x');
    Logger& logger = Logger::instance();

    std::vector<std::thread> workers;
    workers.reserve(threads);
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&logger, &padding, t] {
            RequestIdScope scope(QStringLiteral("req-t%1").arg(t));
            for (int i = 0; i < perThread; ++i) {
                logger.application(LogLevel::Info, "auth.server.http", padding,
                                   QJsonObject {{"thread", t}, {"seq", i}});
                if (i % 4 == 0) {
                    SecurityEvent event = SecurityEvent::make(events::AuthenticationFailure, Severity::Low,
                                                              QJsonObject {{"thread", t}, {"seq", i}});
                    event.sourceIp = QStringLiteral("192.0.2.%1").arg(t);
                    logger.security(event);
                }
            }
        });
    }
    for (auto& worker : workers)
        worker.join();

    const auto lines = readLines(appPath());
    QCOMPARE(lines.size(), threads * perThread);
    QSet<QPair<int, int>> seen;
    for (const QByteArray& raw : lines) {
        const QJsonObject line = parseLine(raw);
        QVERIFY2(!line.isEmpty(), raw.left(200).constData());
        const int t = line.value("thread").toInt();
        QCOMPARE(line.value("message").toString(), padding);
        QCOMPARE(line.value("request_id").toString(), QStringLiteral("req-t%1").arg(t));
        seen.insert({t, line.value("seq").toInt()});
    }
    QCOMPARE(seen.size(), threads * perThread);

    const auto sec = readLines(secPath());
    QCOMPARE(sec.size(), threads * perThread / 4);
    for (const QByteArray& raw : sec) {
        const auto event = SecurityEvent::fromJson(parseLine(raw));
        QVERIFY2(event.has_value(), raw.left(200).constData());
        QCOMPARE(event->sourceIp, QStringLiteral("192.0.2.%1").arg(event->details.value("thread").toInt()));
    }
}

void TestLogger::writeFailureMakesLoggerUnwritable()
{
    if (!QFile::exists("/dev/full"))
        QSKIP("needs /dev/full to simulate a full disk");
    Logger& logger = Logger::instance();
    logger.close();
    QVERIFY(QFile::remove(appPath()));
    QVERIFY(QFile::link("/dev/full", appPath()));

    StderrCapture capture;
    QVERIFY(capture.isActive());
    logger.installMessageHandler();
    // QFile warns about seeking a device while the logger holds its mutex: the
    // warning must reach stderr instead of deadlocking on that mutex.
    QVERIFY(logger.open(m_logDir));
    const QByteArray warning = capture.finish();
    QVERIFY2(warning.contains("seek"), warning.constData());
    QCOMPARE(parseLine(warning.trimmed()).value("level").toString(), QStringLiteral("warn"));

    QVERIFY(logger.isWritable());
    logger.application(LogLevel::Error, "auth.common", "disk is full");
    // The health check reports degraded instead of silently losing audit lines.
    QVERIFY(!logger.isWritable());
}

void TestLogger::closeStopsWriting()
{
    Logger& logger = Logger::instance();
    logger.application(LogLevel::Info, "auth.common", "open");
    logger.close();
    QVERIFY(!logger.isWritable());
    QVERIFY(logger.directory().isEmpty());
    logger.application(LogLevel::Info, "auth.common", "closed");
    logger.security(SecurityEvent::make(events::ServiceStopped, Severity::Info));
    QCOMPARE(readLines(appPath()).size(), 1);
    QCOMPARE(readLines(secPath()).size(), 0);
}

void TestLogger::parseLogLevel_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected"); // -1: refused

    QTest::newRow("trace") << "trace" << int(LogLevel::Trace);
    QTest::newRow("debug upper") << "DEBUG" << int(LogLevel::Debug);
    QTest::newRow("info mixed") << "Info" << int(LogLevel::Info);
    QTest::newRow("warn") << "warn" << int(LogLevel::Warn);
    QTest::newRow("warning") << "WARNING" << int(LogLevel::Warn);
    QTest::newRow("error") << "error" << int(LogLevel::Error);
    QTest::newRow("padded") << "  info\n" << int(LogLevel::Info);
    QTest::newRow("rust filter") << "auth_service=debug,tower=info" << int(LogLevel::Debug);
    QTest::newRow("rust default plus target") << "warn,auth_service::tokens=trace" << int(LogLevel::Trace);
    QTest::newRow("rust spaces") << "hyper = error , info" << int(LogLevel::Info);
    QTest::newRow("rust trailing comma") << "info," << int(LogLevel::Info);

    QTest::newRow("empty") << "" << -1;
    QTest::newRow("blank") << "   " << -1;
    QTest::newRow("off") << "off" << -1;
    QTest::newRow("unknown word") << "verbose" << -1;
    QTest::newRow("number") << "3" << -1;
    QTest::newRow("typo") << "inf" << -1;
    QTest::newRow("bad level in filter") << "auth_service=loud" << -1;
    QTest::newRow("off in filter") << "auth_service=off,info" << -1;
    QTest::newRow("empty target") << "=debug" << -1;
    QTest::newRow("empty level") << "auth_service=" << -1;
    QTest::newRow("two equals") << "a=b=debug" << -1;
    QTest::newRow("bare target") << "auth_service" << -1;
    QTest::newRow("only commas") << ",," << -1;
    QTest::newRow("bad target chars") << "auth service=debug" << -1;
}

void TestLogger::parseLogLevel()
{
    QFETCH(QString, text);
    QFETCH(int, expected);
    const auto level = auth::parseLogLevel(text);
    if (expected < 0) {
        QVERIFY(!level.has_value());
    } else {
        QVERIFY(level.has_value());
        QCOMPARE(int(*level), expected);
    }
}

void TestLogger::levelNames()
{
    for (const auto level :
         {LogLevel::Trace, LogLevel::Debug, LogLevel::Info, LogLevel::Warn, LogLevel::Error})
        QCOMPARE(auth::parseLogLevel(logLevelName(level)), std::optional<LogLevel>(level));
    QCOMPARE(logLevelName(LogLevel::Warn), QStringLiteral("warn"));
}

QTEST_GUILESS_MAIN(TestLogger)
#include "TestLogger.moc"
