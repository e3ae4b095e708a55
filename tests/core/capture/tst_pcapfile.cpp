#include "capture/PcapFile.h"

#include "PcapReader.h"
#include "TestDatagrams.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

namespace {

ReceivedDatagram datagram(const QByteArray &payload, qint64 arrivalUs)
{
    return TestDatagrams::datagram(IpAddress::fromIPv4(0x7f000001), 40000, arrivalUs, payload);
}

// Little-endian bytes of one field, as the classic pcap format lays them out.
template<typename T> QByteArray littleEndian(T value)
{
    QByteArray bytes(qsizetype(sizeof(T)), Qt::Uninitialized);
    qToLittleEndian(value, bytes.data());
    return bytes;
}

// The IPv4 packet of a datagram from TestDatagrams: IPv4 header, UDP header, payload.
constexpr quint32 ipv4UdpHeaderBytes = 20 + 8;

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestPcapFile final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    // The classic format, little-endian as written on these machines, byte for byte.
    void writesTheGlobalHeaderAndOneRecordPerDatagram()
    {
        const QString path = m_dir.filePath(QStringLiteral("two.pcap"));
        PcapFile file;
        QVERIFY2(file.open(path), qPrintable(file.errorString()));
        file.write(datagram("first", 1'700'000'000'000'001));
        file.write(datagram(QByteArray("\0\xff second", 9), 1'700'000'001'999'999));
        QCOMPARE(file.recordCount(), 2);
        QVERIFY(file.close());

        QFile written(path);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray bytes = written.readAll();
        QCOMPARE(bytes.left(24), QByteArray::fromHex("d4c3b2a1" "0200" "0400" // magic (µs), version 2.4
                                                     "00000000" "00000000"     // zone, accuracy
                                                     "00000400"                // snap length 262144
                                                     "65000000"));             // LINKTYPE_RAW (101)
        // Record header: seconds, microseconds, captured and original length (20 + 8 + 5).
        QCOMPARE(bytes.mid(24, 16), QByteArray::fromHex("00f15365" "01000000" "21000000" "21000000"));
        QCOMPARE(bytes.mid(40, 1), QByteArray::fromHex("45"));
        QCOMPARE(bytes.mid(40 + 28, 5), QByteArray("first"));

        const PcapReader::Capture capture = PcapReader::parse(bytes);
        QVERIFY(capture.whole);
        QCOMPARE(capture.records.size(), 2);
        QCOMPARE(capture.records[1].seconds, 1'700'000'001u);
        QCOMPARE(capture.records[1].micros, 999'999u);
        QCOMPARE(capture.records[1].capturedLength, 20u + 8u + 9u);
        QCOMPARE(capture.records[1].originalLength, capture.records[1].capturedLength);
        const auto udp = PcapReader::udpOf(capture.records[1].packet);
        QVERIFY(udp);
        QCOMPARE(udp->source, QHostAddress(QStringLiteral("127.0.0.1")));
        QCOMPARE(udp->destination, QHostAddress(QStringLiteral("239.1.1.1")));
        QCOMPARE(udp->sourcePort, quint16(40000));
        QCOMPARE(udp->destinationPort, TestDatagrams::port);
        QCOMPARE(udp->udpLength, quint16(8 + 9));
        QCOMPARE(udp->hops, 1);
        QCOMPARE(udp->payload, QByteArray("\0\xff second", 9));
    }

    // The same bytes again, each field made from the format's description (the pcap file
    // format, draft-ietf-opsawg-pcap) rather than from the writer's constants.
    void theHeadersAreTheClassicFormat_data()
    {
        QTest::addColumn<qint64>("arrivalUs");
        QTest::addColumn<quint32>("seconds");
        QTest::addColumn<quint32>("micros");
        QTest::newRow("epoch") << qint64(0) << 0u << 0u;
        QTest::newRow("a second and a bit") << qint64(1'000'001) << 1u << 1u;
        QTest::newRow("2023") << qint64(1'700'000'000'654'321) << 1'700'000'000u << 654'321u;
        QTest::newRow("last 32-bit second")
            << qint64(4'294'967'295'999'999) << 4'294'967'295u << 999'999u;
        // Before the epoch the seconds round down, so that the microseconds stay positive;
        // the seconds are the 32-bit two's complement of -2.
        QTest::newRow("1.5 s before the epoch") << qint64(-1'500'000) << quint32(-2) << 500'000u;
        QTest::newRow("1 us before the epoch") << qint64(-1) << quint32(-1) << 999'999u;
    }

    void theHeadersAreTheClassicFormat()
    {
        QFETCH(qint64, arrivalUs);
        QFETCH(quint32, seconds);
        QFETCH(quint32, micros);
        const QByteArray payload("spec");
        const QString path = m_dir.filePath(QStringLiteral("spec.pcap"));
        PcapFile file;
        QVERIFY2(file.open(path), qPrintable(file.errorString()));
        file.write(datagram(payload, arrivalUs));
        QVERIFY(file.close());

        const QByteArray globalHeader = littleEndian(quint32(0xa1b2c3d4)) // magic: microseconds
                                        + littleEndian(quint16(2))        // version 2.4
                                        + littleEndian(quint16(4))
                                        + littleEndian(qint32(0))       // thiszone: UTC
                                        + littleEndian(quint32(0))      // sigfigs
                                        + littleEndian(quint32(262144)) // snaplen
                                        + littleEndian(quint32(101));   // LINKTYPE_RAW
        const quint32 length = ipv4UdpHeaderBytes + quint32(payload.size());
        const QByteArray recordHeader = littleEndian(seconds) + littleEndian(micros)
                                        + littleEndian(length)  // incl_len
                                        + littleEndian(length); // orig_len
        const QByteArray bytes = contents(path);
        QCOMPARE(bytes.size(), 24 + 16 + qsizetype(length));
        QCOMPARE(bytes.left(24).toHex(), globalHeader.toHex());
        QCOMPARE(bytes.mid(24, 16).toHex(), recordHeader.toHex());
        QCOMPARE(bytes.right(payload.size()), payload);
    }

    // Records are gathered and handed to the system a buffer at a time: nothing before the
    // buffer fills, never more than a buffer behind, and every byte in the end.
    void manyRecordsAreBufferedAndAllWritten()
    {
        const QString path = m_dir.filePath(QStringLiteral("many.pcap"));
        PcapFile file;
        QVERIFY(file.open(path));
        file.write(datagram("first", 1));
        QCOMPARE(QFileInfo(path).size(), 0); // even the file header waits in the buffer
        qint64 expected = 24 + 16 + ipv4UdpHeaderBytes + 5;

        constexpr int records = 20000;
        for (int i = 0; i < records; ++i) {
            const QByteArray payload(i % 1400, char(i));
            file.write(datagram(payload, qint64(i) * 1000));
            expected += 16 + ipv4UdpHeaderBytes + payload.size();
            const qint64 onDisk = QFileInfo(path).size();
            const QString state =
                QStringLiteral("%1 of %2 bytes on disk").arg(onDisk).arg(expected);
            QVERIFY2(onDisk <= expected && expected - onDisk <= PcapFile::bufferBytes,
                     qPrintable(state));
        }
        QVERIFY(!file.hasFailed());
        QCOMPARE(file.recordCount(), records + 1);
        QVERIFY(file.close());

        QCOMPARE(QFileInfo(path).size(), expected);
        const auto capture = PcapReader::read(path);
        QVERIFY(capture.whole);
        QCOMPARE(capture.records.size(), records + 1);
        QCOMPARE(capture.records.last().seconds, quint32((records - 1) / 1000));
        QCOMPARE(PcapReader::udpOf(capture.records.last().packet)->payload,
                 QByteArray((records - 1) % 1400, char(records - 1)));
    }

    // A file opened again starts over: truncated, counted from zero.
    void openingAgainTruncates()
    {
        const QString path = m_dir.filePath(QStringLiteral("again.pcap"));
        PcapFile file;
        QVERIFY(file.open(path));
        file.write(datagram("one", 1));
        file.write(datagram("two", 2));
        QVERIFY(file.open(path));
        QCOMPARE(file.recordCount(), 0);
        file.write(datagram("three", 3));
        QVERIFY(file.close());
        const auto capture = PcapReader::read(path);
        QVERIFY(capture.whole);
        QCOMPARE(capture.records.size(), 1);
        QCOMPARE(PcapReader::udpOf(capture.records[0].packet)->payload, QByteArray("three"));
    }

    void ipv4AndIpv6InOneFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("mixed.pcap"));
        ReceivedDatagram six = datagram("six", 1'000'000);
        six.source = *IpAddress::parse(QStringLiteral("2001:db8::1"));
        six.destination = *IpAddress::parse(QStringLiteral("ff15::99"));
        six.ttl = 5;
        PcapFile file;
        QVERIFY(file.open(path));
        file.write(datagram("four", 1'000'000));
        file.write(six);
        QVERIFY(file.close());

        const auto capture = PcapReader::read(path);
        QCOMPARE(capture.records.size(), 2);
        QCOMPARE(capture.records[1].capturedLength, 40u + 8u + 3u);
        const auto udp = PcapReader::udpOf(capture.records[1].packet);
        QVERIFY(udp);
        QCOMPARE(udp->source, QHostAddress(QStringLiteral("2001:db8::1")));
        QCOMPARE(udp->destination, QHostAddress(QStringLiteral("ff15::99")));
        QCOMPARE(udp->hops, 5);
        QCOMPARE(udp->payload, QByteArray("six"));
    }

    void anEmptyCaptureIsAValidFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("empty.pcap"));
        PcapFile file;
        QVERIFY(file.open(path));
        QVERIFY(file.close());
        const auto capture = PcapReader::read(path);
        QVERIFY(capture.whole);
        QCOMPARE(capture.header.linkType, 101u);
        QCOMPARE(capture.records.size(), 0);
    }

    void aFolderThatIsNotThereIsAnError()
    {
        PcapFile file;
        QVERIFY(!file.open(m_dir.filePath(QStringLiteral("missing/x.pcap"))));
        QVERIFY(file.hasFailed());
        QVERIFY2(file.errorString().contains(QStringLiteral("No such file")), qPrintable(file.errorString()));
    }

    void aFolderIsNotAFile()
    {
        PcapFile file;
        QVERIFY(!file.open(m_dir.path()));
        QVERIFY(file.hasFailed());
        QVERIFY(!file.isOpen());
        QVERIFY(!file.errorString().isEmpty());
        QVERIFY(!file.close());
    }

#ifdef Q_OS_LINUX
    // The header is buffered; the disk's refusal comes with the first flush.
    void aFullDiskFailsTheFlushAndKeepsTheReason()
    {
        PcapFile file;
        QVERIFY(file.open(QStringLiteral("/dev/full")));
        file.write(datagram("lost", 1));
        QVERIFY(!file.flush());
        QVERIFY(file.hasFailed());
        QVERIFY2(file.errorString().contains(QStringLiteral("No space left")), qPrintable(file.errorString()));
        QVERIFY(!file.close());
    }

    // Without a flush, the disk says no once the buffer is full; the record that found out
    // and every later one are not counted.
    void aFullDiskFailsTheWriteThatFillsTheBuffer()
    {
        PcapFile file;
        QVERIFY(file.open(QStringLiteral("/dev/full")));
        const QByteArray payload(1000, 'f');
        const qsizetype recordBytes = 16 + ipv4UdpHeaderBytes + payload.size();
        const qsizetype fitting = (PcapFile::bufferBytes - 24) / recordBytes;
        for (qsizetype i = 0; i < fitting; ++i)
            file.write(datagram(payload, i));
        QVERIFY(!file.hasFailed());
        QCOMPARE(file.recordCount(), fitting);
        file.write(datagram(payload, fitting));
        QVERIFY(file.hasFailed());
        QVERIFY2(file.errorString().contains(QStringLiteral("No space left")),
                 qPrintable(file.errorString()));
        file.write(datagram(payload, fitting + 1));
        QCOMPARE(file.recordCount(), fitting);
        QVERIFY(!file.flush());
        QVERIFY(!file.close());
    }
#endif
};

QTEST_GUILESS_MAIN(TestPcapFile)
#include "tst_pcapfile.moc"
