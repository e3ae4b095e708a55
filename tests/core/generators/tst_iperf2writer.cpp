#include "generators/Iperf2Writer.h"

#include <QTest>

namespace {

quint32 word(const QByteArray &bytes, int at)
{
    return quint32(quint8(bytes.at(at))) << 24 | quint32(quint8(bytes.at(at + 1))) << 16
           | quint32(quint8(bytes.at(at + 2))) << 8 | quint8(bytes.at(at + 3));
}

} // namespace

class TestIperf2Writer final : public QObject
{
    Q_OBJECT

private slots:
    // iperf 2.1's UDP_datagram then client_hdr_v1.flags, big-endian.
    void headerIsWhatTheServerReads()
    {
        Iperf2Writer writer(1470);
        QCOMPARE(writer.datagramSize(), 1470);
        QByteArray datagram(writer.datagramSize(), 'x');
        writer.write(0, 1'700'000'000'123'456, datagram.data());
        QCOMPARE(word(datagram, 0), 1u);             // sequence numbers start at 1
        QCOMPARE(word(datagram, 4), 1'700'000'000u); // tv_sec
        QCOMPARE(word(datagram, 8), 123'456u);       // tv_usec
        QCOMPARE(word(datagram, 12), 0u);            // upper sequence
        QCOMPARE(word(datagram, 16), 0x08000000u);   // HEADER_SEQNO64B only
        QCOMPARE(datagram.mid(20), QByteArray(1450, '\0'));

        writer.write(41, 0, datagram.data());
        QCOMPARE(word(datagram, 0), 42u);
    }

    void sequenceNumbersHave64Bits()
    {
        Iperf2Writer writer(20);
        QByteArray datagram(20, '\0');
        writer.write(qint64(0x1'0000'0004), 0, datagram.data());
        QCOMPARE(word(datagram, 0), 5u);
        QCOMPARE(word(datagram, 12), 1u);
    }

    // A test of 2,000 ends with datagram 2,000's sequence negated, sign-extended into the
    // upper word: the server counts 2,000.
    void lastDatagramEndsTheTest()
    {
        Iperf2Writer writer(1470);
        QByteArray last(1470, 'x');
        writer.writeLast(1999, 5'000'000, last.data());
        QCOMPARE(qint32(word(last, 0)), -2000);
        QCOMPARE(word(last, 12), 0xFFFFFFFFu);
        QCOMPARE(word(last, 4), 5u);
        QCOMPARE(last.mid(20), QByteArray(1450, '\0'));
    }

    // Stopped after 2,000 were due: one more datagram, −2,001.
    void endOfTestAfterAStopIsTheNextSequenceNegated()
    {
        Iperf2Writer writer(1470);
        const QByteArray end = writer.endOfStream(2000, 5'000'000);
        QCOMPARE(end.size(), 1470);
        QCOMPARE(qint32(word(end, 0)), -2001);
        QCOMPARE(word(end, 12), 0xFFFFFFFFu);
        QCOMPARE(word(end, 4), 5u);
        QCOMPARE(word(end, 16), 0x08000000u);
    }
};

QTEST_GUILESS_MAIN(TestIperf2Writer)
#include "tst_iperf2writer.moc"
