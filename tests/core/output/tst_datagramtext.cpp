// Times on every output come from the one local-time conversion: the JSON time, the
// console line, the tables' clock times and the ATU decoder agree to the second, whatever
// the zone's offset.
#include "decoders/AtuMessage.h"
#include "output/DatagramText.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <ctime>

namespace {

void useZone(const char *zone)
{
    qputenv("TZ", zone);
    tzset();
}

ReceivedDatagram heartbeatAt(qint64 arrivalUs, const QByteArray &payload)
{
    ReceivedDatagram datagram;
    datagram.arrivalUs = arrivalUs;
    datagram.source = IpAddress::fromIPv4(0x7f000001);
    datagram.destination = IpAddress::fromIPv4(0xef010101);
    datagram.destinationPort = 5001;
    datagram.payload = payload;
    if (const auto decoded = AtuMessage::parse(payload, QStringLiteral("ATU")))
        datagram.atuTimeUs = decoded->timeUs;
    return datagram;
}

QJsonObject jsonOf(const ReceivedDatagram &datagram)
{
    return QJsonDocument::fromJson(DatagramText::jsonLine(datagram)).object();
}

} // namespace

class TestDatagramText final : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { useZone("UTC0"); }

    void writesOffsetsWithSecondsWhenTheZoneHasThem()
    {
        useZone("ABC-00:00:30"); // 30 s east of UTC
        QCOMPARE(DatagramText::isoTime(0), QStringLiteral("1970-01-01T00:00:30.000+00:00:30"));
        QCOMPARE(DatagramText::isoTimeUs(1), QStringLiteral("1970-01-01T00:00:30.000001+00:00:30"));
        QCOMPARE(DatagramText::clockTime(0), QStringLiteral("00:00:30.000"));
        QCOMPARE(DatagramText::clockTime(999'999, DatagramText::ClockPrecision::Seconds), QStringLiteral("00:00:30"));

        // A heartbeat sent and received at the same instant: its time and its ATU time read
        // the same, and the offset between them is zero.
        const qint64 sentUs = 1'764'504'000'123'456; // 2025-11-30 12:00:00.123456 UTC
        const ReceivedDatagram datagram = heartbeatAt(sentUs, AtuMessage::compose(QStringLiteral("ATU"), sentUs));
        QCOMPARE(datagram.payload, QByteArray("ATU 2025-11-30 12:00:30.123456"));
        const QJsonObject json = jsonOf(datagram);
        QCOMPARE(json["time"].toString(), QStringLiteral("2025-11-30T12:00:30.123+00:00:30"));
        QCOMPARE(json["atu_time"].toString(), QStringLiteral("2025-11-30T12:00:30.123456+00:00:30"));
        QCOMPARE(json["atu_offset_ms"].toDouble(), 0.0);
        QVERIFY(DatagramText::consoleLine(datagram).startsWith("2025-11-30T12:00:30.123+00:00:30 127.0.0.1:"));
    }

    void followsDaylightSavingTime()
    {
        useZone("CET-1CEST,M3.5.0,M10.5.0/3"); // Berlin's rules
        const qint64 winter = qint64(1'764'504'000) * 1'000'000; // 2025-11-30 12:00 UTC
        const qint64 summer = qint64(1'751'284'800) * 1'000'000; // 2025-06-30 12:00 UTC
        QCOMPARE(DatagramText::isoTime(winter), QStringLiteral("2025-11-30T13:00:00.000+01:00"));
        QCOMPARE(DatagramText::isoTime(summer), QStringLiteral("2025-06-30T14:00:00.000+02:00"));
    }

    void writesTimesBeforeTheEpoch()
    {
        useZone("UTC0");
        QCOMPARE(DatagramText::isoTimeUs(-1), QStringLiteral("1969-12-31T23:59:59.999999+00:00"));
        QCOMPARE(DatagramText::isoTime(-1), QStringLiteral("1969-12-31T23:59:59.999+00:00"));
        useZone("XYZ+03:30"); // west of UTC
        QCOMPARE(DatagramText::isoTime(0), QStringLiteral("1969-12-31T20:30:00.000-03:30"));
    }

    void keepsLocalMeanTime()
    {
        if (!QFile::exists(QStringLiteral("/usr/share/zoneinfo/Europe/Berlin")))
            QSKIP("tzdata is not installed (build.sh installs it)");
        useZone("Europe/Berlin");
        // Before 1893 Berlin kept local mean time, +0:53:28: an ATU time then is written
        // back with that offset, not 28 s off it.
        const qint64 noonUtcUs = qint64(-5364619200) * 1'000'000;
        const ReceivedDatagram datagram = heartbeatAt(noonUtcUs, "ATU 1800-01-01 12:53:28");
        QCOMPARE(jsonOf(datagram)["atu_time"].toString(), QStringLiteral("1800-01-01T12:53:28.000000+00:53:28"));
        QCOMPARE(jsonOf(datagram)["time"].toString(), QStringLiteral("1800-01-01T12:53:28.000+00:53:28"));
        QCOMPARE(jsonOf(datagram)["atu_offset_ms"].toDouble(), 0.0);
    }

    void namesTheFormatAndTheSequenceNumber()
    {
        ReceivedDatagram datagram = heartbeatAt(0, QByteArray("\x80\x21\x00\x11", 4));
        QCOMPARE(jsonOf(datagram)["format"].toString(), QStringLiteral("raw"));
        QVERIFY(jsonOf(datagram)["seq"].isNull());
        QVERIFY(DatagramText::consoleLine(datagram).contains(" 4 bytes \\x")); // no format named

        datagram.format = PayloadFormat::RtpMpegTs;
        datagram.stream.sequence = 65535;
        datagram.stream.sequenceBits = 16;
        QCOMPARE(jsonOf(datagram)["format"].toString(), QStringLiteral("rtp-mpegts"));
        QCOMPARE(jsonOf(datagram)["seq"].toInt(), 65535);
        QVERIFY(DatagramText::consoleLine(datagram).contains(" 4 bytes (rtp-mpegts seq 65535) "));

        // iperf 2's final datagram, as iperf writes it: negative.
        datagram.format = PayloadFormat::Iperf2;
        datagram.stream.sequence = 101;
        datagram.stream.sequenceBits = 64;
        datagram.stream.endOfStream = true;
        QCOMPARE(jsonOf(datagram)["seq"].toInt(), -101);

        datagram.format = PayloadFormat::MpegTs;
        datagram.stream = {};
        QVERIFY(jsonOf(datagram)["seq"].isNull());
        QVERIFY(DatagramText::consoleLine(datagram).contains(" 4 bytes (mpegts) "));
    }
};

QTEST_GUILESS_MAIN(TestDatagramText)
#include "tst_datagramtext.moc"
