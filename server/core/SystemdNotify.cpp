#include "core/SystemdNotify.h"

#include "logging/LogCategories.h"

#include <QTimer>
#include <systemd/sd-daemon.h>

namespace auth::core {

SystemdNotify::SystemdNotify(QObject* parent)
    : QObject(parent)
{
}

bool SystemdNotify::isActive()
{
    return !qEnvironmentVariableIsEmpty("NOTIFY_SOCKET");
}

void SystemdNotify::send(const QByteArray& state)
{
    if (!isActive())
        return;
    // unset_environment = 0: a reload notifies through the same socket later.
    const int rc = sd_notify(0, state.constData());
    if (rc < 0)
        qCWarning(lcServer).noquote() << "sd_notify failed:" << qt_error_string(-rc);
}

void SystemdNotify::ready(const QString& status)
{
    QByteArray state = "READY=1\nSTATUS=" + status.toUtf8();
    send(state);
    if (m_watchdog || !isActive())
        return;
    uint64_t usec = 0;
    // Pings come from the event loop, so a loop that hangs stops them and systemd restarts us.
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
        m_watchdog = new QTimer(this);
        m_watchdog->setInterval(int(qMax<uint64_t>(usec / 2000, 100)));
        connect(m_watchdog, &QTimer::timeout, this, [] { send("WATCHDOG=1"); });
        m_watchdog->start();
        qCInfo(lcServer) << "systemd watchdog every" << m_watchdog->interval() << "ms";
    }
}

void SystemdNotify::reloading()
{
    send("RELOADING=1\nSTATUS=reopening log files");
}

void SystemdNotify::stopping()
{
    if (m_watchdog)
        m_watchdog->stop();
    send("STOPPING=1\nSTATUS=draining in-flight requests");
}

} // namespace auth::core
