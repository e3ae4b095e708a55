#include "generators/MpegCrc32.h"
#include "generators/MpegTsMuxer.h"

#include <QHash>
#include <QTest>

namespace {

struct Packet
{
    QByteArray bytes;

    quint8 at(int i) const { return quint8(bytes.at(i)); }
    quint16 pid() const { return quint16((at(1) & 0x1F) << 8 | at(2)); }
    bool unitStart() const { return at(1) & 0x40; }
    bool hasAdaptation() const { return at(3) & 0x20; }
    int continuity() const { return at(3) & 0x0F; }
    int payloadStart() const { return hasAdaptation() ? 5 + at(4) : 4; }
    // The PCR in 27 MHz ticks, when the adaptation field has one.
    qint64 pcr() const
    {
        const qint64 base = qint64(at(6)) << 25 | at(7) << 17 | at(8) << 9 | at(9) << 1 | at(10) >> 7;
        return base * 300 + ((at(10) & 1) << 8 | at(11));
    }
    QByteArray section() const
    {
        const int start = 5 + at(4); // after the pointer field
        const int length = (at(start + 1) & 0x0F) << 8 | at(start + 2);
        return bytes.mid(start, 3 + length);
    }
};

Packet packetAt(MpegTsMuxer &muxer, qint64 index)
{
    Packet packet{QByteArray(MpegTsMuxer::packetSize, '\0')};
    muxer.writePacket(index, packet.bytes.data());
    return packet;
}

qint64 pts(const QByteArray &pes)
{
    const auto b = [&](int i) { return qint64(quint8(pes.at(i))); };
    return (b(9) & 0x0E) << 29 | b(10) << 22 | (b(11) >> 1) << 15 | b(12) << 7 | b(13) >> 1;
}

} // namespace

class TestMpegTsMuxer final : public QObject
{
    Q_OBJECT

private slots:
    void startsWithPatThenPmtThenAudio()
    {
        MpegTsMuxer muxer(1000);
        const Packet pat = packetAt(muxer, 0);
        QCOMPARE(pat.at(0), quint8(0x47));
        QCOMPARE(pat.pid(), quint16(0));
        QVERIFY(pat.unitStart());
        QCOMPARE(pat.section().toHex(), QByteArray("00b00d0001c100000001f0002ab104b2"));

        const Packet pmt = packetAt(muxer, 1);
        QCOMPARE(pmt.pid(), MpegTsMuxer::pmtPid);
        const QByteArray section = pmt.section();
        QCOMPARE(quint8(section.at(0)), quint8(0x02));
        QCOMPARE(MpegCrc32::compute(section.constData(), section.size()), 0u); // CRC correct
        QCOMPARE(section.mid(8, 2).toHex(), QByteArray("e100"));        // PCR on the audio PID
        QCOMPARE(section.mid(12, 5).toHex(), QByteArray("03e100f000")); // MPEG-1 audio on 0x100

        const Packet audio = packetAt(muxer, 2);
        QCOMPARE(audio.pid(), MpegTsMuxer::audioPid);
        QVERIFY(audio.unitStart());
        QVERIFY(audio.hasAdaptation());
        QCOMPARE(audio.at(5) & 0x10, 0x10); // PCR flag
        QCOMPARE(audio.pcr(), muxer.clockAt(2));
        const QByteArray pes = audio.bytes.mid(audio.payloadStart());
        QCOMPARE(pes.left(4).toHex(), QByteArray("000001c0"));
        QCOMPARE((quint8(pes.at(4)) << 8 | quint8(pes.at(5))) + 6, pes.size()); // PES length
        QCOMPARE(pes.mid(14, 4).toHex(), QByteArray("fffd14c0")); // Layer II, 32 kbit/s, 48 kHz, mono
        QCOMPARE(pes.size(), 14 + 96);

        const Packet null = packetAt(muxer, 3);
        QCOMPARE(null.pid(), MpegTsMuxer::nullPid);
        QCOMPARE(null.bytes.mid(4, 8).toHex(), QByteArray("0000000000000003"));
    }

    // Ten seconds at 1,000 packets/s: the tables every 100 ms, a frame every 24 ms with its
    // PTS 2,160 ticks (90 kHz) after the last, every counter of every PID in step.
    void keepsItsScheduleAndCounters()
    {
        constexpr qint64 rate = 1000;
        MpegTsMuxer muxer(rate);
        QHash<quint16, int> continuity;
        QHash<quint16, int> packets;
        qint64 lastPts = -1;
        qint64 lastPcr = -1;
        for (qint64 index = 0; index < 10 * rate; ++index) {
            const Packet packet = packetAt(muxer, index);
            QCOMPARE(packet.at(0), quint8(0x47));
            const quint16 pid = packet.pid();
            ++packets[pid];
            if (pid != MpegTsMuxer::nullPid) {
                if (continuity.contains(pid))
                    QCOMPARE(packet.continuity(), (continuity[pid] + 1) % 16);
                continuity[pid] = packet.continuity();
            }
            if (pid == MpegTsMuxer::audioPid) {
                const qint64 pcr = packet.pcr();
                QVERIFY(pcr > lastPcr);
                QVERIFY2(lastPcr < 0 || pcr - lastPcr <= 27'000'000 / 10, "PCR more than 100 ms apart");
                lastPcr = pcr;
                const qint64 audioPts = pts(packet.bytes.mid(packet.payloadStart()));
                if (lastPts >= 0)
                    QCOMPARE(audioPts - lastPts, qint64(2160));
                lastPts = audioPts;
                // Presented 0–200 ms after it arrives: in the decoder's buffer, never late.
                const qint64 ahead = audioPts - pcr / 300;
                QVERIFY2(ahead > 0 && ahead <= 18'000, qPrintable(QString::number(ahead)));
            }
        }
        QCOMPARE(packets[0], 100);
        QCOMPARE(packets[MpegTsMuxer::pmtPid], 100);
        QCOMPARE(packets[MpegTsMuxer::audioPid], 417); // 10 s / 24 ms, rounded up
        QCOMPARE(packets[MpegTsMuxer::nullPid], 10'000 - 617);
    }

    // Datagrams skipped after a stall are never sent: the counters go on from the last one
    // sent, and the clock jumps with the index.
    void skipsAheadWithoutGapsInTheCounters()
    {
        MpegTsMuxer muxer(1000);
        for (qint64 index = 0; index < 3; ++index)
            packetAt(muxer, index);
        const Packet pat = packetAt(muxer, 5'000); // 5 s later: new tables are due
        QCOMPARE(pat.pid(), quint16(0));
        QCOMPARE(pat.continuity(), 1);
        QCOMPARE(packetAt(muxer, 5'001).pid(), MpegTsMuxer::pmtPid);
        const Packet audio = packetAt(muxer, 5'002);
        QCOMPARE(audio.pid(), MpegTsMuxer::audioPid);
        QCOMPARE(audio.continuity(), 1);
        QCOMPARE(audio.pcr(), qint64(5'002) * 27'000);
    }

    void clockIsExactForLongStreams()
    {
        const MpegTsMuxer muxer(700'000);
        QCOMPARE(muxer.clockAt(700'000), qint64(27'000'000));
        // A year at 700,000 packets/s: no overflow.
        const qint64 year = qint64(365) * 24 * 3600;
        QCOMPARE(muxer.clockAt(year * 700'000 + 350'000), year * 27'000'000 + 13'500'000);
    }
};

QTEST_GUILESS_MAIN(TestMpegTsMuxer)
#include "tst_mpegtsmuxer.moc"
