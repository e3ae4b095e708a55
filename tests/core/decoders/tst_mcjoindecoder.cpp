#include "StreamPackets.h"

#include "decoders/McjoinDecoder.h"

#include <QTest>

class TestMcjoinDecoder final : public QObject
{
    Q_OBJECT

private slots:
    void readsTheCountAndTheSendersPid()
    {
        const auto decoded = McjoinDecoder().decode(StreamPackets::mcjoin(4242, 17));
        QVERIFY(decoded);
        QCOMPARE(decoded->format, PayloadFormat::Mcjoin);
        QCOMPARE(decoded->streamId, quint64(4242));
        QCOMPARE(decoded->stream.sequence, quint64(17));
        QCOMPARE(decoded->stream.sequenceBits, quint8(64));
    }

    void readsOlderVersionsAndUnpaddedText_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<quint64>("count");
        QTest::newRow("before freq") << QByteArray("Sender PID 12, MC group 225.1.2.3 ... count: 9") << quint64(9);
        QTest::newRow("old, padded") << QByteArray("Sender PID 12, MC group ff2e::42 ... count: 0") + QByteArray(50, '\0')
                                     << quint64(0);
        QTest::newRow("largest count") << StreamPackets::mcjoin(1, 9223372036854775807ULL) << quint64(9223372036854775807ULL);
    }

    void readsOlderVersionsAndUnpaddedText()
    {
        QFETCH(QByteArray, payload);
        QFETCH(quint64, count);
        const auto decoded = McjoinDecoder().decode(payload);
        QVERIFY(decoded);
        QCOMPARE(decoded->stream.sequence, count);
    }

    void refusesWhatIsNotMcjoin_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("no count") << QByteArray("Sender PID 12, MC group 225.1.2.3 ... ");
        QTest::newRow("count without digits") << QByteArray("Sender PID 12, MC group 225.1.2.3 ... count: x");
        QTest::newRow("count followed by text") << QByteArray("Sender PID 12, MC group 225.1.2.3 ... count: 5x");
        QTest::newRow("count too large") << QByteArray("Sender PID 1, MC group g ... count: 9223372036854775808");
        QTest::newRow("pid too large") << QByteArray("Sender PID 4294967296, MC group g ... count: 1");
        QTest::newRow("no pid") << QByteArray("Sender PID , MC group g ... count: 1");
        QTest::newRow("no group") << QByteArray("Sender PID 5 count: 1");
        QTest::newRow("count after the NUL") << QByteArray("Sender PID 5, MC group g\0 ... count: 1", 40);
        QTest::newRow("lower case") << QByteArray("sender pid 5, MC group g ... count: 1");
    }

    void refusesWhatIsNotMcjoin()
    {
        QFETCH(QByteArray, payload);
        QVERIFY(!McjoinDecoder().decode(payload));
    }
};

QTEST_APPLESS_MAIN(TestMcjoinDecoder)
#include "tst_mcjoindecoder.moc"
