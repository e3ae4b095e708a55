#include "HostPrograms.h"
#include "PcapReader.h"
#include "TestNetwork.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

// headless --pcap through the real program: datagrams sent on loopback (and over a veth pair
// for IPv6) are read back from the capture by Wireshark's tshark and by a reader of our own,
// and must be what was sent, byte for byte.
class TestPcapCapture final : public QObject
{
    Q_OBJECT

private:
    // A group of these tests' own: another test that floods 239.1.1.1 on the same port
    // (ports are per process, and may meet) reaches neither them nor us.
    static constexpr const char *group = "239.1.60.1";

    QTemporaryDir m_dir;

    void prepare(QProcess &process, const QStringList &arguments)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        process.setProcessEnvironment(environment);
        process.setProgram(QStringLiteral(MCAST_MONITOR_BINARY));
        process.setArguments(arguments);
    }

    void startListening(QProcess &listener, const QStringList &arguments)
    {
        prepare(listener, arguments);
        listener.start();
        QVERIFY(listener.waitForStarted());
        QByteArray errors;
        QTRY_VERIFY_WITH_TIMEOUT((errors += listener.readAllStandardError()).contains("Listening to"), 5000);
    }

    // One row per record: the fields asked for, as tshark prints them. Checksums are
    // verified (status 1 is "Good").
    static QList<QStringList> tsharkFields(const QString &path, const QStringList &fields)
    {
        QStringList arguments{QStringLiteral("-n"), QStringLiteral("-r"), path,
                              QStringLiteral("-o"), QStringLiteral("ip.check_checksum:TRUE"),
                              QStringLiteral("-o"), QStringLiteral("udp.check_checksum:TRUE"),
                              QStringLiteral("-T"), QStringLiteral("fields"),
                              QStringLiteral("-E"), QStringLiteral("separator=/t")};
        for (const QString &field : fields)
            arguments << QStringLiteral("-e") << field;
        QProcess tshark;
        tshark.start(HostPrograms::path(QStringLiteral("tshark")), arguments);
        if (!tshark.waitForFinished(30000) || tshark.exitCode() != 0) {
            qWarning("tshark: %s", tshark.readAllStandardError().constData());
            return {};
        }
        QList<QStringList> rows;
        for (const QByteArray &line : tshark.readAllStandardOutput().split('\n')) {
            if (!line.isEmpty())
                rows.append(QString::fromUtf8(line).split(QLatin1Char('\t')));
        }
        return rows;
    }

    static bool haveTshark() { return !HostPrograms::find(QStringLiteral("tshark")).isEmpty(); }

    // The datagram lines of a --json run.
    static QList<QJsonObject> datagramLines(const QByteArray &output)
    {
        QList<QJsonObject> lines;
        for (const QByteArray &line : output.split('\n')) {
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            if (object[QStringLiteral("type")] == QStringLiteral("datagram"))
                lines.append(object);
        }
        return lines;
    }

    static QList<QByteArray> payloads()
    {
        QByteArray everyByte;
        for (int byte = 0; byte < 256; ++byte)
            everyByte.append(char(byte));
        return {QByteArray("ATU 2026-01-01 00:00:00.000001"), everyByte, QByteArray("\0\0\0", 3),
                QByteArray(1400, '\xa5'), QByteArray("x"), QByteArray("=cmd|' /C calc'!A0\r\n")};
    }

