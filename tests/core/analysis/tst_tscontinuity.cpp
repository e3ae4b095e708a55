#include "StreamPackets.h"

#include "analysis/TsContinuity.h"

#include <QTest>

class TestTsContinuity final : public QObject
{
    Q_OBJECT

private:
    static TsContinuity fed(const QList<QByteArray> &packets)
    {
        TsContinuity continuity;
        for (const QByteArray &packet : packets)
            continuity.add(reinterpret_cast<const uchar *>(packet.constData()), int(packet.size() / 188));
        return continuity;
    }

    static QList<QByteArray> counters(int pid, const QList<int> &values, int afc = 1)
    {
        QList<QByteArray> packets;
        for (const int value : values)
            packets.append(StreamPackets::tsPacket(pid, value, afc));
        return packets;
    }

private slots:
    void countersGoUpAndWrap()
    {
        const TsContinuity continuity = fed(counters(0x100, {13, 14, 15, 0, 1, 2}));
        QCOMPARE(continuity.errors(), qint64(0));
        QCOMPARE(continuity.packets(), qint64(6));
        QCOMPARE(continuity.pids(10), QList<int>{0x100});
    }

    void aSkippedValueIsAnErrorAndItsPacketsLost()
    {
        const TsContinuity continuity = fed(counters(0x100, {1, 2, 5, 6}));
        QCOMPARE(continuity.errors(), qint64(1));
        QCOMPARE(continuity.lostPackets(), qint64(2));
    }

    void eachPidCountsOnItsOwn()
    {
        QList<QByteArray> packets;
        for (int i = 0; i < 20; ++i)
            packets.append(StreamPackets::tsPacket(i % 2 ? 0x101 : 0x100, i / 2));
        packets.append(StreamPackets::tsPacket(0x11, 9)); // a third PID: its first packet is fine
        const TsContinuity continuity = fed(packets);
        QCOMPARE(continuity.errors(), qint64(0));
        QCOMPARE(continuity.pidsSeen(), 3);
        QCOMPARE(continuity.pids(10), (QList<int>{0x11, 0x100, 0x101}));
        QCOMPARE(continuity.pids(2), (QList<int>{0x11, 0x100}));
    }

    void noPayloadNoIncrement()
    {
        // 4 with payload, 4 adaptation field only (a PCR), then 5.
        QList<QByteArray> packets = counters(0x100, {3, 4});
        packets.append(StreamPackets::tsPacket(0x100, 4, 2));
        packets.append(StreamPackets::tsPacket(0x100, 5, 3));
        QCOMPARE(fed(packets).errors(), qint64(0));
        // An adaptation-only packet that counts up is an error.
        QList<QByteArray> wrong = counters(0x100, {3});
        wrong.append(StreamPackets::tsPacket(0x100, 4, 2));
        QCOMPARE(fed(wrong).errors(), qint64(1));
    }

    void oneDuplicateIsAllowedTwoAreNot()
    {
        QCOMPARE(fed(counters(0x100, {1, 2, 2, 3})).errors(), qint64(0));
        const TsContinuity twice = fed(counters(0x100, {1, 2, 2, 2, 3}));
        QCOMPARE(twice.errors(), qint64(1));
        QCOMPARE(twice.lostPackets(), qint64(0));
        // A packet without payload cannot be duplicated: the next with payload must count up.
        QList<QByteArray> packets = counters(0x100, {1});
        packets.append(StreamPackets::tsPacket(0x100, 1, 2));
        packets.append(StreamPackets::tsPacket(0x100, 1, 1));
        QCOMPARE(fed(packets).errors(), qint64(1));
    }

    void theDiscontinuityIndicatorAllowsAJump()
    {
        QList<QByteArray> packets = counters(0x100, {1, 2});
        packets.append(StreamPackets::tsPacket(0x100, 9, 3, true));
        packets.append(counters(0x100, {10, 11}));
        QCOMPARE(fed(packets).errors(), qint64(0));
    }

    void nullPacketsAndBrokenOnesAreNotChecked()
    {
        QList<QByteArray> packets = counters(0x1FFF, {0, 0, 7, 3}, 1);
        QByteArray transportError = StreamPackets::tsPacket(0x100, 9);
        transportError[1] = char(transportError[1] | 0x80);
        packets.append(counters(0x100, {1}));
        packets.append(transportError);
        packets.append(counters(0x100, {2}));
        QByteArray noSync = StreamPackets::tsPacket(0x100, 12);
        noSync[0] = 'G' + 1;
        packets.append(noSync);
        packets.append(StreamPackets::tsPacket(0x100, 3, 0)); // reserved adaptation_field_control
        const TsContinuity continuity = fed(packets);
        QCOMPARE(continuity.errors(), qint64(0));
        QCOMPARE(continuity.pids(10), QList<int>{0x100});
        QCOMPARE(continuity.packets(), qint64(2));
    }
};

QTEST_APPLESS_MAIN(TestTsContinuity)
#include "tst_tscontinuity.moc"
