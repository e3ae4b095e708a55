#include "StreamPackets.h"

#include "decoders/RtpDecoder.h"

#include <QRandomGenerator>
#include <QTest>

using StreamPackets::Rtp;

class TestRtpDecoder final : public QObject
{
    Q_OBJECT

private slots:
    void readsTheFixedHeader()
    {
        const auto decoded = RtpDecoder().decode(Rtp().sequence(65535).timestamp(0xDEADBEEF).ssrc(0x01020304).payloadType(0).bytes());
        QVERIFY(decoded);
        QCOMPARE(decoded->format, PayloadFormat::Rtp);
        QCOMPARE(decoded->streamId, quint64(0x01020304));
        QCOMPARE(decoded->stream.sequence, quint64(65535));
        QCOMPARE(decoded->stream.sequenceBits, quint8(16));
        QCOMPARE(decoded->stream.rtpTimestamp, 0xDEADBEEFu);
        QCOMPARE(decoded->stream.rtpPayloadType, quint8(0));
        QCOMPARE(decoded->stream.tsPackets, quint16(0));
    }

    void skipsCsrcsExtensionAndPaddingToFindTheTsPackets()
    {
        const QByteArray ts = StreamPackets::tsDatagram(0);
        const auto decoded = RtpDecoder().decode(Rtp().payloadType(33).csrcs(2).extension(3).padding(4).payload(ts).bytes());
        QVERIFY(decoded);
        QCOMPARE(decoded->format, PayloadFormat::RtpMpegTs);
        QCOMPARE(decoded->stream.tsOffset, quint16(12 + 8 + 4 + 12));
        QCOMPARE(decoded->stream.tsPackets, quint16(7));
    }

    void mpegTsByPayloadTypeOrByContent()
    {
        const QByteArray ts = StreamPackets::tsDatagram(0);
        // A dynamic type carrying whole TS packets is MPEG-TS; a static audio type is not.
        QCOMPARE(RtpDecoder().decode(Rtp().payloadType(97).payload(ts).bytes())->format,
                 PayloadFormat::RtpMpegTs);
        QCOMPARE(RtpDecoder().decode(Rtp().payloadType(8).payload(ts).bytes())->format,
                 PayloadFormat::Rtp);
        // Payload type 33 is MP2T even when the payload is not whole packets (nothing to check then).
        const auto odd = RtpDecoder().decode(Rtp().payloadType(33).payload("xyz").bytes());
        QCOMPARE(odd->format, PayloadFormat::RtpMpegTs);
        QCOMPARE(odd->stream.tsPackets, quint16(0));
        // --format rtp-mpegts: TS whatever the payload type.
        QCOMPARE(RtpDecoder(true).decode(Rtp().payloadType(8).payload(ts).bytes())->format,
                 PayloadFormat::RtpMpegTs);
    }

    void refusesWhatIsNotRtp_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QByteArray version1 = Rtp().bytes();
        version1[0] = char(0x40);
        QTest::newRow("version 1") << version1;
        QTest::newRow("11 bytes") << Rtp().bytes().left(11);
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("CSRCs past the end") << Rtp().csrcs(15).payload({}).bytes().left(12 + 56);
        QByteArray extension = Rtp().extension(0).payload({}).bytes();
        extension[14] = char(0xFF); // 65,535 words announced
        extension[15] = char(0xFF);
        QTest::newRow("extension past the end") << extension;
        QTest::newRow("extension header cut") << Rtp().extension(0).payload({}).bytes().left(14);
        QByteArray padding = Rtp().padding(2).payload({}).bytes();
        padding[padding.size() - 1] = char(200);
        QTest::newRow("padding past the header") << padding;
        QByteArray zeroPadding = Rtp().padding(2).bytes();
        zeroPadding[zeroPadding.size() - 1] = 0;
        QTest::newRow("padding of 0") << zeroPadding;
        QTest::newRow("RTCP sender report") << Rtp().payloadType(72).marker().bytes();
        QTest::newRow("RTCP receiver report") << Rtp().payloadType(73).marker().bytes();
        QTest::newRow("ASCII text") << QByteArray("ATU 2026-11-25 19:40:01.123456");
    }

    void refusesWhatIsNotRtp()
    {
        QFETCH(QByteArray, payload);
        QVERIFY(!RtpDecoder().decode(payload));
    }

    void survivesHostileBytes()
    {
        // Every length up to a few headers, every first byte that claims version 2 with
        // CSRCs, an extension and padding: never reads past the end (ASan/valgrind would
        // tell), and what it accepts is consistent.
        QRandomGenerator random(12345);
        for (int round = 0; round < 20000; ++round) {
            QByteArray bytes(int(random.bounded(0, 80)), Qt::Uninitialized);
            for (char &byte : bytes)
                byte = char(random.bounded(256));
            if (!bytes.isEmpty())
                bytes[0] = char(0x80 | (bytes[0] & 0x3F));
            const auto decoded = RtpDecoder().decode(bytes);
            if (decoded) {
                QVERIFY(bytes.size() >= RtpDecoder::headerSize);
                QVERIFY(decoded->stream.tsOffset + 188 * decoded->stream.tsPackets <= bytes.size());
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestRtpDecoder)
#include "tst_rtpdecoder.moc"
