#include "DatagramText.h"

#include "PayloadFormatter.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace DatagramText {

QString ipv4(quint32 address)
{
    return QStringLiteral("%1.%2.%3.%4")
        .arg(address >> 24)
        .arg((address >> 16) & 0xff)
        .arg((address >> 8) & 0xff)
        .arg(address & 0xff);
}

QString clockTime(qint64 timeUs)
{
    return QDateTime::fromMSecsSinceEpoch(timeUs / 1000).toString(QStringLiteral("HH:mm:ss.zzz"));
}

QString isoTime(qint64 timeUs)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(timeUs / 1000);
    return local.toOffsetFromUtc(local.offsetFromUtc()).toString(Qt::ISODateWithMs);
}

QByteArray consoleLine(const ReceivedDatagram &datagram)
{
    return QStringLiteral("%1 %2:%3 %4 bytes %5")
        .arg(isoTime(datagram.arrivalUs), ipv4(datagram.source))
        .arg(datagram.sourcePort)
        .arg(datagram.payload.size())
        .arg(PayloadFormatter::escapedText(datagram.payload))
        .toUtf8();
}

QByteArray jsonLine(const ReceivedDatagram &datagram)
{
    const QJsonObject object{
        {QStringLiteral("time"), isoTime(datagram.arrivalUs)},
        {QStringLiteral("source"), ipv4(datagram.source)},
        {QStringLiteral("source_port"), datagram.sourcePort},
        {QStringLiteral("group"), ipv4(datagram.destination)},
        {QStringLiteral("port"), datagram.destinationPort},
        {QStringLiteral("size"), datagram.payload.size()},
        {QStringLiteral("ttl"), datagram.ttl >= 0 ? QJsonValue(datagram.ttl) : QJsonValue()},
        {QStringLiteral("payload"), PayloadFormatter::escapedText(datagram.payload)},
        {QStringLiteral("payload_hex"), QString::fromLatin1(datagram.payload.toHex())},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace DatagramText
