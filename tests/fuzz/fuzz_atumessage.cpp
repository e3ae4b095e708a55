// Fuzzes AtuMessage::parse, which reads every datagram's payload. Whatever it decodes must
// compose back to the same prefix and time, and to the same bytes.
#include "AtuMessage.h"
#include "FuzzCheck.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

void checkRoundTrip(const QByteArray &payload, const AtuMessage::Decoded &decoded)
{
    FUZZ_CHECK(!decoded.prefix.isEmpty());
    const QByteArray composed = AtuMessage::compose(decoded.prefix, decoded.timeUs);
    const auto again = AtuMessage::parse(composed, decoded.prefix);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->prefix == decoded.prefix);
    FUZZ_CHECK(again->timeUs == decoded.timeUs);
    // A timestamp names one local time: in a gap of a daylight-saving change it is
    // rejected, in an overlap it is read one way, and either way it is written back as it
    // came. Only a prefix that is not UTF-8 comes back different (with U+FFFD).
    if (payload.startsWith(decoded.prefix.toUtf8() + ' '))
        FUZZ_CHECK(composed == payload);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    // A zone with daylight saving, unless one was chosen: its gaps and overlaps are where
    // reading local time can go wrong.
    if (qEnvironmentVariableIsEmpty("TZ"))
        qputenv("TZ", "Europe/Berlin");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray payload(reinterpret_cast<const char *>(data), qsizetype(size));

    const auto anyPrefix = AtuMessage::parse(payload);
    if (anyPrefix) {
        FUZZ_CHECK(!anyPrefix->prefix.contains(u' '));
        checkRoundTrip(payload, *anyPrefix);
        const auto samePrefix = AtuMessage::parse(payload, anyPrefix->prefix);
        FUZZ_CHECK(samePrefix && samePrefix->timeUs == anyPrefix->timeUs);
    }

    const QString atu = QString::fromLatin1(AtuMessage::defaultPrefix);
    const auto withAtu = AtuMessage::parse(payload, atu);
    if (withAtu) {
        FUZZ_CHECK(withAtu->prefix == atu);
        FUZZ_CHECK(anyPrefix && anyPrefix->timeUs == withAtu->timeUs);
        checkRoundTrip(payload, *withAtu);
    }
    return 0;
}
