#include "StreamPackets.h"

#include "decoders/Iperf2Decoder.h"

#include <QTest>

class TestIperf2Decoder final : public QObject
{
    Q_OBJECT

private:
    static constexpr qint64 sendTimeUs = 1'796'021'417'975'013; // 2026-11-30, as captured

private slots:
    void readsIperf21sSixtyFourBitHeader()
    {
        const auto decoded = Iperf2Decoder().decode(StreamPackets::iperf2(10, sendTimeUs));
        QVERIFY(decoded);
        QCOMPARE(decoded->format, PayloadFormat::Iperf2);
        QCOMPARE(decoded->stream.sequence, quint64(10));
        QCOMPARE(decoded->stream.sequenceBits, quint8(64));
        QCOMPARE(decoded->stream.sendTimeUs, sendTimeUs);
        QVERIFY(!decoded->stream.endOfStream);
        // Past 2^32 the upper half counts.
        QCOMPARE(Iperf2Decoder().decode(StreamPackets::iperf2(0x1'0000'0005, sendTimeUs))->stream.sequence,
                 quint64(0x1'0000'0005));
    }

    void capturedFromTheRealClient()
    {
        // Datagram 10 and the final datagram (-101) of `iperf -c 239.1.1.3 -u -l 200` (2.1.8).
        const QByteArray first = QByteArray::fromHex("0000000a6b0d1ca9000ed8450000000048010098000000010000138c");
        const QByteArray last = QByteArray::fromHex("ffffff9b6b0d1caa000dad61ffffffff48010098000000010000138c");
        const auto decoded = Iperf2Decoder().decode(first);
        QCOMPARE(decoded->stream.sequence, quint64(10));
        QCOMPARE(decoded->stream.sendTimeUs, qint64(0x6b0d1ca9) * 1'000'000 + 0x0ed845);
        const auto final = Iperf2Decoder().decode(last);
        QVERIFY(final->stream.endOfStream);
        QCOMPARE(final->stream.sequence, quint64(101));
    }

    void readsTheOlderSignedThirtyTwoBitNumber()
    {
        const auto decoded = Iperf2Decoder().decode(StreamPackets::iperf2(77, sendTimeUs, false));
        QCOMPARE(decoded->stream.sequence, quint64(77));
        QCOMPARE(decoded->stream.sequenceBits, quint8(32));
        const auto final = Iperf2Decoder().decode(StreamPackets::iperf2(-78, sendTimeUs, false));
        QVERIFY(final->stream.endOfStream);
        QCOMPARE(final->stream.sequence, quint64(78));
        // 16 bytes, no flags word: a 32-bit number.
        QCOMPARE(Iperf2Decoder().decode(StreamPackets::iperf2(5, sendTimeUs, true, 16))->stream.sequenceBits,
                 quint8(32));
    }

    void refusesWhatCannotBeIperf_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::newRow("15 bytes") << StreamPackets::iperf2(1, sendTimeUs).left(15);
        QTest::newRow("empty") << QByteArray();
        QByteArray micros = StreamPackets::iperf2(1, sendTimeUs);
        micros[8] = char(0x00);
        micros[9] = char(0x0F);
        micros[10] = char(0x42);
        micros[11] = char(0x40); // 1,000,000 µs
        QTest::newRow("a million microseconds") << micros;
        QByteArray smallest(200, '\0');
        smallest[12] = char(0x80); // -2^63 has no magnitude
        smallest[16] = char(0x08);
        QTest::newRow("the smallest 64-bit number") << smallest;
    }

    void refusesWhatCannotBeIperf()
    {
        QFETCH(QByteArray, payload);
        QVERIFY(!Iperf2Decoder().decode(payload));
    }
};

QTEST_APPLESS_MAIN(TestIperf2Decoder)
#include "tst_iperf2decoder.moc"
