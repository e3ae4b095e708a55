#include "output/DatagramCsv.h"

#include "output/CsvFormat.h"
#include "output/DatagramText.h"
#include "output/PayloadFormatter.h"

namespace DatagramCsv {

QByteArray header()
{
    return CsvFormat::row({QStringLiteral("time"), QStringLiteral("source"), QStringLiteral("source_port"),
                           QStringLiteral("group"), QStringLiteral("port"), QStringLiteral("size"),
                           QStringLiteral("ttl"), QStringLiteral("ours"), QStringLiteral("atu_time"),
                           QStringLiteral("atu_offset_ms"), QStringLiteral("payload"),
                           QStringLiteral("payload_hex")});
}

QByteArray row(const ReceivedDatagram &datagram)
{
    const auto offset = DatagramText::atuOffsetMs(datagram);
    return CsvFormat::row({
        DatagramText::isoTimeUs(datagram.arrivalUs),
        datagram.source.toString(),
        QString::number(datagram.sourcePort),
        datagram.destination.toString(),
        QString::number(datagram.destinationPort),
        QString::number(datagram.payload.size()),
        datagram.ttl >= 0 ? QString::number(datagram.ttl) : QString(),
        datagram.fromOwnTransmitter ? QStringLiteral("true") : QStringLiteral("false"),
        datagram.atuTimeUs ? DatagramText::isoTimeUs(*datagram.atuTimeUs) : QString(),
        offset ? QString::number(*offset, 'f', 3) : QString(),
        PayloadFormatter::escapedText(datagram.payload),
        QString::fromLatin1(datagram.payload.toHex()),
    });
}

} // namespace DatagramCsv
