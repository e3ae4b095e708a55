#include "net/MulticastReceiver.h"

#include "net/NetworkInterfaces.h"
#include "net/OwnTransmitters.h"
#include "time/WallClock.h"

#include <QNetworkDatagram>

#include <algorithm>
#include <array>

#ifdef MCAST_MONITOR_LINUX_FAST_RECEIVE
#include <sys/epoll.h>
#include <unistd.h>
#endif

bool MulticastReceiver::hasKernelArrivalTimes()
{
    return LinuxDatagramReader::isAvailable();
}

MulticastReceiver::MulticastReceiver(QObject *parent)
    : ReceiverSignals(parent)
    , m_flushTimer(this)
    , m_interfaceTimer(this)
    , m_drainTimer(this)
    , m_holdOff(this)
{
    m_holdOff.setSingleShot(true);
    m_holdOff.setTimerType(Qt::PreciseTimer);
    connect(&m_holdOff, &QTimer::timeout, this, [this] {
        if (m_epollNotifier)
            m_epollNotifier->setEnabled(true);
        for (const Socket &socket : m_sockets) {
            if (socket.notifier)
                socket.notifier->setEnabled(true);
        }
    });
    m_drainTimer.setInterval(drainIntervalMs);
    connect(&m_drainTimer, &QTimer::timeout, this, &MulticastReceiver::drain);
    m_interfaceTimer.setInterval(interfaceCheckMs);
    connect(&m_interfaceTimer, &QTimer::timeout, this, &MulticastReceiver::checkInterfaces);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(flushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &MulticastReceiver::flushWhenDue);
}

MulticastReceiver::~MulticastReceiver()
{
    closeAll();
    m_epollNotifier.reset();
#ifdef MCAST_MONITOR_LINUX_FAST_RECEIVE
    if (m_epoll >= 0)
        ::close(m_epoll);
#endif
}

bool MulticastReceiver::watchWithEpoll(ReceiveSocket &socket)
{
#ifdef MCAST_MONITOR_LINUX_FAST_RECEIVE
    if (m_epoll < 0) {
        m_epoll = epoll_create1(EPOLL_CLOEXEC);
        if (m_epoll < 0)
            return false;
        // Made here, on the receiver's thread, where it is used.
        m_epollNotifier = std::make_unique<QSocketNotifier>(m_epoll, QSocketNotifier::Read);
        connect(m_epollNotifier.get(), &QSocketNotifier::activated, this, &MulticastReceiver::readReadySockets);
    }
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.ptr = &socket;
    return epoll_ctl(m_epoll, EPOLL_CTL_ADD, int(socket.descriptor()), &event) == 0;
#else
    Q_UNUSED(socket)
    return false;
#endif
}

void MulticastReceiver::readReadySockets()
{
#ifdef MCAST_MONITOR_LINUX_FAST_RECEIVE
    std::array<epoll_event, 64> events{};
    const int ready = epoll_wait(m_epoll, events.data(), int(events.size()), 0);
    int datagrams = 0;
    for (int i = 0; i < ready; ++i)
        datagrams += readSocket(static_cast<const ReceiveSocket *>(events[std::size_t(i)].data.ptr));
    if (ready > 0 && datagrams < ready * thinDatagramsPerSocket && m_epollNotifier) {
        m_epollNotifier->setEnabled(false);
        m_holdOff.start(epollHoldOffMs);
    }
#endif
}

void MulticastReceiver::readNotifiedSocket(const ReceiveSocket *wanted)
{
    Socket *socket = socketOf(wanted);
    if (!socket || readPendingDatagrams(*socket) >= thinDatagramsPerSocket || !socket->notifier)
        return;
    // A thin wake-up: the socket rests until the hold-off ends (see socketHoldOffMs).
    socket->notifier->setEnabled(false);
    if (!m_holdOff.isActive())
        m_holdOff.start(socketHoldOffMs);
}

int MulticastReceiver::readSocket(const ReceiveSocket *wanted)
{
    Socket *socket = socketOf(wanted);
    return socket ? readPendingDatagrams(*socket) : 0;
}

MulticastReceiver::Socket *MulticastReceiver::socketOf(const ReceiveSocket *wanted)
{
    // Looked up rather than trusted: a socket left since the wake-up was queued is gone.
    const auto socket = std::find_if(m_sockets.begin(), m_sockets.end(),
                                     [wanted](const Socket &s) { return s.socket.get() == wanted; });
    return socket != m_sockets.end() ? &*socket : nullptr;
}

