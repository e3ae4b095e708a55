#include "TrafficStatistics.h"

#include "AtuMessage.h"

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
    if (sender.packets == 0)
        sender.firstSeenUs = datagram.arrivalUs;
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

void TrafficStatistics::clear()
{
    m_senders.clear();
    m_index.clear();
    m_totals = Totals{};
}

RateWindow::Rate TrafficStatistics::rate(const RateWindow &window, qint64 windowMs) const
{
    return window.rate(nowUs() / 1000, windowMs);
}

qint64 TrafficStatistics::nowUs() const
{
    return m_clock();
}
