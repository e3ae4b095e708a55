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
    connect(&m_durationTimer, &LongTimer::timeout, this, &HeadlessSender::finish);
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
}

void HeadlessSender::start()
{
    if (m_options.durationSeconds)
        m_durationTimer.start(LongTimer::fromSeconds(*m_options.durationSeconds));
    if (!m_transmitter.start(m_config)) {
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
    emit finished(0);
}
