#include "output/DatagramText.h"

#include "output/JsonWriter.h"
#include "output/PayloadFormatter.h"
#include "time/LocalTime.h"

#include <cstdlib>

namespace DatagramText {

namespace {

struct LocalReading
{
    LocalTime::Fields fields;
    qint64 fractionUs = 0; // within the second
    int offsetSeconds = 0; // east of UTC
};

// Every time on every output comes through here: one conversion (LocalTime), exact to the
// second, so the JSON time, the console, the tables and the ATU decoder agree.
LocalReading localReading(qint64 timeUs)
{
    const qint64 seconds = LocalTime::floorDiv(timeUs, 1'000'000);
    const int offset = LocalTime::offsetSecondsAt(seconds);
    return {LocalTime::civilFromSeconds(seconds + offset), timeUs - seconds * 1'000'000, offset};
}

QString twoDigits(int value)
{
    return QStringLiteral("%1").arg(value, 2, 10, QLatin1Char('0'));
}

QString clockText(const LocalTime::Fields &fields)
{
    return QStringLiteral("%1:%2:%3").arg(twoDigits(fields.hour), twoDigits(fields.minute), twoDigits(fields.second));
}

// "+01:00"; an offset with seconds (local mean time, TZ=ABC-00:00:30) as "+00:00:30",
// as Python's isoformat() writes it.
QString offsetText(int offsetSeconds)
{
    const int magnitude = std::abs(offsetSeconds);
    QString text = QLatin1String(offsetSeconds < 0 ? "-" : "+") + twoDigits(magnitude / 3600)
                   + QLatin1Char(':') + twoDigits(magnitude / 60 % 60);
    if (magnitude % 60 != 0)
        text += QLatin1Char(':') + twoDigits(magnitude % 60);
    return text;
}

QString isoLocal(qint64 timeUs, bool microseconds)
{
    const LocalReading local = localReading(timeUs);
    const LocalTime::Fields &f = local.fields;
    const qint64 fraction = microseconds ? local.fractionUs : local.fractionUs / 1000;
    return QStringLiteral("%1-%2-%3T%4.%5%6")
        .arg(f.year, 4, 10, QLatin1Char('0'))
        .arg(twoDigits(f.month), twoDigits(f.day), clockText(f))
        .arg(fraction, microseconds ? 6 : 3, 10, QLatin1Char('0'))
        .arg(offsetText(local.offsetSeconds));
}

} // namespace

QString clockTime(qint64 timeUs, ClockPrecision precision)
{
    const LocalReading local = localReading(timeUs);
    if (precision == ClockPrecision::Seconds)
        return clockText(local.fields);
    return QStringLiteral("%1.%2").arg(clockText(local.fields)).arg(local.fractionUs / 1000, 3, 10, QLatin1Char('0'));
}

QString isoTime(qint64 timeUs)
{
    return isoLocal(timeUs, false);
}

QString isoTimeUs(qint64 timeUs)
{
    return isoLocal(timeUs, true);
}

std::optional<double> atuOffsetMs(const ReceivedDatagram &datagram)
{
    if (!datagram.atuTimeUs)
        return std::nullopt;
    return double(datagram.arrivalUs - *datagram.atuTimeUs) / 1000.0;
}

std::optional<qint64> sequenceNumber(const ReceivedDatagram &datagram)
{
    const StreamFields &stream = datagram.stream;
    if (!stream.hasSequence())
        return std::nullopt;
    // The decoders keep numbers within qint64 (iperf 2's are signed, mcjoin's bounded).
    const qint64 number = qint64(stream.sequence);
    return stream.endOfStream ? -number : number;
}

QByteArray consoleLine(const ReceivedDatagram &datagram)
{
    const auto offset = atuOffsetMs(datagram);
    QString decoded = offset ? QStringLiteral(" (ATU offset %1 ms)").arg(*offset, 0, 'f', 1) : QString();
    if (datagram.format != PayloadFormat::Raw && datagram.format != PayloadFormat::Atu) {
        const auto sequence = sequenceNumber(datagram);
        decoded = sequence ? QStringLiteral(" (%1 seq %2)").arg(payloadFormatName(datagram.format)).arg(*sequence)
                           : QStringLiteral(" (%1)").arg(payloadFormatName(datagram.format));
    }
    return QStringLiteral("%1 %2:%3 %4 bytes%5 %6")
        .arg(isoTime(datagram.arrivalUs), datagram.source.toString())
        .arg(datagram.sourcePort)
        .arg(datagram.payload.size())
        .arg(decoded, PayloadFormatter::escapedText(datagram.payload))
        .toUtf8();
}

QByteArray jsonLine(const ReceivedDatagram &datagram)
{
    JsonWriter json;
    json.beginObject()
        .key("type").value("datagram")
        .key("time").value(isoTime(datagram.arrivalUs))
        .key("source").value(datagram.source.toString())
        .key("source_port").value(int(datagram.sourcePort))
        .key("group").value(datagram.destination.toString())
        .key("port").value(int(datagram.destinationPort))
        .key("size").value(qint64(datagram.payload.size()))
        .key("ttl");
    if (datagram.ttl >= 0)
        json.value(datagram.ttl);
    else
        json.null();
    json.key("format").value(payloadFormatName(datagram.format))
        .key("seq").value(sequenceNumber(datagram))
        .key("payload").value(PayloadFormatter::escapedText(datagram.payload))
        .key("payload_hex").value(QString::fromLatin1(datagram.payload.toHex()))
        .key("atu_time");
    if (datagram.atuTimeUs)
        json.value(isoTimeUs(*datagram.atuTimeUs));
    else
        json.null();
    json.key("atu_offset_ms").value(atuOffsetMs(datagram)).endObject();
    return json.bytes();
}

} // namespace DatagramText
