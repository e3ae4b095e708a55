#include "net/MulticastReceiver.h"

#include "net/NetworkInterfaces.h"
#include "net/OwnTransmitters.h"
#include "time/WallClock.h"

#include <QNetworkDatagram>
#include <QVariant>

#ifdef Q_OS_LINUX
#include <netinet/in.h>
#include <sys/socket.h>
#endif

MulticastReceiver::MulticastReceiver(QObject *parent)
    : ReceiverSignals(parent)
    , m_socket(this)
    , m_flushTimer(this)
    , m_interfaceTimer(this)
    , m_drainTimer(this)
{
    m_drainTimer.setInterval(drainIntervalMs);
    connect(&m_drainTimer, &QTimer::timeout, this, &MulticastReceiver::drain);
    m_interfaceTimer.setInterval(interfaceCheckMs);
    connect(&m_interfaceTimer, &QTimer::timeout, this, &MulticastReceiver::checkInterface);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(flushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &MulticastReceiver::flush);
    connect(&m_socket, &QUdpSocket::readyRead, this, &MulticastReceiver::readPendingDatagrams);
}

MulticastReceiver::~MulticastReceiver()
{
    leave();
}

void MulticastReceiver::start(const ReceiveConfig &config)
{
    leave();
    m_interfaceTimer.stop();
    m_waitingForInterface = false;
    QString error;
    if (!join(config, &error)) {
        emit failed(error);
        return;
    }
    m_config = config;
    m_interfaceTimer.start();
    m_drainTimer.start();
    emit listening(m_status);
}

bool MulticastReceiver::join(const ReceiveConfig &config, QString *error)
{
    const auto interface = NetworkInterfaces::resolve(config.interfaceSpec, error);
    if (!interface)
        return false;
    if (!interface->isUp) {
        *error = QStringLiteral("interface %1 is down").arg(interface->label());
        return false;
    }
    if (!m_socket.bind(QHostAddress::AnyIPv4, config.port,
                       QAbstractSocket::ShareAddress | QAbstractSocket::ReuseAddressHint)) {
        *error = QStringLiteral("cannot bind port %1: %2").arg(config.port).arg(m_socket.errorString());
        m_socket.close();
        return false;
    }
#ifdef Q_OS_LINUX
    // A wildcard-bound socket would otherwise also get every group anyone joined on this port.
    const int off = 0;
    setsockopt(int(m_socket.socketDescriptor()), IPPROTO_IP, IP_MULTICAST_ALL, &off, sizeof off);
#endif
    const int granted = grantReceiveBuffer(config.receiveBufferBytes);
    m_useFastReader = LinuxDatagramReader::isAvailable()
                      && LinuxDatagramReader::prepare(m_socket.socketDescriptor());
    if (m_useFastReader) {
        m_fastReadNotifier = std::make_unique<QSocketNotifier>(m_socket.socketDescriptor(),
                                                               QSocketNotifier::Read);
        connect(m_fastReadNotifier.get(), &QSocketNotifier::activated, this,
                &MulticastReceiver::readPendingDatagrams);
    }
    m_reportedOsDrops = 0;
    m_osDrops = 0;
    if (!m_socket.joinMulticastGroup(config.group, interface->qtInterface())) {
        *error = QStringLiteral("cannot join %1 on %2: %3")
                     .arg(config.group.toString(), interface->label(), m_socket.errorString());
        m_fastReadNotifier.reset();
        m_socket.close();
        return false;
    }
    m_group = IpAddress::fromQHostAddress(config.group);
    m_atuDecoder = AtuDecoder(config.atuPrefix);
    m_status = ListeningStatus{Subscription{m_group, {}, config.port, interface->name}, *interface,
                               config.receiveBufferBytes, granted};
    m_sinceFlush.start();
    return true;
}

void MulticastReceiver::checkInterface()
{
    QString error;
    const auto interface = NetworkInterfaces::resolve(m_config.interfaceSpec, &error);
    // Deleted and re-added between two checks: same name, new index, membership gone.
    const bool usable = interface && interface->isUp && interface->index == m_status.interface.index;
    if (m_waitingForInterface) {
        if (!interface || !interface->isUp || !join(m_config, &error))
            return;
        m_waitingForInterface = false;
        emit listening(m_status);
        return;
    }
    if (usable)
        return;
    leave();
    if (interface && interface->isUp && join(m_config, &error)) {
        emit listening(m_status); // came back under a new index before we noticed
        return;
    }
    m_waitingForInterface = true;
    emit interfaceLost(interface ? QStringLiteral("interface %1 is down; waiting for it to come back")
                                       .arg(m_status.interface.label())
                                 : QStringLiteral("interface %1 is gone; waiting for it to come back")
                                       .arg(m_status.interface.label()));
}

