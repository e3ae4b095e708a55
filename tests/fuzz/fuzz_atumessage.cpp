// Fuzzes AtuMessage::parse, which reads every datagram's payload. Whatever it decodes must
// compose back to the same prefix and time, and to the same bytes.
#include "decoders/AtuMessage.h"
#include "FuzzCheck.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <ctime>

namespace {

std::tm localAt(std::time_t t)
{
    std::tm local{};
    localtime_r(&t, &local);
    return local;
}

bool sameReading(const std::tm &a, const std::tm &b)
{
    return a.tm_year == b.tm_year && a.tm_mon == b.tm_mon && a.tm_mday == b.tm_mday
           && a.tm_hour == b.tm_hour && a.tm_min == b.tm_min && a.tm_sec == b.tm_sec;
}

// The independent oracle for a timestamp that does not come back as written: the C
// library must agree that no instant shows that reading (a spring-forward gap), and the
// decoded instant must be the reading taken with the offset in force before the change.
void checkGapReading(const QByteArray &payload, qint64 decodedUs)
{
    // The timestamp is the last 26 bytes with a fraction (".ffffff"), else the last 19.
    const bool fraction = payload.size() >= 26 && payload.at(payload.size() - 7) == '.';
    const QByteArray text = payload.right(fraction ? 26 : 19).left(19);
    std::tm written{};
    FUZZ_CHECK(std::sscanf(text.constData(), "%4d-%2d-%2d %2d:%2d:%2d", &written.tm_year,
                           &written.tm_mon, &written.tm_mday, &written.tm_hour, &written.tm_min,
                           &written.tm_sec)
               == 6);
    written.tm_year -= 1900;
    written.tm_mon -= 1;
    std::tm asUtc = written;
    const std::time_t wall = timegm(&asUtc);
    const long before = localAt(wall - 86400).tm_gmtoff;
    const long after = localAt(wall + 86400).tm_gmtoff;
    FUZZ_CHECK(after > before);
    FUZZ_CHECK(!sameReading(localAt(wall - before), written));
    FUZZ_CHECK(!sameReading(localAt(wall - after), written));
    const qint64 seconds = decodedUs >= 0 ? decodedUs / 1000000 : -((-decodedUs + 999999) / 1000000);
    FUZZ_CHECK(seconds == qint64(wall) - before);
}

void checkRoundTrip(const QByteArray &payload, const AtuMessage::Decoded &decoded)
{
    FUZZ_CHECK(!decoded.prefix.isEmpty());
    const QByteArray composed = AtuMessage::compose(decoded.prefix, decoded.timeUs);
    const auto again = AtuMessage::parse(composed, decoded.prefix);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->prefix == decoded.prefix);
    FUZZ_CHECK(again->timeUs == decoded.timeUs);
    // A timestamp names one local time and is written back as it came, in an overlap too
    // (read as its first instant). In a spring-forward gap no instant shows it: it is read
    // with the offset before the change, as Python does, and written back as the clock
    // shows that instant. A prefix that is not UTF-8 comes back different (with U+FFFD).
    if (payload.startsWith(decoded.prefix.toUtf8() + ' ') && composed != payload)
        checkGapReading(payload, decoded.timeUs);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    // A zone with daylight saving, unless one was chosen: its gaps and overlaps are where
    // reading local time can go wrong. Berlin's rules as a POSIX string, which needs no
    // tzdata package.
    if (qEnvironmentVariableIsEmpty("TZ"))
        qputenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3");
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

    // An empty prefix: the timestamp alone, which no prefixed reading takes.
    const auto bare = AtuMessage::parse(payload, QString());
    if (bare) {
        FUZZ_CHECK(bare->prefix.isEmpty());
        FUZZ_CHECK(!anyPrefix);
        const auto again = AtuMessage::parse(AtuMessage::compose(QString(), bare->timeUs), QString());
        FUZZ_CHECK(again && again->timeUs == bare->timeUs);
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
