// packaging/systemd/auth-service.service passes `systemd-analyze verify`, scores
// in the OK band of `systemd-analyze security`, and the daemon speaks the
// Type=notify protocol: READY=1 once it listens, RELOADING=1 then READY=1 on
// SIGHUP, STOPPING=1 on SIGTERM, WATCHDOG=1 pings when WATCHDOG_USEC is set.
// A unix datagram socket made here stands in for systemd's NOTIFY_SOCKET.
#include "ProcessRunner.h"
#include "TestServer.h"

#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <csignal>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace auth::test;

namespace {

// Receives what sd_notify sends, one datagram per message.
class NotifySocket
{
public:
    explicit NotifySocket(const QString& path)
        : m_path(path)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un address = {};
        address.sun_family = AF_UNIX;
        const QByteArray encoded = QFile::encodeName(path);
        if (m_fd < 0 || size_t(encoded.size()) >= sizeof(address.sun_path))
            return;
        std::memcpy(address.sun_path, encoded.constData(), size_t(encoded.size()));
        if (::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~NotifySocket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        ::unlink(QFile::encodeName(m_path).constData());
    }
    bool isValid() const { return m_fd >= 0; }

    // Every message received so far, in order.
    QStringList drain()
    {
        char buffer[4096];
        for (;;) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof(buffer), 0);
            if (n <= 0)
                break;
            m_messages.append(QString::fromUtf8(buffer, n));
        }
        return m_messages;
    }
    // Waits until a message containing `line` arrives after index `from`; returns its index or -1.
    int waitFor(const QString& line, int from = 0, int timeoutMs = 15000)
    {
        QDeadlineTimer deadline(timeoutMs);
        do {
            const QStringList messages = drain();
            for (int i = from; i < messages.size(); ++i) {
                if (messages.at(i).split(u'\n').contains(line))
                    return i;
            }
            QThread::msleep(20);
        } while (!deadline.hasExpired());
        return -1;
    }

private:
    QString m_path;
    int m_fd = -1;
    QStringList m_messages;
};

QString unitPath()
{
    return QStringLiteral(AUTH_SOURCE_DIR "/packaging/systemd/auth-service.service");
}

} // namespace

class TestSystemdUnit : public QObject
{
    Q_OBJECT
private slots:
    void unitVerifies();
    void unitSecurityScore();
    void notifiesReadyReloadStop();
    void watchdogPings();
    void notifySocketUnsetIsHarmless();
};

void TestSystemdUnit::unitVerifies()
{
    const QString analyze = QStandardPaths::findExecutable(QStringLiteral("systemd-analyze"));
    if (analyze.isEmpty())
        QSKIP("systemd-analyze is not installed");
    // verify checks that ExecStart exists: point it at the binary this build made.
    QTemporaryDir dir;
    QFile unit(unitPath());
    QVERIFY(unit.open(QIODevice::ReadOnly));
    QByteArray text = unit.readAll();
    QVERIFY(text.contains("ExecStart=/usr/sbin/auth-service "));
    text.replace("/usr/sbin/auth-service", AUTH_SERVICE_BINARY);
    const QString copy = dir.filePath(QStringLiteral("auth-service.service"));
    QFile out(copy);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(text);
    out.close();
    const ProcessResult result
        = runProcess(analyze, {QStringLiteral("verify"), QStringLiteral("--man=no"), copy});
    QVERIFY2(result.exitCode == 0, qPrintable(result.all()));
    QVERIFY2(result.all().trimmed().isEmpty(), qPrintable(result.all()));
    for (const char* required :
         {"Type=notify", "ExecReload=/bin/kill -HUP $MAINPID", "NoNewPrivileges=yes", "ProtectSystem=strict",
          "ReadWritePaths=/var/log/auth-service /var/lib/auth-service", "CapabilityBoundingSet=\n",
          "SystemCallFilter=@system-service", "MemoryDenyWriteExecute=yes", "UMask=0077",
          "Restart=on-failure"})
        QVERIFY2(text.contains(required), required);
}

