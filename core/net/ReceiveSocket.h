#pragma once

#include "net/IpAddress.h"
#include "net/Subscription.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QUdpSocket>

#include <memory>

// One bound socket of the receiver: a family and a port, and the memberships joined on it
// by interface index. The receiver spreads its subscriptions over as many as it needs: the
// kernel caps the memberships of one socket (Linux: net.ipv4.igmp_max_memberships, 20 by
// default), and a group cannot be joined twice on one socket.
class ReceiveSocket final
{
    Q_DISABLE_COPY_MOVE(ReceiveSocket)

public:
    struct Membership
    {
        Subscription subscription;
        uint interfaceIndex = 0;
        int id = -1; // the receiver's index of the subscription
    };

    // Binds the wildcard address of the family on port, with the receive buffer asked for;
    // nothing, with *error saying why, when the port cannot be bound.
    static std::unique_ptr<ReceiveSocket> open(IpAddress::Family family, quint16 port, int bufferBytes,
                                               QString *error);
    // How many memberships one socket of this family takes on this system.
    static int membershipsPerSocket(IpAddress::Family family);

    IpAddress::Family family() const { return m_family; }
    quint16 port() const { return m_port; }
    qintptr descriptor() const { return m_socket.socketDescriptor(); }
    QUdpSocket &qtSocket() { return m_socket; }
    int grantedBufferBytes() const { return m_grantedBufferBytes; }
    const QList<Membership> &memberships() const { return m_memberships; }

    // Whether this socket can take the membership: room left, and the group not yet joined
    // on that interface (source-specific memberships of one group share it).
    bool canTake(const Subscription &subscription, uint interfaceIndex) const;
    // Empty on success, else the operating system's reason.
    QString join(const Subscription &subscription, uint interfaceIndex, int id);
    void leave(int id);
    // The receiver's list changed: each membership takes its subscription's new index.
    void renumber(const QHash<int, int> &newIds);

    qint64 osDrops = 0; // the kernel's drop count on this socket, as last told

private:
    ReceiveSocket(IpAddress::Family family, quint16 port);
    int grantReceiveBuffer(int requestedBytes);

    QUdpSocket m_socket;
    IpAddress::Family m_family;
    quint16 m_port = 0;
    int m_grantedBufferBytes = 0;
    QList<Membership> m_memberships;
};
