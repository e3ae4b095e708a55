#include "analysis/TsContinuity.h"

#include "decoders/MpegTsPacket.h"

namespace {

constexpr quint8 seenBit = 0x80;
constexpr quint8 duplicateBit = 0x40; // the one allowed duplicate was taken
constexpr quint8 payloadBit = 0x20;   // the last packet carried payload
constexpr quint8 counterMask = 0x0F;

} // namespace

void TsContinuity::add(const uchar *packets, int count)
{
    for (int i = 0; i < count; ++i)
        check(packets + qsizetype(i) * MpegTsPacket::size);
}

void TsContinuity::check(const uchar *packet)
{
    using namespace MpegTsPacket;
    if (!hasSync(packet) || hasTransportError(packet))
        return;
    const int packetPid = pid(packet);
    if (packetPid == nullPid || adaptationFieldControl(packet) == 0)
        return;
    ++m_packets;
    const int counter = continuityCounter(packet);
    const bool payload = hasPayload(packet);
    quint8 &state = m_state[std::size_t(packetPid)];
    const auto keep = [&state, counter, payload](quint8 flags) {
        state = quint8(seenBit | flags | (payload ? payloadBit : 0) | counter);
    };
    if (!(state & seenBit)) {
        ++m_pidsSeen;
        keep(0);
        return;
    }
    if (hasDiscontinuity(packet)) {
        keep(0);
        return;
    }
    const int last = state & counterMask;
    const int expected = payload ? (last + 1) & counterMask : last;
    if (counter == expected) {
        keep(0);
        return;
    }
    if (payload && counter == last && (state & payloadBit) && !(state & duplicateBit)) {
        keep(duplicateBit);
        return;
    }
    ++m_errors;
    if (counter != last) // not one duplicate too many
        m_lostPackets += (counter - expected) & counterMask;
    keep(0);
}

QList<int> TsContinuity::pids(int limit) const
{
    QList<int> seen;
    for (int pid = 0; pid < pidCount && seen.size() < limit; ++pid) {
        if (m_state[std::size_t(pid)] & seenBit)
            seen.append(pid);
    }
    return seen;
}