std::optional<InterfaceChoice> MulticastReceiver::resolve(const Subscription &subscription, QString *error) const
{
    return NetworkInterfaces::resolve(subscription.interfaceSpec, error,
                                      subscription.group.isIPv6() ? NetworkInterfaces::Need::IndexOnly
                                                                  : NetworkInterfaces::Need::IPv4Address);
}

void MulticastReceiver::start(const ReceiveConfig &config)
{
    if (m_open && config.receiveBufferBytes == m_config.receiveBufferBytes
        && config.atuPrefix == m_config.atuPrefix) {
        resubscribe(config);
        return;
    }
    closeAll();
    m_config = config;
    m_detector = FormatDetector(config.atuPrefix);
    m_status = ListeningStatus{};
    m_status.requestedBufferBytes = config.receiveBufferBytes;
    m_useFastReader = LinuxDatagramReader::isAvailable();
    const QList<Subscription> subscriptions = config.joined();
    // One wake-up per ready socket is cheapest for a few sockets; past one socket's worth of
    // memberships, the event loop would poll dozens of descriptors per iteration.
    m_manySockets = subscriptions.size() > ReceiveSocket::membershipsPerSocket(IpAddress::Family::IPv4);
    for (int id = 0; id < subscriptions.size(); ++id) {
        SubscriptionStatus status;
        status.subscription = subscriptions[id];
        m_status.subscriptions.append(status);
        subscribe(id);
    }
    m_open = true;
    m_sinceFlush.start();
    m_interfaceTimer.start();
    m_drainTimer.start();
    reportSubscribed();
}

// Only the list changed while listening: memberships that stay are kept on their sockets
// (no leave and join on the network, nothing lost from their queues), and so are those
// waiting for their interface; the others are left or joined (failed ones are tried again).
void MulticastReceiver::resubscribe(const ReceiveConfig &config)
{
    const QList<Subscription> wanted = config.joined();
    const QList<SubscriptionStatus> before = m_status.subscriptions;
    QHash<int, int> kept; // id in the old list to id in the new one
    for (int id = 0; id < wanted.size(); ++id) {
        for (int old = 0; old < before.size(); ++old) {
            if (!kept.contains(old) && before[old].state != SubscriptionStatus::State::Failed
                && before[old].subscription.sameMembership(wanted[id])) {
                kept.insert(old, id);
                break;
            }
        }
    }
    for (int old = 0; old < before.size(); ++old) {
        if (!kept.contains(old))
            leave(old);
    }
    // Datagrams name their subscription by its place in the list: what was read under the
    // old list goes out under it.
    for (Socket &socket : m_sockets)
        readPendingDatagrams(socket);
    flush();
    m_routes.clear();
    for (Socket &socket : m_sockets) {
        socket.socket->renumber(kept);
        addRoutes(*socket.socket);
    }

    m_config = config;
    m_status.subscriptions.clear();
    for (const Subscription &subscription : wanted) {
        SubscriptionStatus status;
        status.subscription = subscription;
        m_status.subscriptions.append(status);
    }
    for (auto stays = kept.cbegin(); stays != kept.cend(); ++stays) {
        SubscriptionStatus &status = m_status.subscriptions[stays.value()];
        status = before[stays.key()]; // joined, or still waiting for its interface
        status.subscription = wanted[stays.value()]; // its format may have changed
    }
    for (int id = 0; id < wanted.size(); ++id) {
        if (std::find(kept.cbegin(), kept.cend(), id) == kept.cend())
            subscribe(id);
    }
    reportSubscribed();
}

void MulticastReceiver::subscribe(int id)
{
    SubscriptionStatus &status = m_status.subscriptions[id];
    QString error;
    const auto networkInterface = resolve(status.subscription, &error);
    if (!networkInterface) {
        status.reason = error;
        return;
    }
    status.networkInterface = *networkInterface;
    if (!networkInterface->isUp) {
        status.reason = QStringLiteral("interface %1 is down").arg(networkInterface->label());
        return;
    }
    join(id, *networkInterface);
}