private slots:
    void init()
    {
        REQUIRE_PRIVATE_NETWORK();
        QVERIFY(m_dir.isValid());
    }

    // --count N: exactly the N datagrams printed, each as it was sent, from two hosts.
    void everyDatagramIsCapturedByteExact()
    {
        QVERIFY(TestNetwork::run(QStringLiteral("ip"), {"addr", "replace", "127.0.0.2/8", "dev", "lo"}));
        const quint16 port = TestNetwork::freshPort(60);
        const QString path = m_dir.filePath(QStringLiteral("count.pcap"));
        const QList<QByteArray> sent = payloads();
        QProcess listener;
        startListening(listener, {"--headless", "--json", "--count", QString::number(sent.size()), "--group",
                                  QString::fromLatin1(group), "--port",
                                  QString::number(port), "--pcap", path});
        for (int i = 0; i < sent.size(); ++i)
            QVERIFY(TestNetwork::sendFrom(i % 2 ? QStringLiteral("127.0.0.2") : QStringLiteral("127.0.0.1"),
                                          QString::fromLatin1(group), port, sent[i], 3));
        // One more that --count does not take: it may arrive in the same batch.
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QString::fromLatin1(group), port, "extra"));
        QVERIFY(listener.waitForFinished(10000));
        QCOMPARE(listener.exitCode(), 0);
        const QList<QJsonObject> printed = datagramLines(listener.readAllStandardOutput());
        QCOMPARE(printed.size(), sent.size());

        const auto capture = PcapReader::read(path);
        QVERIFY(capture.whole);
        QCOMPARE(capture.header.linkType, 101u);
        QCOMPARE(capture.records.size(), sent.size());
        for (int i = 0; i < sent.size(); ++i) {
            const auto udp = PcapReader::udpOf(capture.records[i].packet);
            QVERIFY(udp);
            QCOMPARE(udp->payload, sent[i]);
            QCOMPARE(udp->sourcePort, quint16(printed[i][QStringLiteral("source_port")].toInt()));
        }

        if (!haveTshark())
            QSKIP("tshark is not installed (build.sh installs it): checked with our own reader only");
        const QList<QStringList> rows = tsharkFields(
            path, {"ip.src", "ip.dst", "ip.ttl", "udp.srcport", "udp.dstport", "udp.length",
                   "ip.checksum.status", "udp.checksum.status", "udp.payload", "frame.time_epoch"});
        QCOMPARE(rows.size(), sent.size());
        for (int i = 0; i < sent.size(); ++i) {
            const QStringList &row = rows[i];
            QCOMPARE(row.size(), 10);
            QCOMPARE(row[0], i % 2 ? QStringLiteral("127.0.0.2") : QStringLiteral("127.0.0.1"));
            QCOMPARE(row[0], printed[i][QStringLiteral("source")].toString());
            QCOMPARE(row[1], QString::fromLatin1(group));
            QCOMPARE(row[2], QStringLiteral("3"));
            QCOMPARE(row[3], QString::number(printed[i][QStringLiteral("source_port")].toInt()));
            QCOMPARE(row[4], QString::number(port));
            QCOMPARE(row[5], QString::number(8 + sent[i].size()));
            QCOMPARE(row[6], QStringLiteral("1"));
            QCOMPARE(row[7], QStringLiteral("1"));
            QCOMPARE(QByteArray::fromHex(row[8].toLatin1()), sent[i]);
            QCOMPARE(row[8].toLatin1(), printed[i][QStringLiteral("payload_hex")].toString().toLatin1());
            // The kernel's arrival time, as the JSON line has it to the millisecond.
            const double epoch = row[9].toDouble();
            QVERIFY2(epoch > 1.6e9, qPrintable(row[9]));
        }
    }

    // A run ended by SIGTERM has written every datagram it printed, also those of a burst
    // still queued when the signal came; the file is readable while the run goes on,
    // flushed batch by batch.
    void aTerminatedRunLeavesAWholeCapture()
    {
        const quint16 port = TestNetwork::freshPort(61);
        const QString path = m_dir.filePath(QStringLiteral("terminated.pcap"));
        QProcess listener;
        startListening(listener, {"--headless", "--json", "--group", QString::fromLatin1(group), "--port",
                                  QString::number(port), "--pcap", path});
        constexpr int first = 25;
        for (int i = 0; i < first; ++i)
            QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QString::fromLatin1(group), port,
                                          QByteArray::number(i)));
        QTRY_COMPARE_WITH_TIMEOUT(PcapReader::read(path).records.size(), first, 5000);
        QVERIFY(PcapReader::read(path).whole);

        QUdpSocket burst;
        QVERIFY(burst.bind(QHostAddress(QStringLiteral("127.0.0.1")), 0));
        for (int i = first; i < first + 3000; ++i)
            burst.writeDatagram(QByteArray::number(i).leftJustified(200, '.'), QHostAddress(QString::fromLatin1(group)),
                                port);
        QCOMPARE(::kill(pid_t(listener.processId()), SIGTERM), 0);
        QVERIFY(listener.waitForFinished(10000));
        QCOMPARE(listener.exitStatus(), QProcess::NormalExit);
        QCOMPARE(listener.exitCode(), 0);
        const QList<QJsonObject> printed = datagramLines(listener.readAllStandardOutput());
        QVERIFY(printed.size() >= first);

        const auto capture = PcapReader::read(path);
        QVERIFY(capture.whole);
        QCOMPARE(capture.records.size(), printed.size());
        for (int i = 0; i < printed.size(); ++i) {
            const auto udp = PcapReader::udpOf(capture.records[i].packet);
            QVERIFY(udp);
            QCOMPARE(udp->payload.toHex(), printed[i][QStringLiteral("payload_hex")].toString().toLatin1());
        }

        if (!haveTshark())
            QSKIP("tshark is not installed (build.sh installs it)");
        const QList<QStringList> rows = tsharkFields(path, {"udp.payload"});
        QCOMPARE(rows.size(), printed.size());
        for (int i = 0; i < first; ++i)
            QCOMPARE(QByteArray::fromHex(rows[i].value(0).toLatin1()), QByteArray::number(i));
    }

    void aRunEndedByItsDurationHasWrittenEverything()
    {
        const quint16 port = TestNetwork::freshPort(65);
        const QString path = m_dir.filePath(QStringLiteral("duration.pcap"));
        QProcess listener;
        startListening(listener, {"--headless", "--duration", "1", "--group", QString::fromLatin1(group), "--port",
                                  QString::number(port), "--pcap", path});
        for (int i = 0; i < 3; ++i)
            QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QString::fromLatin1(group), port,
                                          QByteArray::number(i)));
        QVERIFY(listener.waitForFinished(10000));
        QCOMPARE(listener.exitCode(), 0);
        const auto capture = PcapReader::read(path);
        QVERIFY(capture.whole);
        QCOMPARE(capture.records.size(), 3);
        QCOMPARE(PcapReader::udpOf(capture.records[2].packet)->payload, QByteArray("2"));
    }

    void anIPv6GroupIsCapturedAsIPv6()
    {
        const bool made = TestNetwork::ip(QStringLiteral("link add mcP0 type veth peer name mcP1"))
                          && TestNetwork::ip(QStringLiteral("-6 addr add 2001:db8:60::1/64 dev mcP0 nodad"))
                          && TestNetwork::ip(QStringLiteral("link set mcP0 up multicast on"))
                          && TestNetwork::ip(QStringLiteral("link set mcP1 up multicast on"));
        const auto removeLink = qScopeGuard([] { TestNetwork::ip(QStringLiteral("link del mcP0")); });
        if (!made)
            QSKIP("cannot create veth interfaces in this namespace (needs CAP_NET_ADMIN)");
        QTRY_VERIFY_WITH_TIMEOUT(QNetworkInterface::interfaceFromName(QStringLiteral("mcP1"))
                                     .flags()
                                     .testFlag(QNetworkInterface::IsRunning),
                                 5000);
        const quint16 port = TestNetwork::freshPort(62);
        const QString path = m_dir.filePath(QStringLiteral("six.pcap"));
        QProcess listener;
        startListening(listener, {"--headless", "--count", "1", "--group",
                                  QStringLiteral("[ff15::60]:%1@mcP1").arg(port), "--pcap", path});
        QUdpSocket socket;
        QVERIFY(socket.bind(QHostAddress(QStringLiteral("2001:db8:60::1")), 0));
        socket.setMulticastInterface(QNetworkInterface::interfaceFromName(QStringLiteral("mcP0")));
        socket.setSocketOption(QAbstractSocket::MulticastTtlOption, 4);
        const QByteArray payload("over IPv6\n");
        // The link may still be settling (duplicate address detection is off, carrier is not).
        QTRY_VERIFY_WITH_TIMEOUT(
            (socket.writeDatagram(payload, QHostAddress(QStringLiteral("ff15::60")), port),
             listener.state() == QProcess::NotRunning),
            5000);
        QCOMPARE(listener.exitCode(), 0);

        const auto capture = PcapReader::read(path);
        QCOMPARE(capture.records.size(), 1);
        const auto udp = PcapReader::udpOf(capture.records[0].packet);
        QVERIFY(udp);
        QCOMPARE(udp->source, QHostAddress(QStringLiteral("2001:db8:60::1")));
        QCOMPARE(udp->destination, QHostAddress(QStringLiteral("ff15::60")));
        QCOMPARE(udp->hops, 4);
        QCOMPARE(udp->payload, payload);

        if (!haveTshark())
            QSKIP("tshark is not installed (build.sh installs it)");
        const QList<QStringList> rows = tsharkFields(
            path, {"ipv6.src", "ipv6.dst", "ipv6.hlim", "udp.dstport", "udp.checksum.status", "udp.payload"});
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0], (QStringList{QStringLiteral("2001:db8:60::1"), QStringLiteral("ff15::60"),
                                       QStringLiteral("4"), QString::number(port), QStringLiteral("1"),
                                       QString::fromLatin1(payload.toHex())}));
    }

    // Like standard output: a capture that cannot be written is one line on stderr and exit
    // code 74, before anything is joined.
    void aCaptureThatCannotBeCreatedExits74_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing folder") << m_dir.filePath(QStringLiteral("missing/x.pcap"))
                                        << QStringLiteral("No such file or directory");
        QTest::newRow("full disk") << QStringLiteral("/dev/full") << QStringLiteral("No space left on device");
    }

    void aCaptureThatCannotBeCreatedExits74()
    {
        QFETCH(QString, path);
        QFETCH(QString, reason);
        QProcess process;
        prepare(process, {"--headless", "--port", QString::number(TestNetwork::freshPort(63)), "--pcap", path});
        process.start();
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 74);
        const QString errors = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(errors, QStringLiteral("mcast-monitor: cannot write capture file %1: %2\n").arg(path, reason));
    }

    // The file stops growing mid-run (a file-size limit; a full disk alike): the run ends at
    // once with 74 and says why.
    void aCaptureThatStopsGrowingEndsTheRunWith74()
    {
        const quint16 port = TestNetwork::freshPort(64);
        const QString path = m_dir.filePath(QStringLiteral("limited.pcap"));
        QProcess listener;
        listener.setProgram(QStringLiteral("bash"));
        // SIGXFSZ ignored, so that the write fails with EFBIG instead of killing the run.
        listener.setArguments({QStringLiteral("-c"),
                               QStringLiteral("trap '' XFSZ; ulimit -f 4; exec \"$0\" \"$@\""),
                               QStringLiteral(MCAST_MONITOR_BINARY), QStringLiteral("--headless"),
                               QStringLiteral("--group"), QString::fromLatin1(group),
                               QStringLiteral("--port"), QString::number(port), QStringLiteral("--pcap"), path});
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        listener.setProcessEnvironment(environment);
        listener.start();
        QByteArray errors;
        QTRY_VERIFY_WITH_TIMEOUT((errors += listener.readAllStandardError()).contains("Listening to"), 5000);
        for (int i = 0; i < 10 && listener.state() == QProcess::Running; ++i) {
            QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QString::fromLatin1(group), port,
                                          QByteArray(1000, 'z')));
            QTest::qWait(20);
        }
        QTRY_COMPARE_WITH_TIMEOUT(listener.state(), QProcess::NotRunning, 10000);
        QCOMPARE(listener.exitCode(), 74);
        errors += listener.readAllStandardError();
        QVERIFY2(errors.endsWith(QStringLiteral("mcast-monitor: cannot write capture file %1: File too large\n")
                                     .arg(path)
                                     .toUtf8()),
                 errors.constData());
        QCOMPARE(errors.count("cannot write capture"), 1);
    }
};

QTEST_GUILESS_MAIN(TestPcapCapture)
#include "tst_pcapcapture.moc"
