#include "StreamPackets.h"
#include "TestDatagrams.h"

#include "decoders/FormatDetector.h"

#include <QRandomGenerator>
#include <QTest>

using StreamPackets::Rtp;

class TestFormatDetector final : public QObject
{
    Q_OBJECT

private:
    static constexpr qint64 startUs = 1'796'000'000'000'000;
    static constexpr IpAddress host = IpAddress::fromIPv4(0x0a000001);

    static ReceivedDatagram datagram(const QByteArray &payload, qint64 atUs = startUs, quint16 sourcePort = 4000,
                                     IpAddress source = host)
    {
        return TestDatagrams::datagram(source, sourcePort, atUs, payload);
    }

    static QList<PayloadFormat> formats(const DatagramBatch &batch)
    {
        QList<PayloadFormat> list;
        for (const ReceivedDatagram &d : batch)
            list.append(d.format);
        return list;
    }

    static QByteArray randomBytes(QRandomGenerator &random, int size)
    {
        QByteArray bytes(size, Qt::Uninitialized);
        for (char &byte : bytes)
            byte = char(random.bounded(256));
        return bytes;
    }

private slots:
    void randomPayloadsStayRaw()
    {
        FormatDetector detector;
        DatagramBatch out;
        QRandomGenerator random(2026);
        int sent = 0;
        for (int source = 0; source < 50; ++source) {
            for (int i = 0; i < 400; ++i) {
                const int size = QList<int>{12, 20, 188, 200, 1316, int(random.bounded(0, 1500))}[i % 6];
                QByteArray payload = randomBytes(random, size);
                if (i % 2 == 0 && !payload.isEmpty())
                    payload[0] = char(0x80 | (payload[0] & 0x3F)); // RTP version 2
                detector.process(datagram(payload, startUs + i * 1000, quint16(4000 + source % 3),
                                          IpAddress::fromIPv4(0x0a000100 + quint32(source))),
                                 std::nullopt, out);
                ++sent;
            }
        }
        QCOMPARE(out.size(), sent);
        for (const ReceivedDatagram &d : out)
            QCOMPARE(d.format, PayloadFormat::Raw);
    }

