#include "StandardOutput.h"

#include "Console.h"
#include "Diagnostics.h"

#include <cstdio>
#include <utility>

int StandardOutput::claimDescriptor()
{
    return Console::claimStandardOutput();
}

StandardOutput::StandardOutput(int descriptor, QObject *parent)
    : QObject(parent)
    , m_sink(descriptor)
{
    connect(&m_sink, &LineSink::droppingStarted, this, [] {
        std::fputs("mcast-monitor: standard output is not read fast enough: dropping whole lines "
                   "until it is (counted as dropped_lines)\n",
                   stderr);
    });
    connect(&m_sink, &LineSink::failed, this, [this](const QString &reason) {
        reportError(reason);
        emit failed();
    });
}

int StandardOutput::close(int exitCode)
{
    m_sink.close();
    if (m_sink.hasFailed())
        reportError(m_sink.errorString());
    if (const qint64 dropped = m_sink.droppedLines(); dropped > 0)
        Diagnostics::error(QStringLiteral("%1 of %2 lines dropped: standard output was not read fast enough")
                               .arg(dropped)
                               .arg(dropped + m_sink.writtenLines()));
    return m_sink.hasFailed() && exitCode == 0 ? writeErrorExitCode : exitCode;
}

void StandardOutput::reportError(const QString &reason)
{
    if (std::exchange(m_errorReported, true))
        return;
    Diagnostics::error(QStringLiteral("cannot write to standard output: ") + reason);
}
