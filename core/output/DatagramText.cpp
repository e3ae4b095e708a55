#include "output/DatagramText.h"

#include "output/JsonWriter.h"
#include "output/PayloadFormatter.h"
#include "time/LocalTime.h"

#include <QDateTime>

#include <cstdlib>

namespace DatagramText {

QString clockTime(qint64 timeUs)
{
    return QDateTime::fromMSecsSinceEpoch(timeUs / 1000).toString(QStringLiteral("HH:mm:ss.zzz"));
}

namespace {

QString isoLocal(qint64 timeUs, bool microseconds)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(LocalTime::floorDiv(timeUs, 1000));
    const qint64 fraction = microseconds ? timeUs - LocalTime::floorDiv(timeUs, 1000000) * 1000000
                                         : local.time().msec();
    const int offsetMinutes = std::abs(local.offsetFromUtc()) / 60;
    return QStringLiteral("%1.%2%3%4:%5")
        .arg(local.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")))
        .arg(fraction, microseconds ? 6 : 3, 10, QLatin1Char('0'))
        .arg(QLatin1String(local.offsetFromUtc() < 0 ? "-" : "+"))
        .arg(offsetMinutes / 60, 2, 10, QLatin1Char('0'))
        .arg(offsetMinutes % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

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

QByteArray consoleLine(const ReceivedDatagram &datagram)
{
    const auto offset = atuOffsetMs(datagram);
    const QString atu = offset ? QStringLiteral(" (ATU offset %1 ms)").arg(*offset, 0, 'f', 1) : QString();
    return QStringLiteral("%1 %2:%3 %4 bytes%5 %6")
        .arg(isoTime(datagram.arrivalUs), datagram.source.toString())
        .arg(datagram.sourcePort)
        .arg(datagram.payload.size())
        .arg(atu, PayloadFormatter::escapedText(datagram.payload))
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
    json.key("payload").value(PayloadFormatter::escapedText(datagram.payload))
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
