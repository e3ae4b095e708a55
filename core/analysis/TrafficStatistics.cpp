#include "analysis/TrafficStatistics.h"

#include "decoders/AtuMessage.h"

#include <algorithm>

TrafficStatistics::TrafficStatistics(Clock clock, int maxSenders)
    : m_clock(clock ? std::move(clock) : Clock(&AtuMessage::nowUs))
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

    Sender &sender = senderFor(datagram.source);
    const bool folded = sender.address == otherSendersAddress;
    if (sender.packets == 0) {
        sender.firstSeenUs = datagram.arrivalUs;
        if (!folded)
            m_events.append({datagram.arrivalUs, sender.address, LivenessEvent::Kind::Appeared, 0});
    } else if (sender.liveness != Liveness::Live) {
        m_events.append({datagram.arrivalUs, sender.address, LivenessEvent::Kind::Back,
                         datagram.arrivalUs - sender.lastSeenUs});
    }
    sender.liveness = Liveness::Live;
    if (!folded) {
        sender.timing.addArrival(datagram.arrivalUs);
        if (datagram.atuTimeUs)
            sender.timing.addAtuOffset(datagram.arrivalUs - *datagram.atuTimeUs);
    }
    sender.packets += 1;
    sender.bytes += size;
    sender.lastSeenUs = std::max(sender.lastSeenUs, datagram.arrivalUs);
    sender.fromOwnTransmitter = sender.fromOwnTransmitter || datagram.fromOwnTransmitter;
    sender.rates.add(nowMs, size);

    const auto port = std::lower_bound(sender.ports.begin(), sender.ports.end(), datagram.sourcePort);
    if (port == sender.ports.end() || *port != datagram.sourcePort) {
        if (sender.ports.size() < maxPortsPerSender)
            sender.ports.insert(port, datagram.sourcePort);
        else
            sender.morePorts = true;
    }
}

TrafficStatistics::Sender &TrafficStatistics::senderFor(quint32 address)
{
    auto found = m_index.constFind(address);
    if (found != m_index.constEnd())
        return m_senders[std::size_t(*found)];
    // The last slot is reserved for the "other senders" row.
    const bool full = int(m_senders.size()) >= m_maxSenders - 1;
    const quint32 key = full ? otherSendersAddress : address;
    found = m_index.constFind(key);
    if (found != m_index.constEnd())
        return m_senders[std::size_t(*found)];
    m_index.insert(key, int(m_senders.size()));
    Sender &sender = m_senders.emplace_back();
    sender.address = key;
    return sender;
}

Liveness TrafficStatistics::livenessAt(const Sender &sender, qint64 nowUs)
{
    const qint64 expected = sender.timing.expectedIntervalUs().value_or(unknownIntervalUs);
    const qint64 quiet = nowUs - sender.lastSeenUs;
    if (quiet > std::max(3 * expected, silentFloorUs))
        return Liveness::Silent;
    if (quiet > std::max(expected * 3 / 2, lateFloorUs))
        return Liveness::Late;
    return Liveness::Live;
}

void TrafficStatistics::updateLiveness()
{
    const qint64 now = nowUs();
    for (Sender &sender : m_senders) {
        if (sender.address == otherSendersAddress)
            continue;
        const Liveness state = livenessAt(sender, now);
        // Only the clock moves a sender towards silence; a datagram brings it back.
        if (state <= sender.liveness)
            continue;
        sender.liveness = state;
        m_events.append({now, sender.address,
                         state == Liveness::Late ? LivenessEvent::Kind::Late : LivenessEvent::Kind::Silent,
                         0});
    }
}

QList<LivenessEvent> TrafficStatistics::takeEvents()
{
    QList<LivenessEvent> events;
    events.swap(m_events);
    return events;
}

void TrafficStatistics::setSocketOsDrops(qint64 dropsOnCurrentSocket)
{
    m_osDropsCurrent = dropsOnCurrentSocket;
}

void TrafficStatistics::socketClosed()
{
    m_osDropsBefore += m_osDropsCurrent;
    m_osDropsCurrent = 0;
}

int TrafficStatistics::count(Liveness state) const
{
    return int(std::count_if(m_senders.cbegin(), m_senders.cend(), [state](const Sender &sender) {
        return sender.address != otherSendersAddress && sender.liveness == state;
    }));
}

void TrafficStatistics::clear()
{
    m_senders.clear();
    m_index.clear();
    m_totals = Totals{};
    m_events.clear();
    m_osDropsBefore = 0;
    m_osDropsCurrent = 0;
}

RateWindow::Rate TrafficStatistics::rate(const RateWindow &window, qint64 windowMs) const
{
    return window.rate(nowUs() / 1000, windowMs);
}

qint64 TrafficStatistics::nowUs() const
{
    return m_clock();
}
