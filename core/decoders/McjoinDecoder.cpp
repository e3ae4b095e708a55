#include "decoders/McjoinDecoder.h"

#include <QByteArrayView>

#include <cstring>
#include <limits>

namespace {

constexpr char magic[] = "Sender PID ";
constexpr char groupKey[] = ", MC group ";
constexpr char countKey[] = "count: ";

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Reads the decimal number at text[*at] up to limit (at least one digit, no overflow past
// maximum) and moves *at past it.
std::optional<quint64> number(const char *text, qsizetype *at, qsizetype end, quint64 maximum)
{
    const qsizetype first = *at;
    quint64 value = 0;
    while (*at < end && isDigit(text[*at])) {
        const quint64 digit = quint64(text[*at] - '0');
        if (value > (maximum - digit) / 10)
            return std::nullopt;
        value = value * 10 + digit;
        ++*at;
    }
    if (*at == first)
        return std::nullopt;
    return value;
}

} // namespace

std::optional<DecodedPayload> McjoinDecoder::decode(const QByteArray &payload) const
{
    // The signature first: most payloads end here, before the text is searched for its end.
    if (!payload.startsWith(QByteArrayView(magic)))
        return std::nullopt;
    const char *text = payload.constData();
    const auto *nul = static_cast<const char *>(std::memchr(text, '\0', std::size_t(payload.size())));
    const qsizetype end = nul ? nul - text : payload.size();
    const QByteArrayView message(text, end);
    if (!message.startsWith(QByteArrayView(magic)))
        return std::nullopt;
    qsizetype at = qsizetype(sizeof(magic) - 1);
    const auto pid = number(text, &at, end, std::numeric_limits<quint32>::max());
    if (!pid || !message.sliced(at).startsWith(QByteArrayView(groupKey)))
        return std::nullopt;
    const qsizetype countAt = message.indexOf(QByteArrayView(countKey), at);
    if (countAt < 0)
        return std::nullopt;
    at = countAt + qsizetype(sizeof(countKey) - 1);
    const auto count = number(text, &at, end, quint64(std::numeric_limits<qint64>::max()));
    if (!count || (at < end && text[at] != ','))
        return std::nullopt;

    DecodedPayload decoded;
    decoded.format = PayloadFormat::Mcjoin;
    decoded.streamId = *pid;
    decoded.stream.sequence = *count;
    decoded.stream.sequenceBits = 64;
    return decoded;
}
