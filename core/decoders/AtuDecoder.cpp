#include "decoders/AtuDecoder.h"

#include "decoders/AtuMessage.h"

#include <QHash>

AtuDecoder::AtuDecoder(const QString &prefix)
    : m_prefix(prefix.toUtf8())
    , m_streamId(qHash(prefix, 0x41545501) | 1) // never 0, which is raw's
{
}

std::optional<DecodedPayload> AtuDecoder::decode(const QByteArray &payload) const
{
    // What AtuMessage::parse(payload, prefix) accepts: the prefix, one space and the
    // timestamp, which is all the rest; an empty prefix stands for the timestamp alone.
    QByteArrayView timestamp(payload);
    if (!m_prefix.isEmpty()) {
        const qsizetype prefixSize = m_prefix.size();
        if (payload.size() <= prefixSize || payload.at(prefixSize) != ' '
            || !timestamp.startsWith(QByteArrayView(m_prefix)))
            return std::nullopt;
        timestamp = timestamp.sliced(prefixSize + 1);
    }
    const auto time = AtuMessage::timestampTime(timestamp);
    if (!time)
        return std::nullopt;
    return DecodedPayload{PayloadFormat::Atu, m_streamId, *time, {}};
}
