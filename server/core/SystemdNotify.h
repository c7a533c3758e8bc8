#pragma once

#include <QObject>

class QTimer;

namespace auth::core {

// Tells systemd (Type=notify) where the service is in its life: READY=1 once it
// listens, RELOADING=1 / READY=1 around a SIGHUP reload, STOPPING=1 on the way
// out, and WATCHDOG=1 pings from the event loop when the unit sets WatchdogSec.
// Every call is a no-op when NOTIFY_SOCKET is unset (a shell, the tests, make run).
class SystemdNotify : public QObject
{
    Q_OBJECT
public:
    explicit SystemdNotify(QObject* parent = nullptr);

    static bool isActive(); // NOTIFY_SOCKET is set
    void ready(const QString& status);
    void reloading();
    void stopping();

private:
    static void send(const QByteArray& state);

    QTimer* m_watchdog = nullptr;
};

} // namespace auth::core
