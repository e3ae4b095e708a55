#include "HeadlessSender.h"

#include "Diagnostics.h"
#include "generators/StreamFormats.h"
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
    , m_streamProgress(this)
{
    // The transmitter ends a --duration itself: every message due within it, none after;
    // and a stream's --count.
    connect(&m_transmitter, &Transmitter::stopped, this, &HeadlessSender::finish);
    connect(&m_transmitter, &Transmitter::sent, this, [this](const QString &message, qint64 count) {
        // The message holds the prefix the user typed: one line whatever it contains.
        m_out.writeLine(QStringLiteral("Sent %1 to %2")
                            .arg(PayloadFormatter::escapedLine(message), destination())
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
    m_streamProgress.setInterval(std::chrono::seconds(1));
    m_streamProgress.setTimerType(Qt::PreciseTimer); // a coarse one fires up to 5 % early
    connect(&m_streamProgress, &QTimer::timeout, this, &HeadlessSender::printStreamProgress);
}

QString HeadlessSender::destination() const
{
    return Endpoint{IpAddress::fromQHostAddress(m_config.group), m_config.port}.toString();
}

void HeadlessSender::start()
{
    std::optional<std::chrono::nanoseconds> runTime;
    if (m_options.durationSeconds)
        runTime = LongTimer::fromSeconds(*m_options.durationSeconds);
    const bool stream = StreamFormats::isStream(m_config.format);
    if (!m_transmitter.start(m_config, runTime, stream ? m_options.count : std::nullopt)) {
        Diagnostics::error(m_transmitter.lastError());
        m_finished = true;
        emit finished(1);
        return;
    }
    if (!stream)
        return;
    m_out.writeLine(QStringLiteral("Sending %1 to %2: %3 datagrams/s of %4 bytes")
                        .arg(payloadFormatName(m_config.format), destination())
                        .arg(m_transmitter.config().rate)
                        .arg(m_transmitter.config().size)
                        .toUtf8());
    m_streamProgress.start();
}

void HeadlessSender::printStreamProgress()
{
    m_out.writeLine(QStringLiteral("Sent %1 datagrams to %2 (%3 errors, %4 skipped)")
                        .arg(m_transmitter.sentCount())
                        .arg(destination())
                        .arg(m_transmitter.errorCount())
                        .arg(m_transmitter.skippedCount())
                        .toUtf8());
}

void HeadlessSender::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_streamProgress.stop();
    m_transmitter.stop();
    // What the cadence can be checked against: the count and the time since the first.
    const double seconds = std::chrono::duration<double>(m_transmitter.runningTime()).count();
    if (StreamFormats::isStream(m_config.format)) {
        Diagnostics::note(QStringLiteral("Sent %1 %2 datagrams in %3 s: %4 errors, %5 skipped")
                              .arg(m_transmitter.sentCount())
                              .arg(payloadFormatName(m_config.format))
                              .arg(seconds, 0, 'f', 6)
                              .arg(m_transmitter.errorCount())
                              .arg(m_transmitter.skippedCount()));
    } else {
        Diagnostics::note(QStringLiteral("Sent %1 messages in %2 s").arg(m_transmitter.sentCount()).arg(seconds, 0, 'f', 6));
    }
    emit finished(0);
}