void TestSystemdUnit::unitSecurityScore()
{
    const QString analyze = QStandardPaths::findExecutable(QStringLiteral("systemd-analyze"));
    if (analyze.isEmpty())
        QSKIP("systemd-analyze is not installed");
    const ProcessResult result
        = runProcess(analyze, {QStringLiteral("security"), QStringLiteral("--offline=true"), unitPath()},
                     {{"SYSTEMD_COLORS", "0"}});
    static const QRegularExpression overall(
        QStringLiteral("Overall exposure level for [^:]+: ([0-9.]+) (\\S+)"));
    const QRegularExpressionMatch match = overall.match(result.all());
    if (!match.hasMatch())
        QSKIP(qPrintable(QStringLiteral("systemd-analyze security --offline is unavailable here: ")
                         + result.all()));
    const double exposure = match.captured(1).toDouble();
    qInfo().noquote() << "systemd-analyze security exposure:" << exposure << match.captured(2);
    QVERIFY2(exposure <= 4.9, qPrintable(match.captured(0)));
}

void TestSystemdUnit::notifiesReadyReloadStop()
{
    QTemporaryDir socketDir(QStringLiteral("/tmp/auth-notify-XXXXXX")); // sun_path is short
    NotifySocket notify(socketDir.filePath(QStringLiteral("notify")));
    QVERIFY(notify.isValid());
    TestServer server;
    server.setEnv(QStringLiteral("NOTIFY_SOCKET"), socketDir.filePath(QStringLiteral("notify")));
    QVERIFY(server.start());
    const int ready = notify.waitFor(QStringLiteral("READY=1"));
    QVERIFY2(ready >= 0, qPrintable(notify.drain().join(u'|')));
    QVERIFY(
        notify.drain().at(ready).contains(QStringLiteral("STATUS=serving on port %1").arg(server.port())));

    QCOMPARE(::kill(pid_t(server.processId()), SIGHUP), 0);
    const int reloading = notify.waitFor(QStringLiteral("RELOADING=1"), ready + 1);
    QVERIFY2(reloading > ready, qPrintable(notify.drain().join(u'|')));
    QVERIFY(notify.waitFor(QStringLiteral("READY=1"), reloading + 1) > reloading);
    QCOMPARE(server.get(QStringLiteral("/health")).status, 200); // still serving after the reload

    QCOMPARE(::kill(pid_t(server.processId()), SIGTERM), 0);
    QVERIFY2(notify.waitFor(QStringLiteral("STOPPING=1"), reloading + 1) > reloading,
             qPrintable(notify.drain().join(u'|')));
    QTRY_VERIFY_WITH_TIMEOUT(!server.isRunning(), 15000);
    QCOMPARE(server.exitCode(), 0);
}

void TestSystemdUnit::watchdogPings()
{
    QTemporaryDir socketDir(QStringLiteral("/tmp/auth-notify-XXXXXX"));
    NotifySocket notify(socketDir.filePath(QStringLiteral("notify")));
    QVERIFY(notify.isValid());
    TestServer server;
    server.setEnv(QStringLiteral("NOTIFY_SOCKET"), socketDir.filePath(QStringLiteral("notify")));
    server.setEnv(QStringLiteral("WATCHDOG_USEC"), QStringLiteral("400000")); // pings every 200 ms
    QVERIFY(server.start());
    const int first = notify.waitFor(QStringLiteral("WATCHDOG=1"), 0, 5000);
    QVERIFY2(first >= 0, qPrintable(notify.drain().join(u'|')));
    QVERIFY(notify.waitFor(QStringLiteral("WATCHDOG=1"), first + 1, 5000) > first);
}

void TestSystemdUnit::notifySocketUnsetIsHarmless()
{
    TestServer server; // no NOTIFY_SOCKET: every notification is a no-op
    QVERIFY(server.start());
    QCOMPARE(::kill(pid_t(server.processId()), SIGHUP), 0);
    QTest::qWait(200);
    QCOMPARE(server.get(QStringLiteral("/health")).status, 200);
    QVERIFY(!server.processOutput().contains("sd_notify failed"));
}

QTEST_GUILESS_MAIN(TestSystemdUnit)
#include "TestSystemdUnit.moc"
