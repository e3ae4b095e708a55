#include "HeadlessSender.h"

#include "Diagnostics.h"
#include "output/LineSink.h"
#include "output/PayloadFormatter.h"
#include "time/LongTimer.h"

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
        // The message holds the prefix the user typed: one line whatever it contains.
        m_out.writeLine(QStringLiteral("Sent %1 to %2")
                            .arg(PayloadFormatter::escapedLine(message),
                                 Endpoint{IpAddress::fromQHostAddress(m_config.group), m_config.port}.toString())
                            .toUtf8());
        if (m_options.count && count >= *m_options.count)
            finish();
    });
    connect(&m_transmitter, &Transmitter::sendFailed, this, [](const QString &reason) {
        Diagnostics::error(QStringLiteral("send failed: ") + reason);
    });
    connect(&m_transmitter, &Transmitter::skipped, this, [](qint64 count) {
        Diagnostics::error(QStringLiteral("fell more than %1 s behind: skipped %2 messages")
                               .arg(qint64(Transmitter::catchUpLimit.count()))
                               .arg(count));
    });
}

void HeadlessSender::start()
{
    std::optional<std::chrono::nanoseconds> runTime;
    if (m_options.durationSeconds)
        runTime = LongTimer::fromSeconds(*m_options.durationSeconds);
    if (!m_transmitter.start(m_config, runTime)) {
        Diagnostics::error(m_transmitter.lastError());
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
    Diagnostics::note(QStringLiteral("Sent %1 messages in %2 s")
                          .arg(m_transmitter.sentCount())
                          .arg(std::chrono::duration<double>(m_transmitter.runningTime()).count(), 0, 'f', 6));
    emit finished(0);
}
