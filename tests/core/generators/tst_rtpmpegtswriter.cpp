#include "generators/MpegTsMuxer.h"
#include "generators/RtpMpegTsWriter.h"

#include <QTest>

namespace {

quint32 bigEndian32(const QByteArray &bytes, int at)
{
    return quint32(quint8(bytes.at(at))) << 24 | quint32(quint8(bytes.at(at + 1))) << 16
           | quint32(quint8(bytes.at(at + 2))) << 8 | quint8(bytes.at(at + 3));
}

} // namespace

class TestRtpMpegTsWriter final : public QObject
{
    Q_OBJECT

private slots:
    void headerIsRfc3550WithMp2tPayload()
    {
        RtpMpegTsWriter writer(1328, 1000, {65534, 4294967200u, 0xCAFEF00Du});
        QCOMPARE(writer.datagramSize(), 1328);
        QByteArray datagram(writer.datagramSize(), '\0');
        quint16 lastSequence = 0;
        quint32 lastTimestamp = 0;
        for (qint64 index = 0; index < 5; ++index) {
            writer.write(index, 0, datagram.data());
            QCOMPARE(quint8(datagram.at(0)), quint8(0x80)); // V=2, P=0, X=0, CC=0
            QCOMPARE(quint8(datagram.at(1)), quint8(33));   // M=0, PT=33 (MP2T)
            const quint16 sequence = quint16(quint8(datagram.at(2)) << 8 | quint8(datagram.at(3)));
            const quint32 timestamp = bigEndian32(datagram, 4);
            QCOMPARE(bigEndian32(datagram, 8), 0xCAFEF00Du);
            if (index == 0) {
                QCOMPARE(sequence, quint16(65534));
                QCOMPARE(timestamp, 4294967200u);
            } else {
                QCOMPARE(quint16(sequence - lastSequence), quint16(1)); // wraps 65535 → 0
                QCOMPARE(timestamp - lastTimestamp, 90u);               // 90 kHz / 1,000 per s
            }
            lastSequence = sequence;
            lastTimestamp = timestamp;
            for (int offset = 12; offset < datagram.size(); offset += MpegTsMuxer::packetSize)
                QCOMPARE(quint8(datagram.at(offset)), quint8(0x47));
        }
        QCOMPARE(lastSequence, quint16(2));
    }

    // 3 per second: 30,000 ticks apart, and whole seconds land exactly on 90,000.
    void timestampsFollowTheDeadlines()
    {
        RtpMpegTsWriter writer(12 + 5 * 188, 3, {0, 0, 1});
        QByteArray datagram(writer.datagramSize(), '\0');
        writer.write(3, 0, datagram.data());
        QCOMPARE(bigEndian32(datagram, 4), 90'000u);
        writer.write(4, 0, datagram.data());
        QCOMPARE(bigEndian32(datagram, 4), 120'000u);
        QCOMPARE(quint8(datagram.at(3)), quint8(4));
    }

    void randomStartsDiffer()
    {
        const auto a = RtpMpegTsWriter::randomStart();
        const auto b = RtpMpegTsWriter::randomStart();
        QVERIFY(a.ssrc != b.ssrc || a.timestamp != b.timestamp || a.sequence != b.sequence);
    }
};

QTEST_GUILESS_MAIN(TestRtpMpegTsWriter)
#include "tst_rtpmpegtswriter.moc"
