#include "core/SignalHandler.h"

#include <QSocketNotifier>
#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace auth::core {

int SignalHandler::s_fds[2] = {-1, -1};

SignalHandler::SignalHandler(QObject* parent)
    : QObject(parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, s_fds) != 0)
        qFatal("socketpair failed");
    ::fcntl(s_fds[0], F_SETFL, O_NONBLOCK);
    ::fcntl(s_fds[1], F_SETFL, O_NONBLOCK);
    m_notifier = new QSocketNotifier(s_fds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalHandler::readSignal);
    struct sigaction action = {};
    action.sa_handler = &SignalHandler::handle;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int sig : {SIGHUP, SIGTERM, SIGINT})
        ::sigaction(sig, &action, nullptr);
    ::signal(SIGPIPE, SIG_IGN);
}

SignalHandler::~SignalHandler()
{
    for (int sig : {SIGHUP, SIGTERM, SIGINT})
        ::signal(sig, SIG_DFL);
    ::close(s_fds[0]);
    ::close(s_fds[1]);
}

void SignalHandler::handle(int signal)
{
    const char byte = char(signal);
    [[maybe_unused]] auto written = ::write(s_fds[0], &byte, 1);
}

void SignalHandler::readSignal()
{
    char byte = 0;
    while (::read(s_fds[1], &byte, 1) == 1) {
        if (byte == SIGHUP)
            emit reloadRequested();
        else
            emit terminateRequested();
    }
}

} // namespace auth::core