void MulticastReceiver::reportSubscribed()
{
    if (m_status.joined().isEmpty()) {
        // Nothing to listen to: the first reason is the one to give (one subscription: its own).
        const SubscriptionStatus first = m_status.subscriptions.value(0);
        const QString reason = m_status.subscriptions.isEmpty() ? QStringLiteral("no group to join") : first.reason;
        const bool several = m_status.subscriptions.size() > 1;
        m_interfaceTimer.stop();
        m_drainTimer.stop();
        closeAll();
        emit failed(several ? QStringLiteral("%1: %2").arg(first.describe(), reason) : reason);
        return;
    }
    emit listening(m_status);
}

MulticastReceiver::Socket *MulticastReceiver::socketFor(const Subscription &subscription, uint interfaceIndex,
                                                        QString *error)
{
    for (Socket &socket : m_sockets) {
        if (socket.socket->family() == subscription.group.family() && socket.socket->port() == subscription.port
            && socket.socket->canTake(subscription, interfaceIndex))
            return &socket;
    }
    auto opened = ReceiveSocket::open(subscription.group.family(), subscription.port,
                                      m_config.receiveBufferBytes, error);
    if (!opened)
        return nullptr;
    Socket socket;
    socket.socket = std::move(opened);
    if (m_useFastReader && !LinuxDatagramReader::prepare(socket.socket->descriptor()))
        m_useFastReader = false;
    // Every datagram is read through the fast reader's own notifier, with the kernel's
    // arrival time (QUdpSocket's notifier goes quiet until Qt itself reads one); elsewhere
    // through Qt.
    m_sockets.push_back(std::move(socket));
    Socket &added = m_sockets.back();
    ReceiveSocket *raw = added.socket.get();
    if (!m_useFastReader) {
        connect(&raw->qtSocket(), &QUdpSocket::readyRead, this, [this, raw] { readSocket(raw); });
    } else if (!m_manySockets || !watchWithEpoll(*raw)) { // in the epoll set: readReadySockets()
        added.notifier = std::make_unique<QSocketNotifier>(raw->descriptor(), QSocketNotifier::Read);
        connect(added.notifier.get(), &QSocketNotifier::activated, this, [this, raw] { readNotifiedSocket(raw); });
    }
    m_status.grantedBufferBytes = std::max(m_status.grantedBufferBytes, raw->grantedBufferBytes());
    return &added;
}

bool MulticastReceiver::join(int id, const InterfaceChoice &networkInterface)
{
    SubscriptionStatus &status = m_status.subscriptions[id];
    QString error;
    Socket *socket = socketFor(status.subscription, uint(networkInterface.index), &error);
    if (socket)
        error = socket->socket->join(status.subscription, uint(networkInterface.index), id);
    if (!error.isEmpty()) {
        status.state = SubscriptionStatus::State::Failed;
        status.reason = socket ? QStringLiteral("cannot join %1 on %2: %3")
                                     .arg(status.subscription.group.toString(), networkInterface.label(), error)
                               : error;
        return false;
    }
    status.networkInterface = networkInterface;
    status.state = SubscriptionStatus::State::Joined;
    status.reason.clear();
    const Route route{socket->socket.get(), status.subscription.group,
                      uint(networkInterface.index)};
    m_routes[route].append(id);
    return true;
}

void MulticastReceiver::addRoutes(const ReceiveSocket &socket)
{
    for (const ReceiveSocket::Membership &membership : socket.memberships()) {
        if (membership.id >= 0)
            m_routes[Route{&socket, membership.subscription.group, membership.interfaceIndex}]
                .append(membership.id);
    }
}

std::vector<MulticastReceiver::Socket>::iterator MulticastReceiver::socketHolding(int id)
{
    return std::find_if(m_sockets.begin(), m_sockets.end(), [id](const Socket &socket) {
        const auto &memberships = socket.socket->memberships();
        return std::any_of(memberships.cbegin(), memberships.cend(),
                           [id](const ReceiveSocket::Membership &m) { return m.id == id; });
    });
}

