#pragma once

#include <QtGlobal>

// What a stream format says about one datagram beyond its identity: its sequence number,
// its timing and where its MPEG-TS packets are. Plain values, filled on the receive thread
// for every datagram and read by the per-flow analysis; zero where the format has none.
struct StreamFields
{
    quint64 sequence = 0;     // as the datagram carries it (iperf 2's final one: its magnitude)
    quint8 sequenceBits = 0;  // 16 (RTP), 32 or 64 (iperf 2, mcjoin); 0: not numbered
    bool endOfStream = false; // iperf 2's final datagram, sent with a negative number
    quint8 rtpPayloadType = 0;
    quint32 rtpTimestamp = 0;
    qint64 sendTimeUs = 0;    // iperf 2: when the sender wrote it (its clock); 0: unknown
    quint16 tsOffset = 0;     // where the 188-byte MPEG-TS packets start in the payload
    quint16 tsPackets = 0;    // how many there are

    bool hasSequence() const { return sequenceBits != 0; }
};