int MulticastReceiver::grantReceiveBuffer(int requestedBytes)
{
#ifdef Q_OS_LINUX
    // SO_RCVBUFFORCE passes net.core.rmem_max when we may (CAP_NET_ADMIN); else the
    // ordinary request below is capped by the kernel.
    if (setsockopt(int(m_socket.socketDescriptor()), SOL_SOCKET, SO_RCVBUFFORCE, &requestedBytes,
                   sizeof requestedBytes)
        != 0)
#endif
        m_socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, requestedBytes);
    return m_socket.socketOption(QAbstractSocket::ReceiveBufferSizeSocketOption).toInt();
}

void MulticastReceiver::stop()
{
    const bool wasOpen = m_socket.state() != QAbstractSocket::UnconnectedState || m_waitingForInterface;
    m_interfaceTimer.stop();
    m_drainTimer.stop();
    m_waitingForInterface = false;
    leave();
    if (wasOpen)
        emit stopped();
}

void MulticastReceiver::leave()
{
    if (m_socket.state() == QAbstractSocket::UnconnectedState)
        return;
    readPendingDatagrams();
    flush();
    m_socket.leaveMulticastGroup(m_status.subscription.group.toQHostAddress(), m_status.interface.qtInterface());
    m_fastReadNotifier.reset();
    m_socket.close();
}

void MulticastReceiver::readPendingDatagrams()
{
    if (const quint64 generation = OwnTransmitters::generation(); generation != m_ownGeneration) {
        m_ownGeneration = generation;
        m_ownEndpoints = OwnTransmitters::snapshot();
    }
    // Bounded per wake-up so that the flush timer and stop() still get their turn in a flood.
    int reads = 0;
    while (reads < maxReadsPerWakeup) {
        int count = 0;
        // Whatever arrived before this moment, the read below returns (the queue is FIFO).
        const qint64 readStartUs = WallClock::nowUs();
        if (m_useFastReader) {
            m_fastRead.clear();
            count = m_fastReader.read(m_socket.socketDescriptor(), m_fastRead, LinuxDatagramReader::batchSize,
                                     &m_osDrops);
            for (ReceivedDatagram &datagram : m_fastRead)
                accept(std::move(datagram));
        } else {
            count = readThroughQt(LinuxDatagramReader::batchSize);
        }
        if (count < LinuxDatagramReader::batchSize) {
            m_drainedUs = std::max(m_drainedUs, readStartUs);
            if (count <= 0)
                break;
        } else if (!m_pending.isEmpty()) {
            m_drainedUs = std::max(m_drainedUs, m_pending.constLast().arrivalUs);
        }
        reads += count;
    }
    if (m_pending.isEmpty())
        return;
    if (m_sinceFlush.elapsed() >= flushIntervalMs)
        flush();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

int MulticastReceiver::readThroughQt(int maxDatagrams)
{
    int count = 0;
    while (count < maxDatagrams && m_socket.hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_socket.receiveDatagram();
        if (!datagram.isValid())
            break;
        ++count;
        ReceivedDatagram received;
        received.arrivalUs = WallClock::nowUs();
        received.source = IpAddress::fromQHostAddress(datagram.senderAddress());
        received.sourcePort = quint16(datagram.senderPort());
        received.destination = IpAddress::fromQHostAddress(datagram.destinationAddress());
        received.ttl = datagram.hopLimit();
        received.interfaceIndex = datagram.interfaceIndex();
        received.payload = datagram.data();
        accept(std::move(received));
    }
    return count;
}

void MulticastReceiver::accept(ReceivedDatagram &&datagram)
{
    // A wildcard-bound socket can be handed other groups on this port; where the platform
    // reports no destination we trust the kernel's filter.
    if (!datagram.destination.isNull() && datagram.destination != m_group)
        return;
    datagram.destination = m_group;
    datagram.destinationPort = m_status.subscription.port;
    datagram.fromOwnTransmitter
        = m_ownEndpoints.contains(Endpoint{datagram.source, datagram.sourcePort});
    if (const auto decoded = m_atuDecoder.decode(datagram.payload)) {
        datagram.format = decoded->format;
        datagram.streamId = decoded->streamId;
        datagram.atuTimeUs = decoded->sendTimeUs;
    }
    m_pending.append(std::move(datagram));
}

void MulticastReceiver::flush()
{
    m_flushTimer.stop();
    m_sinceFlush.restart();
    if (m_useFastReader && m_osDrops != m_reportedOsDrops) {
        m_reportedOsDrops = m_osDrops;
        emit osDropsChanged(m_reportedOsDrops);
    }
    if (!m_pending.isEmpty()) {
        DatagramBatch batch;
        batch.swap(m_pending);
        emit datagramsReceived(batch);
    }
    if (m_drainedUs > m_reportedDrainUs) {
        m_reportedDrainUs = m_drainedUs;
        emit drained(m_drainedUs);
    }
}

void MulticastReceiver::drain()
{
    if (m_socket.state() == QAbstractSocket::UnconnectedState)
        return;
    readPendingDatagrams();
    flush();
}