void MulticastReceiver::leave(int id)
{
    SubscriptionStatus &status = m_status.subscriptions[id];
    if (status.state != SubscriptionStatus::State::Joined)
        return;
    status.state = SubscriptionStatus::State::WaitingForInterface;
    const auto socket = socketHolding(id);
    if (socket == m_sockets.end())
        return;
    auto routed = m_routes.find(Route{socket->socket.get(), status.subscription.group,
                                      uint(status.networkInterface.index)});
    if (routed != m_routes.end()) {
        routed->removeAll(id);
        if (routed->isEmpty())
            m_routes.erase(routed);
    }
    socket->socket->leave(id);
    if (socket->socket->memberships().isEmpty()) {
        readPendingDatagrams(*socket);
        m_osDropsBefore += socket->socket->osDrops;
        m_sockets.erase(socket);
    }
}

void MulticastReceiver::closeAll()
{
    for (Socket &socket : m_sockets)
        readPendingDatagrams(socket);
    flush();
    for (Socket &socket : m_sockets) {
        for (const ReceiveSocket::Membership &membership : socket.socket->memberships())
            socket.socket->leave(membership.id);
        m_osDropsBefore += socket.socket->osDrops;
    }
    m_sockets.clear();
    m_routes.clear();
    m_holdOff.stop();
    if (m_epollNotifier)
        m_epollNotifier->setEnabled(true);
    m_open = false;
}

void MulticastReceiver::checkInterfaces()
{
    bool changed = false;
    QStringList lost;
    for (int id = 0; id < m_status.subscriptions.size(); ++id) {
        SubscriptionStatus &status = m_status.subscriptions[id];
        if (status.state == SubscriptionStatus::State::Failed)
            continue;
        QString error;
        const auto networkInterface = resolve(status.subscription, &error);
        const bool usable = networkInterface && networkInterface->isUp;
        if (status.state == SubscriptionStatus::State::Joined) {
            // Deleted and re-added between two checks: same name, new index, membership gone.
            if (usable && networkInterface->index == status.networkInterface.index)
                continue;
            leave(id);
            changed = true;
            if (usable && join(id, *networkInterface))
                continue; // came back under a new index before we noticed
            status.state = SubscriptionStatus::State::WaitingForInterface;
            status.reason = networkInterface ? QStringLiteral("interface %1 is down; waiting for it to come back")
                                            .arg(status.networkInterface.label())
                                      : QStringLiteral("interface %1 is gone; waiting for it to come back")
                                            .arg(status.networkInterface.label());
            lost.append(status.reason);
        } else if (usable && join(id, *networkInterface)) {
            changed = true;
        }
    }
    if (!changed)
        return;
    flush();
    if (m_status.joined().isEmpty())
        emit interfaceLost(lost.isEmpty() ? m_status.subscriptions.value(0).reason : lost.join(QStringLiteral("; ")));
    else
        emit listening(m_status);
}

void MulticastReceiver::stop()
{
    const bool wasOpen = m_open;
    m_interfaceTimer.stop();
    m_drainTimer.stop();
    closeAll();
    m_status = ListeningStatus{};
    if (wasOpen)
        emit stopped();
}

int MulticastReceiver::readPendingDatagrams(Socket &socket)
{
    if (const quint64 generation = OwnTransmitters::generation(); generation != m_ownGeneration) {
        m_ownGeneration = generation;
        m_ownEndpoints = OwnTransmitters::snapshot();
    }
    ReceiveSocket &receiveSocket = *socket.socket;
    // Bounded per wake-up so that the flush timer and stop() still get their turn in a flood.
    int reads = 0;
    while (reads < maxReadsPerWakeup) {
        int count = 0;
        // Whatever arrived before this moment, the read below returns (the queue is FIFO).
        const qint64 readStartUs = WallClock::nowUs();
        if (m_useFastReader) {
            m_fastRead.clear();
            count = m_fastReader.read(receiveSocket.descriptor(), m_fastRead, LinuxDatagramReader::batchSize,
                                      &receiveSocket.osDrops);
            for (ReceivedDatagram &datagram : m_fastRead)
                accept(std::move(datagram), receiveSocket);
        } else {
            count = readThroughQt(socket, LinuxDatagramReader::batchSize);
        }
        if (count < LinuxDatagramReader::batchSize) {
            // A short read emptied the queue: asking again would only cost a system call
            // that finds nothing; what arrives from now on wakes us again.
            m_drainedUs = std::max(m_drainedUs, readStartUs);
            reads += std::max(count, 0);
            break;
        }
        if (!m_pending.isEmpty())
            m_drainedUs = std::max(m_drainedUs, m_pending.constLast().arrivalUs);
        reads += count;
    }
    if (m_pending.isEmpty())
        return reads;
    if (m_sinceFlush.elapsed() >= flushIntervalMs)
        flushWhenDue();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start(flushIntervalMs);
    return reads;
}

