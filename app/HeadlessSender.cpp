#include "HeadlessSender.h"

#include <cstdio>

HeadlessSender::HeadlessSender(MonitorSession &session, const CommandLineOptions &options,
                               const TransmitConfig &config, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_config(config)
    , m_transmitter(session.transmitter())
    , m_durationTimer(this)
{
    m_durationTimer.setSingleShot(true);
    connect(&m_durationTimer, &LongTimer::timeout, this, [this] {
        // Every message due within the duration, none after: 5 s at 1 ms is 5,000.
        m_transmitter.stopAfter(LongTimer::fromSeconds(*m_options.durationSeconds));
        finish();
    });
    connect(&m_transmitter, &Transmitter::sent, this, [this](const QString &message, qint64 count) {
        std::printf("Sent %s to %s:%u\n", qUtf8Printable(message),
                    qUtf8Printable(m_config.group.toString()), unsigned(m_config.port));
        std::fflush(stdout);
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
    if (!m_transmitter.start(m_config)) {
        std::fprintf(stderr, "mcast-monitor: %s\n", qUtf8Printable(m_transmitter.lastError()));
        m_finished = true;
        emit finished(1);
        return;
    }
    // From the first message, which went out at once (unless a count of 1 ended the run).
    if (m_options.durationSeconds && !m_finished)
        m_durationTimer.start(LongTimer::fromSeconds(*m_options.durationSeconds));
}

void HeadlessSender::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_durationTimer.stop();
    m_transmitter.stop();
    // What a cadence can be checked against: messages due = running time / interval + 1.
    std::fprintf(stderr, "Sent %lld messages in %.6f s\n",
                 static_cast<long long>(m_transmitter.sentCount()),
                 std::chrono::duration<double>(m_transmitter.runningTime()).count());
    emit finished(0);
}
