#include "TerminationSignals.h"

#include <QMetaObject>

#include <windows.h>

#include <atomic>

// Windows has no signals: the console's control events stand for them. Ctrl+C and
// Ctrl+Break (SIGINT) end the run as SIGTERM does on Linux; so do closing the console
// window, logging off and shutting down, for which Windows ends the process as soon as the
// handler returns: the handler waits there, up to a few seconds, until the run has ended
// and written its final lines. There is no hang-up to reload on.
namespace {

std::atomic<TerminationSignals *> instance{nullptr};
HANDLE runEnded = nullptr;

// Windows gives a handler of these events 5 s before it ends the process regardless.
constexpr DWORD closeGraceMs = 4500;

BOOL WINAPI forwardConsoleEvent(DWORD event)
{
    TerminationSignals *termination = instance.load();
    if (!termination)
        return FALSE; // the default: end the process
    QMetaObject::invokeMethod(termination, &TerminationSignals::terminationRequested, Qt::QueuedConnection);
    const bool processEndsOnReturn =
        event == CTRL_CLOSE_EVENT || event == CTRL_LOGOFF_EVENT || event == CTRL_SHUTDOWN_EVENT;
    if (processEndsOnReturn && runEnded)
        WaitForSingleObject(runEnded, closeGraceMs);
    return TRUE;
}

} // namespace

TerminationSignals::TerminationSignals(QObject *parent)
    : QObject(parent)
{
    if (!runEnded)
        runEnded = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    ResetEvent(runEnded);
    instance = this;
    SetConsoleCtrlHandler(forwardConsoleEvent, TRUE);
}

void TerminationSignals::reloadOnHangUp()
{
}

TerminationSignals::~TerminationSignals()
{
    instance = nullptr;
    SetConsoleCtrlHandler(forwardConsoleEvent, FALSE);
    if (runEnded)
        SetEvent(runEnded); // a handler waiting for the end of the run returns
}
