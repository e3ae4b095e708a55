#pragma once

#include "decoders/PayloadDecoder.h"

// iperf 2's UDP header (include/payloads.h, struct UDP_datagram, big-endian): bytes 0-3 the
// datagram's number, 4-7 and 8-11 its send time (seconds, microseconds), 12-15 the upper
// half of a 64-bit number, which iperf 2.1 uses when the flags word at 16 has
// HEADER_SEQNO64B (0x08000000); otherwise the number is a signed 32-bit one. A negative
// number marks the client's final datagram. The header names no stream: the flow is told
// apart by its source port (FormatDetector sets it), as iperf's own server does.
class Iperf2Decoder final : public PayloadDecoder
{
public:
    static constexpr int headerSize = 16;
    static constexpr quint32 sequence64Flag = 0x08000000;

    std::optional<DecodedPayload> decode(const QByteArray &payload) const override;
};
