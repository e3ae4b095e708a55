#include "TestNetwork.h"

#include <QElapsedTimer>
#include <QHash>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// The real executable sends each format (--send --format X --rate 2000 --count 2000) and a
// plain socket receives every datagram, checking the sequence each format carries.
class TestStreamSend final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_config; // keeps the user's saved settings out of the test

    static quint32 word(const QByteArray &bytes, int at)
    {
        return quint32(quint8(bytes.at(at))) << 24 | quint32(quint8(bytes.at(at + 1))) << 16
               | quint32(quint8(bytes.at(at + 2))) << 8 | quint8(bytes.at(at + 3));
    }

    // Runs the sender to its end while receiving; the payloads in arrival order.
    QByteArrayList sendAndReceive(const QStringList &arguments, quint16 port, int expected, QByteArray *standardError)
    {
        QUdpSocket receiver;
        if (!receiver.bind(QHostAddress::AnyIPv4, port, QAbstractSocket::ShareAddress | QAbstractSocket::ReuseAddressHint)
            || !receiver.joinMulticastGroup(QHostAddress(QStringLiteral("239.1.1.1")), TestNetwork::loopback()))
            return {};
        receiver.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 8 * 1024 * 1024);
        QProcess sender;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
        sender.setProcessEnvironment(environment);
        sender.start(QStringLiteral(MCAST_MONITOR_BINARY),
                     QStringList{"--send", "--port", QString::number(port)} + arguments);
        QByteArrayList payloads;
        QElapsedTimer clock;
        clock.start();
        // Read as they come (blocking): the socket's buffer need not hold them all.
        while (payloads.size() < expected && clock.elapsed() < 15'000) {
            if (!receiver.waitForReadyRead(100))
                continue;
            while (receiver.hasPendingDatagrams())
                payloads.append(receiver.receiveDatagram().data());
        }
        sender.waitForFinished(10'000);
        *standardError = sender.readAllStandardError();
        // Anything after the count would be a datagram too many.
        while (receiver.waitForReadyRead(200)) {
            while (receiver.hasPendingDatagrams())
                payloads.append(receiver.receiveDatagram().data());
        }
        return payloads;
    }

private slots:
    void init() { REQUIRE_PRIVATE_NETWORK(); }

    void rtpSequenceAndTimestampsStepByOne()
    {
        QByteArray errors;
        const QByteArrayList payloads = sendAndReceive({"--format", "rtp", "--rate", "2000", "--count", "2000"},
                                                       TestNetwork::freshPort(71), 2000, &errors);
        QCOMPARE(payloads.size(), 2000);
        QVERIFY2(errors.contains("Sent 2000 rtp datagrams in"), errors.constData());
        QVERIFY2(errors.contains(": 0 errors, 0 skipped"), errors.constData());
        const quint16 firstSequence = quint16(quint8(payloads.front().at(2)) << 8 | quint8(payloads.front().at(3)));
        const quint32 firstTimestamp = word(payloads.front(), 4);
        const quint32 ssrc = word(payloads.front(), 8);
        for (int i = 0; i < payloads.size(); ++i) {
            const QByteArray &datagram = payloads.at(i);
            QCOMPARE(datagram.size(), 1328);
            QCOMPARE(quint8(datagram.at(0)), quint8(0x80));
            QCOMPARE(quint8(datagram.at(1)), quint8(33));
            const quint16 sequence = quint16(quint8(datagram.at(2)) << 8 | quint8(datagram.at(3)));
            QCOMPARE(quint16(sequence - firstSequence), quint16(i));
            QCOMPARE(word(datagram, 4) - firstTimestamp, quint32(45 * i)); // 90 kHz / 2,000 per s
            QCOMPARE(word(datagram, 8), ssrc);
        }
    }

    void mpegTsCountersAndPacketNumbersRunOn()
    {
        QByteArray errors;
        const QByteArrayList payloads = sendAndReceive({"--format", "mpegts", "--rate", "2000", "--count", "2000"},
                                                       TestNetwork::freshPort(72), 2000, &errors);
        QCOMPARE(payloads.size(), 2000);
        QHash<int, int> continuity;
        for (int i = 0; i < payloads.size(); ++i) {
            const QByteArray &datagram = payloads.at(i);
            QCOMPARE(datagram.size(), 1316);
            for (int offset = 0; offset < datagram.size(); offset += 188) {
                QCOMPARE(quint8(datagram.at(offset)), quint8(0x47));
                const int pid = (quint8(datagram.at(offset + 1)) & 0x1F) << 8 | quint8(datagram.at(offset + 2));
                if (pid == 0x1FFF) { // our null packets carry their number
                    QCOMPARE(datagram.mid(offset + 4, 8).toHex().toLongLong(nullptr, 16), qint64(i) * 7 + offset / 188);
                    continue;
                }
                const int counter = quint8(datagram.at(offset + 3)) & 0x0F;
                if (continuity.contains(pid))
                    QCOMPARE(counter, (continuity[pid] + 1) % 16);
                continuity[pid] = counter;
            }
        }
        QCOMPARE(continuity.size(), 3);
    }

    void iperf2SequenceEndsNegated()
    {
        QByteArray errors;
        const QByteArrayList payloads = sendAndReceive({"--format", "iperf2", "--rate", "2000", "--count", "2000"},
                                                       TestNetwork::freshPort(73), 2000, &errors);
        QCOMPARE(payloads.size(), 2000);
        for (int i = 0; i < payloads.size(); ++i) {
            const QByteArray &datagram = payloads.at(i);
            QCOMPARE(datagram.size(), 1470);
            const qint64 sequence = qint64(quint64(word(datagram, 12)) << 32 | word(datagram, 0));
            QCOMPARE(sequence, i == 1999 ? qint64(-2000) : qint64(i + 1));
            QCOMPARE(word(datagram, 16), 0x08000000u);
        }
    }

    void atuStaysTheSeedsMessage()
    {
        QByteArray errors;
        const QByteArrayList payloads = sendAndReceive({"--format", "atu", "--interval", "0.001", "--count", "200"},
                                                       TestNetwork::freshPort(74), 200, &errors);
        QCOMPARE(payloads.size(), 200);
        for (const QByteArray &payload : payloads)
            QVERIFY2(payload.startsWith("ATU 20") && payload.size() >= 23, payload.constData());
        QVERIFY2(errors.contains("Sent 200 messages in"), errors.constData());
    }
};

QTEST_GUILESS_MAIN(TestStreamSend)
#include "tst_streamsend.moc"
