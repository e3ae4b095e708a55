#include "net/Transmitter.h"

#include "decoders/AtuMessage.h"
#include "net/NetworkInterfaces.h"
#include "net/OwnTransmitters.h"
#include "time/WallClock.h"

#include <QVariant>

Transmitter::Transmitter(QObject *parent)
    : QObject(parent)
    , m_socket(this)
    , m_timer(this)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Transmitter::sendNext);
}

Transmitter::~Transmitter()
{
    stop();
}

bool Transmitter::start(const TransmitConfig &config)
{
    stop();
    QString error;
    const auto interface = NetworkInterfaces::resolve(config.interfaceSpec, &error);
    if (!interface) {
        m_lastError = error;
        emit failed(error);
        return false;
    }
    // Bound to the interface's address so the looped-back datagrams can be recognised as ours.
    if (!m_socket.bind(interface->address, 0)) {
        m_lastError = QStringLiteral("cannot bind %1: %2").arg(interface->address.toString(), m_socket.errorString());
        m_socket.close();
        emit failed(m_lastError);
        return false;
    }
    m_socket.setMulticastInterface(interface->qtInterface());
    m_socket.setSocketOption(QAbstractSocket::MulticastTtlOption, config.ttl);
    m_socket.setSocketOption(QAbstractSocket::MulticastLoopbackOption, config.loopback ? 1 : 0);
    m_config = config;
    m_sourceAddress = IpAddress::fromQHostAddress(m_socket.localAddress());
    m_sourcePort = m_socket.localPort();
    OwnTransmitters::add({m_sourceAddress, m_sourcePort});
    m_running = true;
    m_tick = 0;
    m_sentCount = 0;
    m_errorCount = 0;
    m_lastError.clear();
    m_firstDeadline = Clock::now();
    emit started();
    sendNext();
    return true;
}

void Transmitter::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_timer.stop();
    OwnTransmitters::remove({m_sourceAddress, m_sourcePort});
    m_socket.close();
    emit stopped();
}

void Transmitter::sendNext()
{
    if (!m_running)
        return;
    const QByteArray message = AtuMessage::compose(m_config.prefix, WallClock::nowUs());
    const qint64 written = m_socket.writeDatagram(message, m_config.group, m_config.port);
    if (written == message.size()) {
        ++m_sentCount;
        m_lastMessage = QString::fromUtf8(message);
        emit sent(m_lastMessage, m_sentCount);
    } else {
        ++m_errorCount;
        m_lastError = m_socket.errorString();
        emit sendFailed(m_lastError);
        // The interface may have been re-created under a new index: aim at it again.
        if (const auto interface = NetworkInterfaces::resolve(m_config.interfaceSpec))
            m_socket.setMulticastInterface(interface->qtInterface());
    }
    // sent() may have stopped us (a count reached).
    if (m_running)
        scheduleNext();
}

qint64 Transmitter::nextTick(qint64 tick, std::chrono::nanoseconds elapsed, std::chrono::nanoseconds interval)
{
    const qint64 next = tick + 1;
    if (interval * next > elapsed)
        return next;
    return elapsed / interval + 1;
}

void Transmitter::scheduleNext()
{
    using namespace std::chrono;
    const auto now = Clock::now();
    const auto interval = duration_cast<Clock::duration>(m_config.interval);
    m_tick = nextTick(m_tick, now - m_firstDeadline, interval);
    const auto deadline = m_firstDeadline + interval * m_tick;
    m_timer.start(duration_cast<milliseconds>(deadline - now + microseconds(999)));
}