    void rtpIsDeclaredOnTheSecondDatagramWithTheFirstInIt()
    {
        FormatDetector detector;
        DatagramBatch out;
        detector.process(datagram(Rtp().sequence(65535).bytes()), std::nullopt, out);
        QCOMPARE(formats(out), QList<PayloadFormat>{PayloadFormat::Raw}); // until the next one says
        QVERIFY(detector.awaitingConfirmation(startUs + 20'000));
        detector.process(datagram(Rtp().sequence(0).bytes(), startUs + 20'000), std::nullopt, out);
        QCOMPARE(formats(out), (QList<PayloadFormat>{PayloadFormat::Rtp, PayloadFormat::Rtp}));
        QCOMPARE(out[0].stream.sequence, quint64(65535));
        QCOMPARE(out[1].stream.sequence, quint64(0));
        QCOMPARE(out[0].streamId, quint64(0x11223344));
        QVERIFY(!detector.awaitingConfirmation(startUs + 20'000));
        // Decided: the next goes straight through.
        detector.process(datagram(Rtp().sequence(1).bytes(), startUs + 40'000), std::nullopt, out);
        QCOMPARE(out.size(), 3);
        QCOMPARE(out[2].format, PayloadFormat::Rtp);
    }

    void twoSsrcsFromOneSocketAreTwoStreams()
    {
        FormatDetector detector;
        DatagramBatch out;
        detector.process(datagram(Rtp().ssrc(1).sequence(10).bytes()), std::nullopt, out);
        detector.process(datagram(Rtp().ssrc(2).sequence(500).bytes()), std::nullopt, out);
        detector.process(datagram(Rtp().ssrc(1).sequence(11).bytes()), std::nullopt, out);
        detector.process(datagram(Rtp().ssrc(2).sequence(501).bytes()), std::nullopt, out);
        QCOMPARE(formats(out), QList<PayloadFormat>(4, PayloadFormat::Rtp));
        QCOMPARE((QList<quint64>{out[0].streamId, out[1].streamId, out[2].streamId, out[3].streamId}),
                 (QList<quint64>{1, 2, 1, 2}));
    }

    void aNumberTooFarAheadConfirmsNothing()
    {
        FormatDetector detector;
        DatagramBatch out;
        detector.process(datagram(Rtp().sequence(10).bytes()), std::nullopt, out);
        detector.process(datagram(Rtp().sequence(27).bytes()), std::nullopt, out); // 17 ahead
        detector.process(datagram(Rtp().sequence(27).bytes()), std::nullopt, out); // the same again
        QCOMPARE(formats(out), QList<PayloadFormat>(3, PayloadFormat::Raw));
        detector.process(datagram(Rtp().sequence(28).bytes()), std::nullopt, out);
        QCOMPARE(formats(out), QList<PayloadFormat>(4, PayloadFormat::Rtp));
    }

    void aFirstDatagramAlreadyHandedOnStaysRaw()
    {
        FormatDetector detector;
        DatagramBatch out;
        detector.process(datagram(Rtp().sequence(5).bytes(), startUs), std::nullopt, out);
        QVERIFY(detector.awaitingConfirmation(startUs + FormatDetector::awaitUs - 1));
        QVERIFY(!detector.awaitingConfirmation(startUs + FormatDetector::awaitUs)); // waited enough
        detector.batchTaken();
        QVERIFY(!detector.awaitingConfirmation(startUs));
        // Remembered all the same: a slow stream's next datagram decides it, from then on.
        detector.process(datagram(Rtp().sequence(6).bytes(), startUs + 500'000), std::nullopt, out);
        QCOMPARE(formats(out), (QList<PayloadFormat>{PayloadFormat::Raw, PayloadFormat::Rtp}));
    }

    void aRawDatagramEndsTheWait()
    {
        FormatDetector detector;
        DatagramBatch out;
        detector.process(datagram(Rtp().sequence(5).bytes(), startUs), std::nullopt, out);
        detector.process(datagram("plain text", startUs + 1), std::nullopt, out);
        QCOMPARE(formats(out), QList<PayloadFormat>(2, PayloadFormat::Raw));
        QVERIFY(!detector.awaitingConfirmation(startUs + 1));
    }

    void otherFlowsGoOnInOrderMeanwhile()
    {
        FormatDetector detector;
        DatagramBatch out;
        detector.process(datagram(Rtp().sequence(5).bytes(), startUs), std::nullopt, out);
        detector.process(datagram("other host", startUs + 1, 4000, IpAddress::fromIPv4(0x0a000002)), std::nullopt, out);
        detector.process(datagram(Rtp().sequence(6).bytes(), startUs + 2), std::nullopt, out);
        QCOMPARE(formats(out), (QList<PayloadFormat>{PayloadFormat::Rtp, PayloadFormat::Raw, PayloadFormat::Rtp}));
        QCOMPARE(out[1].payload, QByteArray("other host"));
    }

    void mpegTsNeedsSevenPacketsOverTwoDatagrams()
    {
        FormatDetector detector;
        DatagramBatch out;
        for (int i = 0; i < 6; ++i)
            detector.process(datagram(StreamPackets::tsPacket(0x100, i)), std::nullopt, out);
        QCOMPARE(formats(out), QList<PayloadFormat>(6, PayloadFormat::Raw));
        detector.process(datagram(StreamPackets::tsPacket(0x100, 6)), std::nullopt, out);
        QCOMPARE(formats(out), QList<PayloadFormat>(7, PayloadFormat::MpegTs));

        FormatDetector wide;
        DatagramBatch wideOut;
        wide.process(datagram(StreamPackets::tsDatagram(0)), std::nullopt, wideOut);
        QCOMPARE(formats(wideOut), QList<PayloadFormat>{PayloadFormat::Raw}); // one is never enough
        wide.process(datagram(StreamPackets::tsDatagram(7)), std::nullopt, wideOut);
        QCOMPARE(formats(wideOut), QList<PayloadFormat>(2, PayloadFormat::MpegTs));
        QCOMPARE(wideOut[0].stream.tsPackets, quint16(7));
    }

    void iperfNeedsSendTimesNearTheArrival()
    {
        FormatDetector detector;
        DatagramBatch out;
        const qint64 twoDays = 2 * 86'400'000'000;
        detector.process(datagram(StreamPackets::iperf2(1, startUs - twoDays), startUs), std::nullopt, out);
        detector.process(datagram(StreamPackets::iperf2(2, startUs - twoDays), startUs), std::nullopt, out);
        QCOMPARE(formats(out), QList<PayloadFormat>(2, PayloadFormat::Raw));

        FormatDetector near;
        DatagramBatch nearOut;
        near.process(datagram(StreamPackets::iperf2(1, startUs - 5'000'000), startUs, 5555), std::nullopt, nearOut);
        near.process(datagram(StreamPackets::iperf2(2, startUs - 5'000'000), startUs, 5555), std::nullopt, nearOut);
        QCOMPARE(formats(nearOut), QList<PayloadFormat>(2, PayloadFormat::Iperf2));
        // No stream in the header: the source port tells iperf's parallel streams apart.
        QCOMPARE(nearOut[0].streamId, quint64(5555));
        QCOMPARE(nearOut[1].stream.sendTimeUs, startUs - 5'000'000);
    }

    void atuAndMcjoinAreTakenAtOnce()
    {
        FormatDetector detector;
        DatagramBatch out;
        detector.process(datagram("ATU 2026-11-25 19:40:01.122874"), std::nullopt, out);
        detector.process(datagram(StreamPackets::mcjoin(77, 3)), std::nullopt, out);
        QCOMPARE(formats(out), (QList<PayloadFormat>{PayloadFormat::Atu, PayloadFormat::Mcjoin}));
        QVERIFY(out[0].atuTimeUs.has_value());
        QCOMPARE(out[1].streamId, quint64(77));
    }

    void aDeclaredFlowKeepsItsFormatUntilItStopsMatching()
    {
        FormatDetector detector;
        DatagramBatch out;
        quint16 sequence = 0;
        for (int i = 0; i < 3; ++i)
            detector.process(datagram(Rtp().sequence(sequence++).bytes()), std::nullopt, out);
        out.clear();
        // The same socket now sends iperf: raw, without delay, until it has missed enough.
        for (int i = 0; i < FormatDetector::missesBeforeRedetect; ++i) {
            detector.process(datagram(StreamPackets::iperf2(i + 1, startUs)), std::nullopt, out);
            QCOMPARE(out.size(), i + 1);
        }
        QCOMPARE(formats(out), QList<PayloadFormat>(FormatDetector::missesBeforeRedetect, PayloadFormat::Raw));
        out.clear();
        detector.process(datagram(StreamPackets::iperf2(100, startUs)), std::nullopt, out);
        detector.process(datagram(StreamPackets::iperf2(101, startUs)), std::nullopt, out);
        QCOMPARE(formats(out), QList<PayloadFormat>(2, PayloadFormat::Iperf2));
    }

    void aChosenFormatNeedsNoDetection()
    {
        FormatDetector detector;
        DatagramBatch out;
        detector.process(datagram(Rtp().bytes()), PayloadFormat::Rtp, out);
        detector.process(datagram("ATU 2026-11-25 19:40:01.122874"), PayloadFormat::Raw, out);
        detector.process(datagram(StreamPackets::iperf2(1, 0)), PayloadFormat::Iperf2, out);
        detector.process(datagram("not RTP"), PayloadFormat::Rtp, out);
        detector.process(datagram(Rtp().payloadType(8).payload(StreamPackets::tsDatagram(0)).bytes()),
                         PayloadFormat::RtpMpegTs, out);
        QCOMPARE(formats(out), (QList<PayloadFormat>{PayloadFormat::Rtp, PayloadFormat::Raw, PayloadFormat::Iperf2,
                                                     PayloadFormat::Raw, PayloadFormat::RtpMpegTs}));
    }

    void rawTrafficThatLooksLikeAStreamIsNotAwaitedForLong()
    {
        FormatDetector detector;
        DatagramBatch out;
        QRandomGenerator random(7);
        for (int i = 0; i < 100; ++i) {
            QByteArray payload = randomBytes(random, 100);
            payload[0] = char(0x80);
            detector.process(datagram(payload, startUs + i * 100'000), std::nullopt, out);
            QCOMPARE(out.size(), i + 1);
            detector.batchTaken(); // a batch every datagram: each may wait, but not past the first 32
            if (i >= FormatDetector::awaitFirst)
                QVERIFY(!detector.awaitingConfirmation(startUs + i * 100'000));
        }
        QCOMPARE(formats(out), QList<PayloadFormat>(100, PayloadFormat::Raw));
    }

    void aFloodOfNewSourcesIsBounded()
    {
        FormatDetector detector;
        DatagramBatch out;
        const int sources = FormatDetector::maxFlows + 1000;
        for (int i = 0; i < sources; ++i) {
            detector.process(datagram(Rtp().bytes(), startUs + i, 4000, IpAddress::fromIPv4(0x0a000000 + quint32(i))),
                             std::nullopt, out);
            QCOMPARE(out.size(), i + 1);
        }
        // Past the table's size new flows get no detection; the ones in it still do.
        detector.process(datagram(Rtp().sequence(1).bytes(), startUs + sources, 4000, IpAddress::fromIPv4(0x0a000000)),
                         std::nullopt, out);
        QCOMPARE(out.last().format, PayloadFormat::Rtp);
        detector.process(datagram(Rtp().sequence(1).bytes(), startUs + sources, 4000,
                                  IpAddress::fromIPv4(0x0a000000 + quint32(sources - 1))),
                         std::nullopt, out);
        QCOMPARE(out.last().format, PayloadFormat::Raw);
    }
};

QTEST_APPLESS_MAIN(TestFormatDetector)
#include "tst_formatdetector.moc"
