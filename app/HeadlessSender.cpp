#include "HeadlessSender.h"

#include "output/LineSink.h"

#include <cstdio>

HeadlessSender::HeadlessSender(MonitorSession &session, const CommandLineOptions &options,
                               const TransmitConfig &config, LineSink &out, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_config(config)
    , m_transmitter(session.transmitter())
    , m_out(out)
    , m_durationTimer(this)
{
    m_durationTimer.setSingleShot(true);
    m_durationTimer.setTimerType(Qt::PreciseTimer); // a coarse timer may end 5 % early
    connect(&m_durationTimer, &QTimer::timeout, this, &HeadlessSender::finish);
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
}

void HeadlessSender::start()
{
    if (m_options.durationSeconds)
        m_durationTimer.start(std::chrono::milliseconds(qRound64(*m_options.durationSeconds * 1000)));
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
