#pragma once

#include "net/ReceivedDatagram.h"

#include <QtGlobal>

#include <memory>

// Linux fast path: reads many datagrams per system call (recvmmsg) straight from a socket,
// IPv4 or IPv6, with their destination address, interface, TTL or hop limit, the kernel's
// receive time (SO_TIMESTAMPNS: when the datagram arrived, however late we read it) and the
// kernel's drop counter (SO_RXQ_OVFL) from the control messages. One reader serves every
// socket of a receive thread: its buffers (2 MiB) are not per socket. Elsewhere, and in a
// Linux build with MCAST_MONITOR_PORTABLE_RECEIVE, isAvailable() is false and the receiver
// reads through QUdpSocket.
class LinuxDatagramReader final
{
    Q_DISABLE_COPY_MOVE(LinuxDatagramReader)

public:
    static constexpr int batchSize = 32;

    LinuxDatagramReader();
    ~LinuxDatagramReader();

    static bool isAvailable();
    // Asks the kernel for the control messages on a socket of either family; false when
    // the socket refuses them.
    static bool prepare(qintptr socketDescriptor);
    // Appends up to maxDatagrams from the socket to out; returns how many were read, 0 when
    // none waits, -1 on an error other than "would block". *osDrops is set to the socket's
    // drop counter when a datagram carries it (the kernel's count since the socket opened).
    int read(qintptr socketDescriptor, DatagramBatch &out, int maxDatagrams, qint64 *osDrops);

private:
    struct Buffers;
    std::unique_ptr<Buffers> m_buffers;
};
