#include "output/DatagramCsv.h"

#include "output/CsvFormat.h"
#include "output/DatagramText.h"
#include "output/PayloadFormatter.h"
#include "time/LocalTime.h"

QByteArray DatagramCsv::header()
{
    return CsvFormat::row({QStringLiteral("time"), QStringLiteral("source"), QStringLiteral("source_port"),
                           QStringLiteral("group"), QStringLiteral("port"), QStringLiteral("size"),
                           QStringLiteral("ttl"), QStringLiteral("ours"), QStringLiteral("atu_time"),
                           QStringLiteral("atu_offset_ms"), QStringLiteral("payload"),
                           QStringLiteral("payload_hex")});
}

QByteArray DatagramCsv::row(const ReceivedDatagram &datagram)
{
    const auto offset = DatagramText::atuOffsetMs(datagram);
    return CsvFormat::row({
        isoTimeUs(datagram.arrivalUs),
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

// DatagramText::isoTimeUs, with the local-time conversion (the costly part) done once per
// second: within a second only the microseconds differ, and the zone's offset changes only
// at a whole second.
QString DatagramCsv::isoTimeUs(qint64 timeUs)
{
    const qint64 second = LocalTime::floorDiv(timeUs, 1'000'000);
    if (second != m_second) {
        m_secondText = DatagramText::isoTimeUs(timeUs);
        m_fractionAt = m_secondText.indexOf(QLatin1Char('.')) + 1;
        m_second = second;
    }
    QString text = m_secondText;
    qint64 fraction = timeUs - second * 1'000'000;
    for (qsizetype i = 5; i >= 0; --i) {
        text[m_fractionAt + i] = QLatin1Char(char('0' + fraction % 10));
        fraction /= 10;
    }
    return text;
}
