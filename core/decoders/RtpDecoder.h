#pragma once

#include "decoders/PayloadDecoder.h"

// RTP (RFC 3550, 5.1): version 2, then the CSRC list, the header extension and the padding
// the header announces, each checked against the datagram's length. The stream is the SSRC.
// The payload is MPEG-TS (format rtp-mpegts) for payload type 33 (MP2T, RFC 3551) and for a
// dynamic type whose payload is whole TS packets; with mpegTsPayload always when it is TS
// packets. Payload types 72-76 are refused: there RTCP packets share the port (RFC 5761).
class RtpDecoder final : public PayloadDecoder
{
public:
    static constexpr int headerSize = 12;
    static constexpr int mpegTsPayloadType = 33;

    explicit RtpDecoder(bool mpegTsPayload = false);

    std::optional<DecodedPayload> decode(const QByteArray &payload) const override;

private:
    bool m_mpegTsPayload = false;
};
