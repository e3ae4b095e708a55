#include "analysis/TrafficStatistics.h"

#include "time/WallClock.h"

#include <QHashFunctions>

#include <algorithm>

FlowKey FlowKey::of(const ReceivedDatagram &datagram)
{
    return {datagram.source,   datagram.destination, datagram.destinationPort,
            datagram.format,   datagram.streamId,    datagram.fromOwnTransmitter};
}

size_t qHash(const FlowKey &key, size_t seed)
{
    return qHashMulti(seed, key.source, key.group, key.port, quint8(key.format), key.streamId,
                      key.ours);
}

TrafficStatistics::TrafficStatistics(Clock clock, int maxSenders)
    : m_clock(clock ? std::move(clock) : Clock(&WallClock::nowUs))
    , m_maxSenders(std::max(1, maxSenders))
{
}

void TrafficStatistics::record(const DatagramBatch &batch)
{
    for (const ReceivedDatagram &datagram : batch)
        record(datagram);
}

void TrafficStatistics::record(const ReceivedDatagram &datagram)
{
    const qint64 nowMs = datagram.arrivalUs / 1000;
    const qint64 size = datagram.payload.size();
    m_totals.packets += 1;
    m_totals.bytes += size;
    m_totals.rates.add(nowMs, size);
    if (datagram.subscription >= 0 && std::size_t(datagram.subscription) < m_subscriptions.size()) {
        Totals &traffic = m_subscriptions[std::size_t(datagram.subscription)].traffic;
        traffic.packets += 1;
        traffic.bytes += size;
        traffic.rates.add(nowMs, size);
    }

    Sender &sender = flowFor(datagram);
    const int flow = int(&sender - m_senders.data());
    bool afterOutage = false;
    if (sender.packets == 0) {
        sender.firstSeenUs = datagram.arrivalUs;
        if (!sender.other)
            m_events.append({datagram.arrivalUs, sender.address, LivenessEvent::Kind::Appeared, 0, flow});
    } else if (sender.liveness != Liveness::Live) {
        m_events.append({datagram.arrivalUs, sender.address, LivenessEvent::Kind::Back,
                         datagram.arrivalUs - sender.lastSeenUs, flow});
        afterOutage = sender.liveness == Liveness::Silent;
    }
    sender.liveness = Liveness::Live;
    if (!sender.other) {
        sender.timing.addArrival(datagram.arrivalUs, afterOutage);
        if (datagram.atuTimeUs)
            sender.timing.addAtuOffset(datagram.arrivalUs - *datagram.atuTimeUs);
        sender.analysis.record(datagram);
        queueAnalysisEvents(sender, flow, datagram.arrivalUs);
    }
    sender.packets += 1;
    sender.bytes += size;
    sender.lastSeenUs = std::max(sender.lastSeenUs, datagram.arrivalUs);
    sender.rates.add(nowMs, size);

    countSourcePort(sender, datagram.sourcePort);
}

void TrafficStatistics::queueAnalysisEvents(Sender &sender, int flow, qint64 nowUs)
{
    const auto event = [&sender, flow, nowUs](LivenessEvent::Kind kind, qint64 count) {
        return LivenessEvent{nowUs, sender.address, kind, 0, flow, count, sender.group, sender.port, sender.format};
    };
    if (const auto lost = sender.analysis.takeLoss(nowUs))
        m_events.append(event(LivenessEvent::Kind::Loss, *lost));
    if (const auto restarts = sender.analysis.takeRestarts(nowUs))
        m_events.append(event(LivenessEvent::Kind::Restart, *restarts));
}

// The first ports are listed; beyond them one bit per port keeps the count exact (a
// publisher with a new socket per message uses thousands).
void TrafficStatistics::countSourcePort(Sender &sender, quint16 sourcePort)
{
    const auto port = std::lower_bound(sender.ports.begin(), sender.ports.end(), sourcePort);
    if (port != sender.ports.end() && *port == sourcePort)
        return;
    if (sender.ports.size() < maxPortsPerSender) {
        sender.ports.insert(port, sourcePort);
        ++sender.portCount;
        return;
    }
    sender.morePorts = true;
    if (sender.portsBeyondList.empty())
        sender.portsBeyondList.resize(std::size_t(1) << 16);
    if (!sender.portsBeyondList[sourcePort]) {
        sender.portsBeyondList[sourcePort] = true;
        ++sender.portCount;
    }
}

TrafficStatistics::Sender &TrafficStatistics::flowFor(const ReceivedDatagram &datagram)
{
    const FlowKey key = FlowKey::of(datagram);
    if (const auto found = m_index.constFind(key); found != m_index.constEnd())
        return m_senders[std::size_t(*found)];
    // The last slot is reserved for the "other senders" row.
    if (int(m_senders.size()) >= m_maxSenders - 1) {
        if (m_otherIndex < 0) {
            m_otherIndex = int(m_senders.size());
            m_senders.emplace_back().other = true;
        }
        return m_senders[std::size_t(m_otherIndex)];
    }
    m_index.insert(key, int(m_senders.size()));
    Sender &sender = m_senders.emplace_back();
    sender.address = key.source;
    sender.group = key.group;
    sender.port = key.port;
    sender.format = key.format;
    sender.streamId = key.streamId;
    sender.fromOwnTransmitter = key.ours;
    sender.subscription = datagram.subscription;
    return sender;
}

