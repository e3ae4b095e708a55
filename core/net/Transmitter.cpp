#include "net/Transmitter.h"

#include "decoders/AtuMessage.h"
#include "generators/StreamFormats.h"
#include "generators/StreamWriter.h"
#include "net/DatagramBatchSender.h"
#include "net/NetworkInterfaces.h"
#include "net/OwnTransmitters.h"
#include "net/StreamSender.h"
#include "time/WallClock.h"

#include <QVariant>

#include <algorithm>

namespace {

constexpr std::chrono::milliseconds streamPollInterval{100};
// Room for a burst of catch-up batches without the socket saying "full".
constexpr int streamSendBuffer = 4 * 1024 * 1024;

} // namespace

Transmitter::Transmitter(QObject *parent)
    : QObject(parent)
    , m_socket(this)
    , m_timer(this)
    , m_streamPoll(this)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Transmitter::sendDue);
    m_streamPoll.setInterval(streamPollInterval);
    connect(&m_streamPoll, &QTimer::timeout, this, &Transmitter::pollStream);
}

Transmitter::~Transmitter()
{
    stop();
}

void Transmitter::fail(const QString &reason)
{
    m_lastError = reason;
    emit failed(reason);
}

bool Transmitter::openSocket(const TransmitConfig &config, int *interfaceIndex)
{
    QString error;
    const bool ipv6 = config.group.protocol() == QAbstractSocket::IPv6Protocol;
    const auto networkInterface = NetworkInterfaces::resolve(
        config.interfaceSpec, &error, ipv6 ? NetworkInterfaces::Need::IndexOnly : NetworkInterfaces::Need::IPv4Address);
    if (!networkInterface) {
        fail(error);
        return false;
    }
    // Bound to the address the datagrams leave from, so the looped-back ones can be
    // recognised as ours: the interface's IPv4 address, or its IPv6 source address.
    const QHostAddress source = ipv6 ? NetworkInterfaces::ipv6Source(networkInterface->index) : networkInterface->address;
    if (source.isNull()) {
        fail(QStringLiteral("interface %1 has no IPv6 address to send from").arg(networkInterface->name));
        return false;
    }
    if (!m_socket.bind(source, 0)) {
        const QString reason = QStringLiteral("cannot bind %1: %2").arg(source.toString(), m_socket.errorString());
        m_socket.close();
        fail(reason);
        return false;
    }
    m_socket.setMulticastInterface(networkInterface->qtInterface());
    m_socket.setSocketOption(QAbstractSocket::MulticastTtlOption, config.ttl);
    m_socket.setSocketOption(QAbstractSocket::MulticastLoopbackOption, config.loopback ? 1 : 0);
    *interfaceIndex = networkInterface->index;
    return true;
}

bool Transmitter::start(const TransmitConfig &config, std::optional<std::chrono::nanoseconds> runTime,
                        std::optional<qint64> count)
{
    stop();
    const bool stream = StreamFormats::isStream(config.format);
    TransmitConfig accepted = config;
    if (stream) {
        if (accepted.size == 0)
            accepted.size = StreamFormats::defaultSize(config.format);
        const bool ipv6 = config.group.protocol() == QAbstractSocket::IPv6Protocol;
        if (auto reason = StreamFormats::sizeError(config.format, accepted.size, ipv6)) {
            fail(*reason);
            return false;
        }
        if (auto reason = StreamFormats::rateError(config.format, accepted.rate, accepted.size)) {
            fail(*reason);
            return false;
        }
    } else if (config.format != PayloadFormat::Atu) {
        fail(QStringLiteral("format %1 cannot be sent; choose %2")
                 .arg(payloadFormatName(config.format), StreamFormats::sendableNames()));
        return false;
    }
    int interfaceIndex = 0;
    if (!openSocket(accepted, &interfaceIndex))
        return false;
    m_config = accepted;
    m_runTime = runTime;
    m_sourceAddress = IpAddress::fromQHostAddress(m_socket.localAddress());
    m_sourcePort = m_socket.localPort();
    OwnTransmitters::add({m_sourceAddress, m_sourcePort});
    m_running = true;
    m_nextTick = 0;
    m_sentCount = 0;
    m_errorCount = 0;
    m_skippedCount = 0;
    m_reportedErrors = 0;
    m_reportedSkipped = 0;
    m_streamIndex = 0;
    m_lastMessage.clear();
    m_lastError.clear();
    m_firstDeadline = Clock::now();
    emit started();
    if (stream)
        return startStream(runTime, count, interfaceIndex);
    sendDue();
    return true;
}

