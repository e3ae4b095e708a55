#include "net/ReceiveSocket.h"

#include "net/MulticastMembership.h"

#include <QFile>
#include <QNetworkInterface>
#include <QVariant>

#include <algorithm>

#ifdef MCAST_MONITOR_LINUX_FAST_RECEIVE
#include <sys/socket.h>
#endif

ReceiveSocket::ReceiveSocket(IpAddress::Family family, quint16 port)
    : m_family(family)
    , m_port(port)
{
}

std::unique_ptr<ReceiveSocket> ReceiveSocket::open(IpAddress::Family family, quint16 port, int bufferBytes,
                                                   QString *error)
{
    std::unique_ptr<ReceiveSocket> socket(new ReceiveSocket(family, port));
    const QHostAddress any(family == IpAddress::Family::IPv6 ? QHostAddress::AnyIPv6 : QHostAddress::AnyIPv4);
    if (!socket->m_socket.bind(any, port, QAbstractSocket::ShareAddress | QAbstractSocket::ReuseAddressHint)) {
        *error = QStringLiteral("cannot bind port %1: %2").arg(port).arg(socket->m_socket.errorString());
        return nullptr;
    }
#ifdef MCAST_MONITOR_LINUX_FAST_RECEIVE
    // A wildcard-bound socket would otherwise also get every group anyone joined on this port.
    // (Windows and macOS deliver only the groups joined on the socket.)
    MulticastMembership::receiveOnlyJoinedGroups(socket->descriptor(), family);
#endif
    socket->m_grantedBufferBytes = socket->grantReceiveBuffer(bufferBytes);
    return socket;
}

int ReceiveSocket::membershipsPerSocket(IpAddress::Family family)
{
    if (family == IpAddress::Family::IPv6)
        return 256; // Linux has no per-socket cap for IPv6; keep sockets of a sensible size
    static const int ipv4 = [] {
        QFile limit(QStringLiteral("/proc/sys/net/ipv4/igmp_max_memberships"));
        bool ok = false;
        const int value = limit.open(QIODevice::ReadOnly) ? limit.readAll().trimmed().toInt(&ok) : 0;
        return ok && value > 0 ? value : 20;
    }();
    return ipv4;
}

int ReceiveSocket::grantReceiveBuffer(int requestedBytes)
{
#ifdef MCAST_MONITOR_LINUX_FAST_RECEIVE
    // SO_RCVBUFFORCE passes net.core.rmem_max when we may (CAP_NET_ADMIN); else the
    // ordinary request below is capped by the kernel.
    if (setsockopt(int(descriptor()), SOL_SOCKET, SO_RCVBUFFORCE, &requestedBytes, sizeof requestedBytes) != 0)
#endif
        m_socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, requestedBytes);
    return m_socket.socketOption(QAbstractSocket::ReceiveBufferSizeSocketOption).toInt();
}

bool ReceiveSocket::canTake(const Subscription &subscription, uint interfaceIndex) const
{
    if (m_memberships.size() >= membershipsPerSocket(m_family))
        return false;
    return std::none_of(m_memberships.cbegin(), m_memberships.cend(), [&](const Membership &m) {
        return m.interfaceIndex == interfaceIndex && m.subscription.group == subscription.group
               && !(m.subscription.isSourceSpecific() && subscription.isSourceSpecific()
                    && m.subscription.source != subscription.source);
    });
}

QString ReceiveSocket::join(const Subscription &subscription, uint interfaceIndex, int id)
{
    const QString error = MulticastMembership::join(descriptor(), subscription.group, subscription.source,
                                                    interfaceIndex);
    if (error.isEmpty())
        m_memberships.append({subscription, interfaceIndex, id});
    return error;
}

void ReceiveSocket::leave(int id)
{
    const auto found = std::find_if(m_memberships.begin(), m_memberships.end(),
                                    [id](const Membership &m) { return m.id == id; });
    if (found == m_memberships.end())
        return;
    MulticastMembership::leave(descriptor(), found->subscription.group, found->subscription.source,
                               found->interfaceIndex);
    m_memberships.erase(found);
}

void ReceiveSocket::renumber(const QHash<int, int> &newIds)
{
    for (Membership &membership : m_memberships)
        membership.id = newIds.value(membership.id, -1);
}