int TrafficStatistics::indexOf(const IpAddress &source) const
{
    const auto found = std::find_if(m_senders.cbegin(), m_senders.cend(), [&source](const Sender &sender) {
        return !sender.other && sender.address == source;
    });
    return found == m_senders.cend() ? -1 : int(found - m_senders.cbegin());
}

Liveness TrafficStatistics::livenessAt(const Sender &sender, qint64 nowUs)
{
    const qint64 expected = sender.timing.expectedIntervalUs().value_or(unknownIntervalUs);
    const qint64 quiet = nowUs - std::max(sender.lastSeenUs, sender.quietSinceUs);
    if (quiet > std::max(3 * expected, silentFloorUs))
        return Liveness::Silent;
    if (quiet > std::max(expected * 3 / 2, lateFloorUs))
        return Liveness::Late;
    return Liveness::Live;
}

namespace {

bool watches(const std::optional<QList<Subscription>> &watched, const TrafficStatistics::Sender &sender)
{
    if (!watched)
        return true;
    return std::any_of(watched->cbegin(), watched->cend(), [&sender](const Subscription &subscription) {
        return subscription.carries(sender.address, {sender.group, sender.port});
    });
}

} // namespace

bool TrafficStatistics::isWatched(const Sender &sender) const
{
    return watches(m_watched, sender);
}

void TrafficStatistics::watch(const QList<Subscription> &watched, qint64 nowUs)
{
    for (Sender &sender : m_senders) {
        if (!watches(m_watched, sender) && watches(watched, sender))
            sender.quietSinceUs = nowUs;
    }
    m_watched = watched;
}

void TrafficStatistics::updateLiveness()
{
    updateLiveness(nowUs());
}

void TrafficStatistics::updateLiveness(qint64 judgedAtUs)
{
    for (std::size_t i = 0; i < m_senders.size(); ++i) {
        Sender &sender = m_senders[i];
        if (sender.other)
            continue;
        // Losses the last datagrams revealed, held back by the once-a-second spacing.
        queueAnalysisEvents(sender, int(i), judgedAtUs);
        if (!isWatched(sender))
            continue;
        const Liveness state = livenessAt(sender, judgedAtUs);
        // Only the clock moves a sender towards silence; a datagram brings it back.
        if (state <= sender.liveness)
            continue;
        sender.liveness = state;
        m_events.append({judgedAtUs, sender.address,
                         state == Liveness::Late ? LivenessEvent::Kind::Late : LivenessEvent::Kind::Silent,
                         0, int(i)});
    }
}

QList<LivenessEvent> TrafficStatistics::takeEvents()
{
    QList<LivenessEvent> events;
    events.swap(m_events);
    std::stable_sort(events.begin(), events.end(),
                     [](const LivenessEvent &a, const LivenessEvent &b) { return a.timeUs < b.timeUs; });
    return events;
}

void TrafficStatistics::setSubscriptions(const QList<SubscriptionStatus> &subscriptions)
{
    std::vector<SubscriptionTraffic> next;
    next.reserve(std::size_t(subscriptions.size()));
    for (const SubscriptionStatus &status : subscriptions) {
        const auto before = std::find_if(m_subscriptions.begin(), m_subscriptions.end(),
                                         [&status](const SubscriptionTraffic &known) {
                                             return known.status.subscription.sameMembership(status.subscription);
                                         });
        next.push_back({status, before != m_subscriptions.end() ? std::move(before->traffic) : Totals{}});
    }
    m_subscriptions = std::move(next);
}

void TrafficStatistics::setOsDropsTotal(qint64 receiverTotal)
{
    m_osDropsTotal = receiverTotal;
}

int TrafficStatistics::count(Liveness state) const
{
    return int(std::count_if(m_senders.cbegin(), m_senders.cend(), [state](const Sender &sender) {
        return !sender.other && sender.liveness == state;
    }));
}

void TrafficStatistics::clear()
{
    m_senders.clear();
    m_index.clear();
    m_otherIndex = -1;
    m_totals = Totals{};
    for (SubscriptionTraffic &subscription : m_subscriptions)
        subscription.traffic = Totals{};
    m_events.clear();
    m_osDropsAtClear = m_osDropsTotal;
}

RateWindow::Rate TrafficStatistics::rate(const RateWindow &window, qint64 windowMs) const
{
    return window.rate(nowUs() / 1000, windowMs);
}

qint64 TrafficStatistics::nowUs() const
{
    return m_clock();
}
