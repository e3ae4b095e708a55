#pragma once

#include "decoders/PayloadDecoder.h"

// mcjoin's test datagrams (troglobit/mcjoin, src/sender.c): ASCII text padded with NULs to
// the datagram size, "Sender PID <pid>, MC group <group> ... count: <n>, freq: <ms>" (older
// versions end after the count). The count starts at 0 and goes up by one per datagram and
// group; the stream is the sender's process id.
class McjoinDecoder final : public PayloadDecoder
{
public:
    std::optional<DecodedPayload> decode(const QByteArray &payload) const override;
};
