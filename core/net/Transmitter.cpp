#include "net/Transmitter.h"

#include "decoders/AtuMessage.h"
#include "net/NetworkInterfaces.h"
#include "net/OwnTransmitters.h"
#include "time/WallClock.h"

#include <QVariant>

#include <algorithm>

Transmitter::Transmitter(QObject *parent)
    : QObject(parent)
    , m_socket(this)
    , m_timer(this)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Transmitter::sendDue);
}

Transmitter::~Transmitter()
{
    stop();
}

bool Transmitter::start(const TransmitConfig &config, std::optional<std::chrono::nanoseconds> runTime)
{
    stop();
    QString error;
    const bool ipv6 = config.group.protocol() == QAbstractSocket::IPv6Protocol;
    const auto interface = NetworkInterfaces::resolve(
        config.interfaceSpec, &error, ipv6 ? NetworkInterfaces::Need::IndexOnly : NetworkInterfaces::Need::IPv4Address);
    if (!interface) {
        m_lastError = error;
        emit failed(error);
        return false;
    }
    // Bound to the address the datagrams leave from, so the looped-back ones can be
    // recognised as ours: the interface's IPv4 address, or its IPv6 source address.
    const QHostAddress source = ipv6 ? NetworkInterfaces::ipv6Source(interface->index) : interface->address;
    if (source.isNull()) {
        m_lastError = QStringLiteral("interface %1 has no IPv6 address to send from").arg(interface->name);
        emit failed(m_lastError);
        return false;
    }
    if (!m_socket.bind(source, 0)) {
        m_lastError = QStringLiteral("cannot bind %1: %2").arg(source.toString(), m_socket.errorString());
        m_socket.close();
        emit failed(m_lastError);
        return false;
    }
    m_socket.setMulticastInterface(interface->qtInterface());
    m_socket.setSocketOption(QAbstractSocket::MulticastTtlOption, config.ttl);
    m_socket.setSocketOption(QAbstractSocket::MulticastLoopbackOption, config.loopback ? 1 : 0);
    m_config = config;
    m_runTime = runTime;
    m_sourceAddress = IpAddress::fromQHostAddress(m_socket.localAddress());
    m_sourcePort = m_socket.localPort();
    OwnTransmitters::add({m_sourceAddress, m_sourcePort});
    m_running = true;
    m_nextTick = 0;
    m_sentCount = 0;
    m_errorCount = 0;
    m_skippedCount = 0;
    m_lastError.clear();
    m_firstDeadline = Clock::now();
    emit started();
    sendDue();
    return true;
}

void Transmitter::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_stoppedAt = Clock::now();
    m_timer.stop();
    OwnTransmitters::remove({m_sourceAddress, m_sourcePort});
    m_socket.close();
    emit stopped();
}

std::chrono::nanoseconds Transmitter::runningTime() const
{
    return (m_running ? Clock::now() : m_stoppedAt) - m_firstDeadline;
}

Transmitter::DueTicks Transmitter::dueTicks(qint64 next, std::chrono::nanoseconds elapsed,
                                            std::chrono::nanoseconds interval)
{
    using std::chrono::nanoseconds;
    if (elapsed < interval * next)
        return {next, next - 1}; // nothing due yet
    const qint64 lastDue = elapsed / interval;
    // Tick k is kept while k × interval ≥ elapsed − catchUpLimit: the first kept, rounding up.
    const nanoseconds oldest = elapsed - catchUpLimit;
    const qint64 firstKept =
        oldest > nanoseconds::zero() ? (oldest + interval - nanoseconds(1)) / interval : 0;
    return {std::max(next, std::min(firstKept, lastDue)), lastDue};
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
    const DueTicks due = dueTicks(m_nextTick, elapsed, m_config.interval);
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
    if (const auto interface = NetworkInterfaces::resolve(m_config.interfaceSpec, nullptr,
                                                          NetworkInterfaces::Need::IndexOnly))
        m_socket.setMulticastInterface(interface->qtInterface());
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
