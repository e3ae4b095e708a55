#pragma once

#include "analysis/RateWindow.h"
#include "net/ReceivedDatagram.h"
#include "analysis/SenderTiming.h"

#include <QHash>
#include <QList>

#include <functional>
#include <vector>

enum class Liveness { Live, Late, Silent };

struct LivenessEvent
{
    enum class Kind { Appeared, Late, Silent, Back };
    qint64 timeUs = 0;
    quint32 source = 0;
    Kind kind = Kind::Appeared;
    qint64 silentForUs = 0; // for Back: the gap since the sender's previous datagram
};

// Per-sender and total counters for everything the receiver delivered. Senders are kept
// in order of first appearance; beyond maxSenders distinct addresses the rest are folded
// into one "other senders" row (address 0) so that a spoofed flood cannot grow memory.
class TrafficStatistics final
{
public:
    using Clock = std::function<qint64()>; // wall clock, microseconds since the epoch
    static constexpr int defaultMaxSenders = 1000;
    static constexpr int maxPortsPerSender = 32;
    static constexpr quint32 otherSendersAddress = 0;

    struct Sender
    {
        quint32 address = 0;
        QList<quint16> ports; // sorted, at most maxPortsPerSender
        bool morePorts = false;
        qint64 packets = 0;
        qint64 bytes = 0;
        qint64 firstSeenUs = 0;
        qint64 lastSeenUs = 0;
        bool fromOwnTransmitter = false;
        RateWindow rates;
        SenderTiming timing;
        Liveness liveness = Liveness::Live;
    };

    struct Totals
    {
        qint64 packets = 0;
        qint64 bytes = 0;
        RateWindow rates;
    };

    explicit TrafficStatistics(Clock clock = {}, int maxSenders = defaultMaxSenders);

    // Liveness thresholds: late after 1.5 × the expected interval, silent after 3 × (at
    // least 3 s). The floor on "late" allows for the receive pipeline's own batching delay.
    static constexpr qint64 lateFloorUs = 200'000;
    static constexpr qint64 silentFloorUs = 3'000'000;
    static constexpr qint64 unknownIntervalUs = 1'000'000; // until a second datagram arrives

    void record(const DatagramBatch &batch);
    void record(const ReceivedDatagram &datagram);
    // Moves senders to late or silent by the clock; records the transitions as events.
    void updateLiveness();
    QList<LivenessEvent> takeEvents();
    void clear();

    int count(Liveness state) const;
    static Liveness livenessAt(const Sender &sender, qint64 nowUs);

    const std::vector<Sender> &senders() const { return m_senders; }
    int indexOf(quint32 address) const { return m_index.value(address, -1); }
    const Totals &totals() const { return m_totals; }
    // Datagrams the operating system dropped before we could read them, over every
    // socket this run has listened with.
    qint64 osDrops() const { return m_osDropsBefore + m_osDropsCurrent; }
    void setSocketOsDrops(qint64 dropsOnCurrentSocket);
    void socketClosed();
    RateWindow::Rate rate(const RateWindow &window, qint64 windowMs) const;
    qint64 nowUs() const;

private:
    Sender &senderFor(quint32 address);

    Clock m_clock;
    int m_maxSenders = defaultMaxSenders;
    std::vector<Sender> m_senders;
    QHash<quint32, int> m_index;
    Totals m_totals;
    QList<LivenessEvent> m_events;
    qint64 m_osDropsBefore = 0;
    qint64 m_osDropsCurrent = 0;
};