bool Transmitter::startStream(std::optional<std::chrono::nanoseconds> runTime, std::optional<qint64> count,
                              int interfaceIndex)
{
    m_socket.setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, streamSendBuffer);
    StreamSender::Plan plan{StreamFormats::createWriter(m_config.format, m_config.size, m_config.rate),
                            Cadence::perSecond(m_config.rate), count, catchUpLimit};
    if (runTime) {
        const qint64 due = plan.cadence.countBefore(*runTime);
        plan.total = plan.total ? std::min(*plan.total, due) : due;
    }
    auto socket = std::make_unique<DatagramBatchSender>(m_socket.socketDescriptor(), m_config.group,
                                                        m_config.port, interfaceIndex);
    const quint64 generation = ++m_streamGeneration;
    m_stream = std::make_unique<StreamSender>(std::move(plan), std::move(socket), [this, generation] {
        QMetaObject::invokeMethod(
            this,
            [this, generation] {
                if (generation == m_streamGeneration)
                    stop();
            },
            Qt::QueuedConnection);
    });
    m_stream->start(m_firstDeadline);
    m_streamPoll.start();
    return true;
}

void Transmitter::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_timer.stop();
    m_stoppedAt = Clock::now();
    if (m_stream) {
        m_stream->stop(); // the end of the stream goes out before the socket closes
        m_stoppedAt = std::min(m_stoppedAt, m_stream->endedAt());
        m_streamPoll.stop();
        pollStream();
        m_sentCount = m_stream->sentCount();
        m_errorCount = m_stream->errorCount();
        m_skippedCount = m_stream->skippedCount();
        m_stream.reset();
    }
    OwnTransmitters::remove({m_sourceAddress, m_sourcePort});
    m_socket.close();
    emit stopped();
}

qint64 Transmitter::sentCount() const
{
    return m_stream ? m_stream->sentCount() : m_sentCount;
}

qint64 Transmitter::errorCount() const
{
    return m_stream ? m_stream->errorCount() : m_errorCount;
}

qint64 Transmitter::skippedCount() const
{
    return m_stream ? m_stream->skippedCount() : m_skippedCount;
}

QString Transmitter::lastMessage() const
{
    if (!StreamFormats::isStream(m_config.format) || m_streamIndex == 0)
        return m_lastMessage;
    return QStringLiteral("%1 datagram %2, %3 bytes")
        .arg(payloadFormatName(m_config.format))
        .arg(m_streamIndex)
        .arg(m_config.size);
}

std::chrono::nanoseconds Transmitter::runningTime() const
{
    return (m_running ? Clock::now() : m_stoppedAt) - m_firstDeadline;
}

void Transmitter::pollStream()
{
    if (!m_stream)
        return;
    m_streamIndex = m_stream->nextIndex();
    if (const qint64 skipped = m_stream->skippedCount(); skipped > m_reportedSkipped) {
        emit this->skipped(skipped - m_reportedSkipped);
        m_reportedSkipped = skipped;
    }
    if (const qint64 errors = m_stream->errorCount(); errors > m_reportedErrors) {
        m_reportedErrors = errors;
        m_lastError = m_stream->lastError();
        emit sendFailed(m_lastError);
    }
    emit progressed();
}

void Transmitter::sendDue()
{
    if (!m_running)
        return;
    const std::chrono::nanoseconds elapsed = Clock::now() - m_firstDeadline;
    if (m_runTime && elapsed >= *m_runTime) {
        // The timer fires up to 1 ms late: what it owes from before the end, then the end.
        sendOwed(*m_runTime - std::chrono::nanoseconds(1));
        stop();
        return;
    }
    sendOwed(elapsed);
    if (m_running)
        scheduleNext();
}

void Transmitter::sendOwed(std::chrono::nanoseconds elapsed)
{
    const Cadence::DueTicks due =
        Cadence::everyInterval(m_config.interval).dueTicks(m_nextTick, elapsed, catchUpLimit);
    if (const qint64 overdue = due.first - m_nextTick; overdue > 0) {
        m_skippedCount += overdue;
        m_nextTick = due.first;
        emit skipped(overdue);
    }
    // sent() may stop us (a count reached) in the middle of a burst.
    for (qint64 tick = due.first; tick <= due.last && m_running; ++tick) {
        m_nextTick = tick + 1;
        sendOne();
    }
}

void Transmitter::sendOne()
{
    const QByteArray message = AtuMessage::compose(m_config.prefix, WallClock::nowUs());
    const qint64 written = m_socket.writeDatagram(message, m_config.group, m_config.port);
    if (written == message.size()) {
        ++m_sentCount;
        m_lastMessage = QString::fromUtf8(message);
        emit sent(m_lastMessage, m_sentCount);
        return;
    }
    ++m_errorCount;
    m_lastError = m_socket.errorString();
    emit sendFailed(m_lastError);
    // The interface may have been re-created under a new index: aim at it again.
    if (const auto networkInterface = NetworkInterfaces::resolve(m_config.interfaceSpec, nullptr,
                                                          NetworkInterfaces::Need::IndexOnly))
        m_socket.setMulticastInterface(networkInterface->qtInterface());
}

void Transmitter::scheduleNext()
{
    using namespace std::chrono;
    Clock::time_point deadline =
        m_firstDeadline + duration_cast<Clock::duration>(m_config.interval * m_nextTick);
    if (m_runTime)
        deadline = std::min(deadline, m_firstDeadline + duration_cast<Clock::duration>(*m_runTime));
    const auto remaining =
        std::max<Clock::duration>(deadline - Clock::now(), Clock::duration::zero());
    m_timer.start(ceil<milliseconds>(remaining)); // never early
}
