#pragma once

#include <QObject>

class QSocketNotifier;

namespace auth::core {

// Turns SIGHUP, SIGTERM and SIGINT into Qt signals through a self-pipe, so the
// work they trigger runs on the event loop and not inside a signal handler.
class SignalHandler : public QObject
{
    Q_OBJECT
signals:
    void reloadRequested(); // SIGHUP: reopen log files
    void terminateRequested(); // SIGTERM, SIGINT

public:
    explicit SignalHandler(QObject* parent = nullptr);
    ~SignalHandler() override;

private:
    static void handle(int signal);
    void readSignal();

    static int s_fds[2];
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace auth::core
