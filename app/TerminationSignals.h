#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGINT, SIGTERM and SIGHUP (Ctrl+C, Ctrl+Break on Windows) into a Qt signal
// delivered on the event loop, so a run — headless or the window — can stop cleanly and
// print its final lines. SIGHUP (the terminal went away) ends a run like SIGTERM, except
// where it was ignored when the program started (nohup): there it stays ignored. After
// reloadOnHangUp() it asks for a reload instead, ignored at start or not.
class TerminationSignals final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TerminationSignals)

public:
    explicit TerminationSignals(QObject *parent = nullptr);
    ~TerminationSignals() override;

    // A probe run from a settings file re-reads it on SIGHUP, as daemons do.
    void reloadOnHangUp();

signals:
    void terminationRequested();
    void reloadRequested();

private:
    QSocketNotifier *m_notifier = nullptr;
    bool m_handlesHangUp = false;
    bool m_hangUpReloads = false;
};
