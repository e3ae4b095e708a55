#include "capture/CapturePacket.h"

#include "TestDatagrams.h"

#include <QTest>
#include <QtEndian>

namespace {

// The one's-complement sum of 16-bit words, folded: 0xffff over a span whose checksum is right.
quint16 onesComplementSum(const QByteArray &bytes)
{
    quint64 sum = 0;
    for (qsizetype i = 0; i < bytes.size(); i += 2) {
        const quint8 high = quint8(bytes[i]);
        const quint8 low = i + 1 < bytes.size() ? quint8(bytes[i + 1]) : 0;
        sum += quint32(high) << 8 | low;
    }
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return quint16(sum);
}

QByteArray bigEndian16(quint16 value)
{
    QByteArray bytes(2, 0);
    qToBigEndian(value, bytes.data());
    return bytes;
}

IpAddress ipv6(const char *text)
{
    return *IpAddress::parse(QString::fromLatin1(text));
}

ReceivedDatagram ipv4Datagram(const QByteArray &payload)
{
    ReceivedDatagram datagram = TestDatagrams::datagram(IpAddress::fromIPv4(0xc0a80102), 40000,
                                                        1'700'000'000'123'456, payload); // 192.168.1.2
    datagram.ttl = 7;
    return datagram;
}

} // namespace

class TestCapturePacket final : public QObject
{
    Q_OBJECT

private slots:
    void ipv4HeaderFromWhatWasReceived()
    {
        const QByteArray packet = CapturePacket::build(ipv4Datagram("hello"));
        QCOMPARE(packet.size(), 20 + 8 + 5);
        const QByteArray expectedHeader = QByteArray::fromHex(
            "45" "00" "0021"     // version 4, IHL 5; no DSCP; total length 33
            "0000" "0000"        // identification, flags and offset: not known
            "07" "11"            // TTL 7, UDP
            "0000"               // checksum, compared below
            "c0a80102" "ef010101"); // 192.168.1.2 → 239.1.1.1
        QCOMPARE(packet.left(10), expectedHeader.left(10));
        QCOMPARE(packet.mid(12, 8), expectedHeader.mid(12, 8));
        QCOMPARE(onesComplementSum(packet.left(20)), quint16(0xffff));
        // Worked out apart (Python) for these fields.
        QCOMPARE(packet.mid(10, 2), QByteArray::fromHex("0220"));
        QCOMPARE(packet.mid(20, 6), QByteArray::fromHex("9c40" "1389" "000d")); // 40000 → 5001, length 13
        QCOMPARE(packet.mid(28), QByteArray("hello"));
    }

    void ipv4UdpChecksumCoversThePseudoHeader()
    {
        for (const QByteArray &payload : {QByteArray(), QByteArray("odd"), QByteArray(1400, '\xa5')}) {
            const QByteArray packet = CapturePacket::build(ipv4Datagram(payload));
            const QByteArray udp = packet.mid(20);
            QCOMPARE(udp.size(), 8 + payload.size());
            const QByteArray pseudo = packet.mid(12, 8) + QByteArray(1, 0) + QByteArray(1, 17)
                                      + bigEndian16(quint16(udp.size()));
            QCOMPARE(onesComplementSum(pseudo + udp), quint16(0xffff));
            QVERIFY(packet.mid(26, 2) != QByteArray(2, 0)); // computed, not "none"
        }
    }

    void ipv6HeaderAndMandatoryChecksum()
    {
        ReceivedDatagram datagram = ipv4Datagram("six!");
        datagram.source = ipv6("2001:db8::5");
        datagram.destination = ipv6("ff15::1234");
        datagram.ttl = 64;
        const QByteArray packet = CapturePacket::build(datagram);
        QCOMPARE(packet.size(), 40 + 8 + 4);
        QCOMPARE(packet.left(8), QByteArray::fromHex("60000000" "000c" "11" "40")); // length 12, UDP, hops 64
        QCOMPARE(packet.mid(8, 16), QByteArray::fromHex("20010db8000000000000000000000005"));
        QCOMPARE(packet.mid(24, 16), QByteArray::fromHex("ff150000000000000000000000001234"));
        QCOMPARE(packet.mid(40, 6), QByteArray::fromHex("9c40" "1389" "000c"));
        const QByteArray udp = packet.mid(40);
        const QByteArray pseudo = packet.mid(8, 32) + QByteArray::fromHex("0000000c") + QByteArray::fromHex("00000011");
        QCOMPARE(onesComplementSum(pseudo + udp), quint16(0xffff));
        QCOMPARE(packet.mid(48), QByteArray("six!"));
    }

    void unknownTtlIsZero()
    {
        ReceivedDatagram datagram = ipv4Datagram("x");
        datagram.ttl = -1;
        const QByteArray packet = CapturePacket::build(datagram);
        QCOMPARE(quint8(packet[8]), quint8(0));
        QCOMPARE(onesComplementSum(packet.left(20)), quint16(0xffff));
    }

    void anIPv4SourceOfAnIPv6GroupIsMapped()
    {
        ReceivedDatagram datagram = ipv4Datagram("x");
        datagram.destination = ipv6("ff15::1");
        const QByteArray packet = CapturePacket::build(datagram);
        QCOMPARE(packet.mid(8, 16), QByteArray::fromHex("00000000000000000000ffffc0a80102"));
    }

    void reusesTheBufferItIsGiven()
    {
        QByteArray packet;
        CapturePacket::build(ipv4Datagram(QByteArray(1000, 'a')), packet);
        CapturePacket::build(ipv4Datagram("b"), packet);
        QCOMPARE(packet.size(), 29);
        QCOMPARE(packet.back(), 'b');
    }

    void checksumOfKnownBytes()
    {
        // RFC 1071's example: words 0001 f203 f4f5 f6f7 sum to ddf2 (folded), complement 220d.
        QCOMPARE(CapturePacket::checksum(QByteArray::fromHex("0001f203f4f5f6f7")), quint16(0x220d));
    }
};

QTEST_APPLESS_MAIN(TestCapturePacket)
#include "tst_capturepacket.moc"