namespace {

// Qt gives an IPv6 destination the arrival interface as its scope; a group is routed without
// one (the interface is the datagram's interfaceIndex), as the fast reader reports it.
IpAddress groupOf(const QNetworkDatagram &datagram)
{
    QHostAddress destination = datagram.destinationAddress();
    destination.setScopeId({});
    return IpAddress::fromQHostAddress(destination);
}

} // namespace

int MulticastReceiver::readThroughQt(Socket &socket, int maxDatagrams)
{
    QUdpSocket &qt = socket.socket->qtSocket();
    int count = 0;
    while (count < maxDatagrams && qt.hasPendingDatagrams()) {
        const QNetworkDatagram datagram = qt.receiveDatagram();
        if (!datagram.isValid())
            break;
        ++count;
        ReceivedDatagram received;
        received.arrivalUs = WallClock::nowUs();
        received.source = IpAddress::fromQHostAddress(datagram.senderAddress());
        received.sourcePort = quint16(datagram.senderPort());
        received.destination = groupOf(datagram);
        received.ttl = datagram.hopLimit();
        received.interfaceIndex = datagram.interfaceIndex();
        received.payload = datagram.data();
        accept(std::move(received), *socket.socket);
    }
    return count;
}

void MulticastReceiver::accept(ReceivedDatagram &&datagram, const ReceiveSocket &socket)
{
    // Which subscription: the group, port and interface the kernel reports; for a
    // source-specific one, its source. Where the platform reports no destination, the
    // socket's first membership (the kernel filtered by membership already).
    int id = -1;
    if (datagram.destination.isNull() || datagram.interfaceIndex == 0) {
        if (!socket.memberships().isEmpty())
            id = socket.memberships().front().id;
    } else {
        const auto routed =
            m_routes.constFind(Route{&socket, datagram.destination, datagram.interfaceIndex});
        if (routed == m_routes.cend())
            return;
        for (const int candidate : *routed) {
            const Subscription &subscription = m_status.subscriptions[candidate].subscription;
            if (!subscription.isSourceSpecific() || subscription.source == datagram.source) {
                id = candidate;
                break;
            }
        }
    }
    if (id < 0)
        return;
    const Subscription &subscription = m_status.subscriptions[id].subscription;
    datagram.subscription = id;
    datagram.destination = subscription.group;
    datagram.destinationPort = subscription.port;
    datagram.fromOwnTransmitter = m_ownEndpoints.contains(Endpoint{datagram.source, datagram.sourcePort});
    m_detector.process(std::move(datagram), subscription.format ? subscription.format : m_config.format, m_pending);
}

void MulticastReceiver::flush()
{
    m_flushTimer.stop();
    m_sinceFlush.restart();
    qint64 osDrops = m_osDropsBefore;
    for (const Socket &socket : m_sockets)
        osDrops += socket.socket->osDrops;
    if (osDrops != m_reportedOsDrops) {
        m_reportedOsDrops = osDrops;
        emit osDropsChanged(osDrops);
    }
    m_detector.batchTaken();
    if (!m_pending.isEmpty()) {
        DatagramBatch batch;
        batch.swap(m_pending);
        // The next batch is likely as large: growing it from nothing moves every datagram
        // a dozen times in a flood.
        m_pending.reserve(std::min(batch.size(), maxReservedBatch));
        emit datagramsReceived(batch);
    }
    if (m_drainedUs > m_reportedDrainUs) {
        m_reportedDrainUs = m_drainedUs;
        emit drained(m_drainedUs);
    }
}

// A new flow's first datagrams await the next one of the flow, which says their format
// (FormatDetector): a batch that holds some waits for it a little, never more than
// FormatDetector::awaitUs after them, nor when it is large.
void MulticastReceiver::flushWhenDue()
{
    if (m_pending.size() < maxAwaitingBatch && m_detector.awaitingConfirmation(WallClock::nowUs())) {
        m_flushTimer.start(awaitRetryMs);
        return;
    }
    flush();
}

void MulticastReceiver::drain()
{
    if (!m_open)
        return;
    for (Socket &socket : m_sockets)
        readPendingDatagrams(socket);
    flushWhenDue();
}
