#pragma once

#include "decoders/PayloadDecoder.h"

// The seed's heartbeat, "<prefix> <local time>" (AtuMessage), or with an empty prefix the
// local time alone. The prefix names the stream, so "ATU …" and "UPS1 …" from one host are
// two flows.
class AtuDecoder final : public PayloadDecoder
{
public:
    explicit AtuDecoder(const QString &prefix);

    std::optional<DecodedPayload> decode(const QByteArray &payload) const override;

private:
    QByteArray m_prefix; // UTF-8: compared byte for byte, so that nothing is decoded per datagram
    quint64 m_streamId = 0;
};
