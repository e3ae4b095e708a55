#include "generators/MpegTsMuxer.h"
#include "generators/MpegTsWriter.h"

#include <QHash>
#include <QTest>

class TestMpegTsWriter final : public QObject
{
    Q_OBJECT

private slots:
    // 7 × 188 bytes per datagram: a sync byte every 188, and one transport stream across the
    // datagrams — counters in step from one to the next, null packets numbered in order.
    void datagramsAreWholeTsPacketsOfOneStream()
    {
        MpegTsWriter writer(1316, 1000);
        QCOMPARE(writer.datagramSize(), 1316);
        QHash<int, int> continuity;
        int nullPackets = 0;
        QByteArray datagram(writer.datagramSize(), '\0');
        for (qint64 index = 0; index < 2000; ++index) {
            writer.write(index, 0, datagram.data());
            for (int offset = 0; offset < datagram.size(); offset += MpegTsMuxer::packetSize) {
                QCOMPARE(quint8(datagram.at(offset)), quint8(0x47));
                const int pid = (quint8(datagram.at(offset + 1)) & 0x1F) << 8 | quint8(datagram.at(offset + 2));
                const int counter = quint8(datagram.at(offset + 3)) & 0x0F;
                if (pid == MpegTsMuxer::nullPid) {
                    ++nullPackets;
                    const qint64 packetIndex = datagram.mid(offset + 4, 8).toHex().toLongLong(nullptr, 16);
                    QCOMPARE(packetIndex, index * 7 + offset / MpegTsMuxer::packetSize);
                    continue;
                }
                if (continuity.contains(pid))
                    QCOMPARE(counter, (continuity[pid] + 1) % 16);
                continuity[pid] = counter;
            }
        }
        QCOMPARE(continuity.size(), 3); // PAT, PMT, audio
        QVERIFY(nullPackets > 13'000);
    }

    void oneTsPacketPerDatagramAtTheLeast()
    {
        MpegTsWriter writer(188, 1000);
        QCOMPARE(writer.datagramSize(), 188);
        QByteArray datagram(188, '\0');
        writer.write(0, 0, datagram.data());
        QCOMPARE(datagram.left(4).toHex(), QByteArray("47400010")); // the PAT first
    }
};

QTEST_GUILESS_MAIN(TestMpegTsWriter)
#include "tst_mpegtswriter.moc"
