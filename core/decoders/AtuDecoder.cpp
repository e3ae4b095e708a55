#include "decoders/AtuDecoder.h"

#include "decoders/AtuMessage.h"

#include <QHash>

AtuDecoder::AtuDecoder(const QString &prefix)
    : m_prefix(prefix)
    , m_streamId(qHash(prefix, 0x41545501) | 1) // never 0, which is raw's
{
}

std::optional<DecodedPayload> AtuDecoder::decode(const QByteArray &payload) const
{
    const auto message = AtuMessage::parse(payload, m_prefix);
    if (!message)
        return std::nullopt;
    return DecodedPayload{PayloadFormat::Atu, m_streamId, message->timeUs};
}
