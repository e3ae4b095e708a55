#include "HeadlessSender.h"

#include "output/LineSink.h"
#include "time/LongTimer.h"

#include <cstdio>
#include <optional>

HeadlessSender::HeadlessSender(MonitorSession &session, const CommandLineOptions &options,
                               const TransmitConfig &config, LineSink &out, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_config(config)
    , m_transmitter(session.transmitter())
    , m_out(out)
{
    // The transmitter ends a --duration itself: every message due within it, none after.
    connect(&m_transmitter, &Transmitter::stopped, this, &HeadlessSender::finish);
    connect(&m_transmitter, &Transmitter::sent, this, [this](const QString &message, qint64 count) {
        m_out.writeLine(QStringLiteral("Sent %1 to %2:%3")
                            .arg(message, m_config.group.toString())
                            .arg(m_config.port)
                            .toUtf8());
        if (m_options.count && count >= *m_options.count)
            finish();
    });
    connect(&m_transmitter, &Transmitter::sendFailed, this, [](const QString &reason) {
        std::fprintf(stderr, "mcast-monitor: send failed: %s\n", qUtf8Printable(reason));
    });
    connect(&m_transmitter, &Transmitter::skipped, this, [](qint64 count) {
        std::fprintf(stderr, "mcast-monitor: fell more than %lld s behind: skipped %lld messages\n",
                     static_cast<long long>(Transmitter::catchUpLimit.count()),
                     static_cast<long long>(count));
    });
}

void HeadlessSender::start()
{
    std::optional<std::chrono::nanoseconds> runTime;
    if (m_options.durationSeconds)
        runTime = LongTimer::fromSeconds(*m_options.durationSeconds);
    if (!m_transmitter.start(m_config, runTime)) {
        std::fprintf(stderr, "mcast-monitor: %s\n", qUtf8Printable(m_transmitter.lastError()));
        m_finished = true;
        emit finished(1);
    }
}

void HeadlessSender::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_transmitter.stop();
    // What the cadence can be checked against: the count and the time since the first.
    std::fprintf(stderr, "Sent %lld messages in %.6f s\n",
                 static_cast<long long>(m_transmitter.sentCount()),
                 std::chrono::duration<double>(m_transmitter.runningTime()).count());
    emit finished(0);
}
