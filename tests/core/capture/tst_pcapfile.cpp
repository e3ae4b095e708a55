#include "capture/PcapFile.h"

#include "PcapReader.h"
#include "TestDatagrams.h"

#include <QTemporaryDir>
#include <QTest>

namespace {

ReceivedDatagram datagram(const QByteArray &payload, qint64 arrivalUs)
{
    return TestDatagrams::datagram(IpAddress::fromIPv4(0x7f000001), 40000, arrivalUs, payload);
}

} // namespace

class TestPcapFile final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QString reason;
        if (!PcapFile::isAvailable(&reason))
            QSKIP(qPrintable(reason));
    }

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
#endif
};

QTEST_GUILESS_MAIN(TestPcapFile)
#include "tst_pcapfile.moc"
