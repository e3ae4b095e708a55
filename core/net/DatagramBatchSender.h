#pragma once

#include <QHostAddress>
#include <QString>

#include <array>
#include <memory>

// Sends runs of equal-size datagrams to one destination through a UDP socket set up by its
// owner (bound, interface, TTL, loopback): one sendmmsg() per run on Linux, a send per
// datagram elsewhere. A full socket buffer is waited for briefly; a datagram that cannot
// go is counted as failed, with the system's error, and the rest still go.
class DatagramBatchSender final
{
    Q_DISABLE_COPY_MOVE(DatagramBatchSender)

public:
    struct Result
    {
        int sent = 0;
        int failed = 0;
        int errorCode = 0; // the system's error for the last failure
    };

    static constexpr int maxBatch = 64;

    // A link-local (or interface-local) IPv6 group is reached through `interfaceIndex`.
    DatagramBatchSender(qintptr descriptor, const QHostAddress &group, quint16 port, int interfaceIndex);
    ~DatagramBatchSender();

    // `count` (at most maxBatch) datagrams of `size` bytes each, back to back in `data`.
    Result send(const char *data, int size, int count);
    static QString errorText(int errorCode);

private:
    Result sendEach(const char *data, int size, int count);
    bool waitUntilWritable() const;

    struct Messages; // the system's message headers, made once
    std::unique_ptr<Messages> m_messages;
    qintptr m_descriptor = -1;
    std::array<char, 32> m_destination{}; // a sockaddr_in or sockaddr_in6
    int m_destinationSize = 0;
};
