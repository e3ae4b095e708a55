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

    // The descriptor to write to, or -1 when standard output is closed: see
    // Console::claimStandardOutput(). Call it first in main().
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
