#include "StreamPackets.h"

#include "decoders/MpegTsDecoder.h"
#include "decoders/MpegTsPacket.h"

#include <QTest>

class TestMpegTsDecoder final : public QObject
{
    Q_OBJECT

private slots:
    void takesWholePacketsWithTheSyncByte_data()
    {
        QTest::addColumn<int>("packets");
        QTest::newRow("one") << 1;
        QTest::newRow("seven, 1,316 bytes") << 7;
        QTest::newRow("forty") << 40;
    }

    void takesWholePacketsWithTheSyncByte()
    {
        QFETCH(int, packets);
        const auto decoded = MpegTsDecoder().decode(StreamPackets::tsDatagram(3, 0x100, packets));
        QVERIFY(decoded);
        QCOMPARE(decoded->format, PayloadFormat::MpegTs);
        QCOMPARE(decoded->streamId, quint64(0));
        QCOMPARE(decoded->stream.tsOffset, quint16(0));
        QCOMPARE(decoded->stream.tsPackets, quint16(packets));
        QVERIFY(!decoded->stream.hasSequence());
    }

    void refusesAnythingElse_data()
    {
        QTest::addColumn<QByteArray>("payload");
        const QByteArray seven = StreamPackets::tsDatagram(0);
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("cut short") << seven.left(seven.size() - 1);
        QTest::newRow("a byte too many") << seven + 'x';
        QByteArray lostSync = seven;
        lostSync[188 * 6] = 'G' + 1;
        QTest::newRow("last sync byte wrong") << lostSync;
        QTest::newRow("204-byte packets") << QByteArray(204, char(0x47));
        QTest::newRow("text") << QByteArray(188, 'x');
    }

    void refusesAnythingElse()
    {
        QFETCH(QByteArray, payload);
        QVERIFY(!MpegTsDecoder().decode(payload));
    }

    void readsThePacketHeader()
    {
        const QByteArray packet = StreamPackets::tsPacket(0x1ABC, 13, 3, true);
        const auto *bytes = reinterpret_cast<const uchar *>(packet.constData());
        QCOMPARE(MpegTsPacket::pid(bytes), 0x1ABC);
        QCOMPARE(MpegTsPacket::continuityCounter(bytes), 13);
        QCOMPARE(MpegTsPacket::adaptationFieldControl(bytes), 3);
        QVERIFY(MpegTsPacket::hasPayload(bytes));
        QVERIFY(MpegTsPacket::hasDiscontinuity(bytes));
        const QByteArray adaptationOnly = StreamPackets::tsPacket(0x100, 2, 2);
        QVERIFY(!MpegTsPacket::hasPayload(reinterpret_cast<const uchar *>(adaptationOnly.constData())));
        QVERIFY(!MpegTsPacket::hasDiscontinuity(reinterpret_cast<const uchar *>(adaptationOnly.constData())));
    }
};

QTEST_APPLESS_MAIN(TestMpegTsDecoder)
#include "tst_mpegtsdecoder.moc"
