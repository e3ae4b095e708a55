#pragma once

#include "decoders/PayloadDecoder.h"

// MPEG-TS straight in UDP: whole 188-byte packets (usually 7, 1,316 bytes), each starting
// with the sync byte 0x47. One stream per source, group and port.
class MpegTsDecoder final : public PayloadDecoder
{
public:
    std::optional<DecodedPayload> decode(const QByteArray &payload) const override;
};
