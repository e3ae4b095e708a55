#pragma once

#include "analysis/FlowAnalysis.h"
#include "analysis/RateWindow.h"
#include "net/ListeningStatus.h"
#include "net/ReceivedDatagram.h"
#include "net/Subscription.h"
#include "analysis/SenderTiming.h"

#include <QHash>
#include <QList>

#include <functional>
#include <optional>
#include <vector>

enum class Liveness { Live, Late, Silent };

// A change in a flow: its liveness, or (Loss, Restart) what its sequence numbers tell.
struct LivenessEvent
{
    enum class Kind { Appeared, Late, Silent, Back, Loss, Restart };
    qint64 timeUs = 0;
    IpAddress source;
    Kind kind = Kind::Appeared;
    qint64 silentForUs = 0; // for Back: the gap since the sender's previous datagram
    int flow = -1;          // index in TrafficStatistics::senders()
    // Loss: datagrams lost since the flow's previous loss event; Restart: restarts since its
    // previous restart event (each announced at most once a second per flow).
    qint64 count = 0;
    IpAddress group{}; // the flow's, for Loss and Restart
    quint16 port = 0;
    PayloadFormat format = PayloadFormat::Raw;
};

// What makes a flow: one stream from one source to one group and port. The stream comes
// from the decoder (format and stream identity); undecoded traffic from one address is one
// flow whatever its source ports. Our own transmitter's datagrams are always a flow of
// their own.
struct FlowKey
{
    IpAddress source;
    IpAddress group;
    quint16 port = 0;
    PayloadFormat format = PayloadFormat::Raw;
    quint64 streamId = 0;
    bool ours = false;

    static FlowKey of(const ReceivedDatagram &datagram);
    friend bool operator==(const FlowKey &a, const FlowKey &b)
    {
        return a.source == b.source && a.group == b.group && a.port == b.port
               && a.format == b.format && a.streamId == b.streamId && a.ours == b.ours;
    }
};
size_t qHash(const FlowKey &key, size_t seed = 0);

// Per-flow and total counters for everything the receiver delivered. Flows (still called
// senders here and in the JSON, one row each) are kept in order of first appearance;
// beyond maxSenders the rest are folded into one "other senders" row so that a spoofed
// flood cannot grow memory.
class TrafficStatistics final
{
public:
    using Clock = std::function<qint64()>; // wall clock, microseconds since the epoch
    static constexpr int defaultMaxSenders = 1000;
    static constexpr int maxPortsPerSender = 32;

    struct Sender
    {
        IpAddress address; // the source
        IpAddress group;
        quint16 port = 0;
        PayloadFormat format = PayloadFormat::Raw;
        quint64 streamId = 0;
        bool other = false; // the row the flows beyond the cap are folded into
        QList<quint16> ports; // sorted, at most maxPortsPerSender
        bool morePorts = false;
        int portCount = 0; // distinct source ports, all of them
        std::vector<bool> portsBeyondList; // every port's bit (8 KiB), once the list is full
        qint64 packets = 0;
        qint64 bytes = 0;
        qint64 firstSeenUs = 0;
        qint64 lastSeenUs = 0;
        bool fromOwnTransmitter = false; // our transmitter's flow, and only that
        // The subscription its first datagram came through (an index in subscriptions() at
        // the time; a changed list may have moved it), -1 unknown.
        int subscription = -1;
        RateWindow rates;
        SenderTiming timing;
        FlowAnalysis analysis; // sequence, jitter, delay, MPEG-TS continuity; not for "other"
        Liveness liveness = Liveness::Live;
        // Quiet time counts from here at the earliest: when we started listening again.
        qint64 quietSinceUs = 0;

        FlowKey key() const { return {address, group, port, format, streamId, fromOwnTransmitter}; }
    };

    struct Totals
    {
        qint64 packets = 0;
        qint64 bytes = 0;
        RateWindow rates;
    };

    // One subscription as the receiver last reported it, and what it carried.
    struct SubscriptionTraffic
    {
        SubscriptionStatus status;
        Totals traffic;
    };

    explicit TrafficStatistics(Clock clock = {}, int maxSenders = defaultMaxSenders);

    // Liveness thresholds: late after 1.5 × the expected interval, silent after 3 × (at
    // least 3 s). The floor on "late" allows for the receive pipeline's own batching delay.
    static constexpr qint64 lateFloorUs = 200'000;
    static constexpr qint64 silentFloorUs = 3'000'000;
    static constexpr qint64 unknownIntervalUs = 1'000'000; // until a second datagram arrives

    void record(const DatagramBatch &batch);
    void record(const ReceivedDatagram &datagram);
    // Moves watched flows to late or silent as of judgedAtUs (the time up to which every
    // datagram has been recorded); records the transitions as events. Without an
    // argument, as of the clock.
    void updateLiveness();
    void updateLiveness(qint64 judgedAtUs);
    // From now on only the flows these subscriptions carry are judged (none: liveness
    // holds still; before the first call every flow is judged). A flow that becomes
    // watched counts its quiet time from nowUs, so listening again does not find it
    // silent at once.
    void watch(const QList<Subscription> &watched, qint64 nowUs);
    QList<LivenessEvent> takeEvents();
    void clear();

    int count(Liveness state) const;
    static Liveness livenessAt(const Sender &sender, qint64 nowUs);

    const std::vector<Sender> &senders() const { return m_senders; }
    int indexOf(const FlowKey &key) const { return m_index.value(key, -1); }
    // The first flow from this source, or -1.
    int indexOf(const IpAddress &source) const;
    const Totals &totals() const { return m_totals; }
    // The receiver's subscriptions, in its order (datagrams name theirs by index). Counters
    // carry over to the same membership in a new list (its payload format may differ); a
    // subscription new to the list starts from zero.
    void setSubscriptions(const QList<SubscriptionStatus> &subscriptions);
    const std::vector<SubscriptionTraffic> &subscriptions() const { return m_subscriptions; }
    // Datagrams the operating system dropped before we could read them, over every
    // socket this run has listened with.
    qint64 osDrops() const { return m_osDropsTotal - m_osDropsAtClear; }
    // The receiver's running count (since it was made); osDrops() counts from the last clear().
    void setOsDropsTotal(qint64 receiverTotal);
    RateWindow::Rate rate(const RateWindow &window, qint64 windowMs) const;
    qint64 nowUs() const;

private:
    Sender &flowFor(const ReceivedDatagram &datagram);
    void queueAnalysisEvents(Sender &sender, int flow, qint64 nowUs);
    static void countSourcePort(Sender &sender, quint16 sourcePort);
    bool isWatched(const Sender &sender) const;

    Clock m_clock;
    int m_maxSenders = defaultMaxSenders;
    std::vector<Sender> m_senders;
    QHash<FlowKey, int> m_index;
    int m_otherIndex = -1;
    std::optional<QList<Subscription>> m_watched;
    Totals m_totals;
    std::vector<SubscriptionTraffic> m_subscriptions;
    QList<LivenessEvent> m_events;
    qint64 m_osDropsTotal = 0;
    qint64 m_osDropsAtClear = 0;
};
