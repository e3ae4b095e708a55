#include "TerminationSignals.h"

#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int signalPipe[2] = {-1, -1};

void forwardSignal(int number)
{
    const char byte = char(number);
    [[maybe_unused]] const auto written = ::write(signalPipe[0], &byte, 1);
}

void forward(int number)
{
    struct sigaction action = {};
    action.sa_handler = forwardSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(number, &action, nullptr);
}

} // namespace

TerminationSignals::TerminationSignals(QObject *parent)
    : QObject(parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    m_notifier = new QSocketNotifier(signalPipe[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        char byte = 0;
        [[maybe_unused]] const auto read = ::read(signalPipe[1], &byte, 1);
        if (byte == SIGHUP && m_hangUpReloads)
            emit reloadRequested();
        else
            emit terminationRequested();
    });
    forward(SIGINT);
    forward(SIGTERM);
    struct sigaction hangUp = {};
    sigaction(SIGHUP, nullptr, &hangUp);
    m_handlesHangUp = hangUp.sa_handler != SIG_IGN;
    if (m_handlesHangUp)
        forward(SIGHUP);
}

void TerminationSignals::reloadOnHangUp()
{
    if (!m_notifier)
        return;
    m_hangUpReloads = true;
    m_handlesHangUp = true;
    forward(SIGHUP);
}

TerminationSignals::~TerminationSignals()
{
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    if (m_handlesHangUp)
        signal(SIGHUP, SIG_DFL);
    // The pair is this object's: a later one (a second run in one process) makes its own.
    delete m_notifier;
    for (int &end : signalPipe) {
        if (end >= 0)
            ::close(end);
        end = -1;
    }
}

