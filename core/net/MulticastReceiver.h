#pragma once

#include "decoders/AtuMessage.h"
#include "decoders/FormatDetector.h"
#include "net/LinuxDatagramReader.h"
#include "net/ReceiveSocket.h"
#include "net/ReceiverSignals.h"
#include "settings/MulticastConfig.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QSocketNotifier>
#include <QTimer>

#include <memory>
#include <vector>

// Lives on a worker thread: joins every subscription on its interface (by index, spread
// over as many sockets as the kernel's per-socket limits need), reads every datagram, tells
// which subscription it belongs to and hands them on in batches, at most
// flushesPerSecond times a second. Interfaces that go away are waited for, per subscription.
class MulticastReceiver final : public ReceiverSignals
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MulticastReceiver)

public:
    static constexpr int flushIntervalMs = 50;
    // While a new flow's first datagram awaits its format (FormatDetector), its batch is
    // handed on in steps of awaitRetryMs, unless it holds maxAwaitingBatch datagrams.
    static constexpr int awaitRetryMs = 10;
    static constexpr qsizetype maxAwaitingBatch = 4096;
    // Room kept for the next batch after a large one (about 150 bytes a datagram).
    static constexpr qsizetype maxReservedBatch = 32768;
    static constexpr int maxReadsPerWakeup = 4096;
    static constexpr int interfaceCheckMs = 1000;
    // How often idle sockets are drained and reported drained(), so that liveness is
    // judged on time even when nothing arrives.
    static constexpr int drainIntervalMs = 100;
    // A wake-up that finds only a few datagrams per ready socket pauses that socket (or,
    // with many sockets, the epoll set), so that the next reads take more per system call:
    // 1,000 groups at 100 datagrams/s each otherwise cost a wake-up and a recvmmsg() for
    // every one or two datagrams, and one group flooded at 250,000/s a poll() and a
    // recvmmsg() for every three. Arrival times are the kernel's, so the pause moves none.
    // A single socket rests 1 ms: a flood into one socket fills its buffer fastest, and
    // 2 ms let a 460,000/s flood overflow it now and then (the thread was woken late).
    static constexpr int epollHoldOffMs = 2;
    static constexpr int socketHoldOffMs = 1;
    static constexpr int thinDatagramsPerSocket = 8;

    // Whether arrivalUs is when the kernel received a datagram, however late it is read (the
    // Linux fast path), or when the receiver read it (through QUdpSocket: macOS, Windows, and
    // Linux built with MCAST_MONITOR_PORTABLE_RECEIVE). Asked here, not of the platform.
    static bool hasKernelArrivalTimes();

    explicit MulticastReceiver(QObject *parent = nullptr);
    ~MulticastReceiver() override;

    // Joins config's subscriptions. While listening with the same buffer and decoder, only
    // what changed in the list is left or joined.
    void start(const ReceiveConfig &config);
    void stop();

private:
    struct Socket
    {
        std::unique_ptr<ReceiveSocket> socket;
        std::unique_ptr<QSocketNotifier> notifier; // the fast reader's own wake-ups
    };
    // A datagram's way back to its subscription: the socket that read it (so its port), the
    // group and the interface. The socket, because a socket may also be handed the groups its
    // neighbours joined (Linux without IP_MULTICAST_ALL): such a copy is not its datagram, and
    // an any-source and a source-specific membership of one group, on two sockets, each get
    // their own.
    struct Route
    {
        const ReceiveSocket *socket = nullptr;
        IpAddress group;
        uint interfaceIndex = 0;
        friend bool operator==(const Route &a, const Route &b)
        {
            return a.socket == b.socket && a.group == b.group
                   && a.interfaceIndex == b.interfaceIndex;
        }
        friend size_t qHash(const Route &route, size_t seed = 0)
        {
            return qHashMulti(seed, route.socket, route.group, route.interfaceIndex);
        }
    };

    bool isOpen() const { return m_open; }
    void resubscribe(const ReceiveConfig &config);
    // Resolves subscription `id`'s interface and joins it there, as its status then says.
    void subscribe(int id);
    // Says listening(), or failed() and closes when no subscription could be joined.
    void reportSubscribed();
    // Joins subscription `id` as its status says; false with the status's reason on failure.
    bool join(int id, const InterfaceChoice &networkInterface);
    void leave(int id);
    void closeAll();
    Socket *socketFor(const Subscription &subscription, uint interfaceIndex, QString *error);
    int readPendingDatagrams(Socket &socket); // how many it read
    // Linux: every socket in one epoll set, so that the event loop watches one descriptor
    // however many sockets the subscriptions need, and reads only the ready ones.
    bool watchWithEpoll(ReceiveSocket &socket);
    void readReadySockets();
    void readNotifiedSocket(const ReceiveSocket *socket);
    int readSocket(const ReceiveSocket *socket);
    Socket *socketOf(const ReceiveSocket *socket);
    // The socket that holds subscription `id`'s membership, or m_sockets.end().
    std::vector<Socket>::iterator socketHolding(int id);
    void addRoutes(const ReceiveSocket &socket);
    void drain();
    int readThroughQt(Socket &socket, int maxDatagrams);
    void accept(ReceivedDatagram &&datagram, const ReceiveSocket &socket);
    void flush();
    void flushWhenDue();
    void checkInterfaces();
    std::optional<InterfaceChoice> resolve(const Subscription &subscription, QString *error) const;

    QTimer m_flushTimer;
    QTimer m_interfaceTimer;
    QTimer m_drainTimer;
    ReceiveConfig m_config;
    bool m_open = false;
    std::vector<Socket> m_sockets;
    QHash<Route, QList<int>> m_routes; // to subscription ids
    ListeningStatus m_status;          // subscription ids index its list
    QElapsedTimer m_sinceFlush;
    DatagramBatch m_pending;
    DatagramBatch m_fastRead;
    LinuxDatagramReader m_fastReader;
    bool m_useFastReader = false;
    qint64 m_osDropsBefore = 0; // of the sockets closed so far
    qint64 m_reportedOsDrops = 0;
    QSet<Endpoint> m_ownEndpoints;
    quint64 m_ownGeneration = ~quint64(0);
    FormatDetector m_detector{QString::fromLatin1(AtuMessage::defaultPrefix)};
    bool m_manySockets = false; // then one epoll set; a few sockets keep a notifier each
    int m_epoll = -1;
    std::unique_ptr<QSocketNotifier> m_epollNotifier;
    QTimer m_holdOff; // re-enables m_epollNotifier and the sockets' notifiers
    qint64 m_drainedUs = 0; // the watermark to report with the next flush
    qint64 m_reportedDrainUs = 0;
};
