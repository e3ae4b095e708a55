#include "MulticastReceiver.h"

#include "AtuMessage.h"
#include "NetworkInterfaces.h"
#include "OwnTransmitters.h"

#include <QNetworkDatagram>
#include <QVariant>

#ifdef Q_OS_LINUX
#include <netinet/in.h>
#include <sys/socket.h>
#endif

MulticastReceiver::MulticastReceiver(QObject *parent)
    : QObject(parent)
    , m_socket(this)
    , m_flushTimer(this)
{
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
    QString error;
    const auto interface = NetworkInterfaces::resolve(config.interfaceSpec, &error);
    if (!interface) {
        emit failed(error);
        return;
    }
    if (!m_socket.bind(QHostAddress::AnyIPv4, config.port,
                       QAbstractSocket::ShareAddress | QAbstractSocket::ReuseAddressHint)) {
        emit failed(QStringLiteral("cannot bind port %1: %2").arg(config.port).arg(m_socket.errorString()));
        m_socket.close();
        return;
    }
#ifdef Q_OS_LINUX
    // A wildcard-bound socket would otherwise also get every group anyone joined on this port.
    const int off = 0;
    setsockopt(int(m_socket.socketDescriptor()), IPPROTO_IP, IP_MULTICAST_ALL, &off, sizeof off);
#endif
    const int granted = grantReceiveBuffer(config.receiveBufferBytes);
    if (!m_socket.joinMulticastGroup(config.group, interface->qtInterface())) {
        emit failed(QStringLiteral("cannot join %1 on %2: %3")
                        .arg(config.group.toString(), interface->label(), m_socket.errorString()));
        m_socket.close();
        return;
    }
    m_group = config.group.toIPv4Address();
    m_atuPrefix = config.atuPrefix;
    m_status = ListeningStatus{config.group, config.port, *interface, config.receiveBufferBytes, granted};
    m_sinceFlush.start();
    emit listening(m_status);
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
    const bool wasOpen = m_socket.state() != QAbstractSocket::UnconnectedState;
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
    m_socket.leaveMulticastGroup(m_status.group, m_status.interface.qtInterface());
    m_socket.close();
}

void MulticastReceiver::readPendingDatagrams()
{
    for (int reads = 0; reads < maxReadsPerWakeup && m_socket.hasPendingDatagrams(); ++reads) {
        const QNetworkDatagram datagram = m_socket.receiveDatagram();
        if (!datagram.isValid())
            break;
        const QHostAddress destination = datagram.destinationAddress();
        // Some platforms do not report the destination; there we trust the kernel's filter.
        if (!destination.isNull() && destination.toIPv4Address() != m_group)
            continue;
        ReceivedDatagram received;
        received.arrivalUs = AtuMessage::nowUs();
        received.source = datagram.senderAddress().toIPv4Address();
        received.sourcePort = quint16(datagram.senderPort());
        received.destination = destination.isNull() ? m_group : destination.toIPv4Address();
        received.destinationPort = m_status.port;
        received.ttl = datagram.hopLimit();
        received.interfaceIndex = datagram.interfaceIndex();
        received.fromOwnTransmitter = OwnTransmitters::contains(received.source, received.sourcePort);
        received.payload = datagram.data();
        if (const auto atu = AtuMessage::parse(received.payload, m_atuPrefix))
            received.atuTimeUs = atu->timeUs;
        m_pending.append(std::move(received));
    }
    if (m_pending.isEmpty())
        return;
    if (m_sinceFlush.elapsed() >= flushIntervalMs)
        flush();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void MulticastReceiver::flush()
{
    m_flushTimer.stop();
    m_sinceFlush.restart();
    if (m_pending.isEmpty())
        return;
    DatagramBatch batch;
    batch.swap(m_pending);
    emit datagramsReceived(batch);
}
