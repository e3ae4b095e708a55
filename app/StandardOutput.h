#pragma once

#include "output/LineSink.h"

#include <QObject>

// The run's standard output: every line printed on stdout goes through one LineSink, so
// that no thread waits for the reader, and what goes wrong is said on stderr — once when
// lines start being dropped, the error that stopped writing, and at the end how many lines
// were lost.
class StandardOutput final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StandardOutput)

public:
    static constexpr int writeErrorExitCode = 74; // EX_IOERR in sysexits.h

    // The descriptor to write to, or -1 when standard output is closed. Call it first in
    // main(), before anything opens a file: descriptor 1 is then held by /dev/null, so that
    // no socket or file of ours lands on it and receives the lines.
    static int claimDescriptor();

    explicit StandardOutput(int descriptor, QObject *parent = nullptr);

    LineSink &sink() { return m_sink; }

    // Writes what is queued (LineSink::close()) and says on stderr what was lost. Returns
    // exitCode, or writeErrorExitCode when writing failed in a run that would exit with 0.
    int close(int exitCode);

signals:
    void failed(); // a write failed (said on stderr): the run should end

private:
    void reportError(const QString &reason);

    LineSink m_sink;
    bool m_errorReported = false;
};
