#pragma once

#include "net/ReceivedDatagram.h"

#include <QtGlobal>

#include <memory>

// Linux fast path: reads many datagrams per system call (recvmmsg) straight from the
// socket, with their destination address, interface, TTL, the kernel's receive time
// (SO_TIMESTAMPNS: when the datagram arrived, however late we read it) and the kernel's
// drop counter (SO_RXQ_OVFL) from the control messages. Elsewhere isAvailable() is false and the
// receiver reads through QUdpSocket.
class LinuxDatagramReader final
{
    Q_DISABLE_COPY_MOVE(LinuxDatagramReader)

public:
    static constexpr int batchSize = 32;

    LinuxDatagramReader();
    ~LinuxDatagramReader();

    static bool isAvailable();
    // Asks the kernel for the control messages; false when the socket refuses them.
    bool prepare(qintptr socketDescriptor);
    // Appends up to maxDatagrams to out; returns how many were read, 0 when none waits,
    // -1 on an error other than "would block".
    int read(DatagramBatch &out, int maxDatagrams);
    // Datagrams the kernel dropped on this socket because its buffer was full.
    qint64 osDrops() const { return m_osDrops; }

private:
    struct Buffers;
    std::unique_ptr<Buffers> m_buffers;
    int m_socket = -1;
    qint64 m_osDrops = 0;
};
