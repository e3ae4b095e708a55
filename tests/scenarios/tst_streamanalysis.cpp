// Stream analysis end to end, through the real program: numbered streams go through an
// nftables rule that drops a random share of them and counts what it dropped, and the
// monitor's `lost` must equal that count exactly. The streams are crafted here (RTP across
// the 16-bit wrap, iperf 2 across the 32-bit boundary of its 64-bit numbers) and sent by the
// real iperf 2 client. Duplicates, reordering and restarts are injected in known numbers.
#include "HostPrograms.h"
#include "StreamPackets.h"
#include "TestNetwork.h"

#include "time/WallClock.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUdpSocket>

#include <cmath>
#include <csignal>
#include <functional>

using StreamPackets::Rtp;

namespace {

constexpr auto group = "239.1.1.3";
constexpr auto table = "mcast_monitor_test";
constexpr int dropPercent = 3;
constexpr int protectedAtEachEnd = 20; // never dropped: the first and last numbers bound the count
constexpr int markerOffset = 40;       // the UDP payload byte that says "may be dropped"

// Runs a program to its end: its standard error when it fails, else nothing.
std::optional<QString> runProgram(const QString &program, const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted(5000))
        return QStringLiteral("%1 does not start").arg(program);
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000))
        return QStringLiteral("%1 does not finish").arg(program);
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
    return std::nullopt;
}

} // namespace

class TestStreamAnalysis final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_config;
    QUdpSocket m_socket;
    QElapsedTimer m_clock;

    struct Output
    {
        QJsonObject stats; // the last
        QList<QJsonObject> events;
    };

    static qint64 counter(const QString &name)
    {
        QProcess process;
        process.start(HostPrograms::path(QStringLiteral("nft")), {"-j", "list", "counter", "inet", table, name});
        if (!process.waitForFinished(10000))
            return -1;
        const QJsonArray items = QJsonDocument::fromJson(process.readAllStandardOutput()).object()["nftables"].toArray();
        for (const QJsonValue &item : items) {
            if (item.toObject().contains("counter"))
                return item.toObject()["counter"].toObject()["packets"].toInteger();
        }
        return -1;
    }

    void startMonitor(QProcess &monitor, const QList<quint16> &ports)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
        monitor.setProcessEnvironment(environment);
        QStringList arguments{"--headless", "--json", "--stats", "600"};
        for (const quint16 port : ports)
            arguments << "--group" << QStringLiteral("%1:%2@lo").arg(QLatin1String(group)).arg(port);
        monitor.start(QStringLiteral(MCAST_MONITOR_BINARY), arguments);
        QVERIFY(monitor.waitForStarted());
        QByteArray errors;
        QTRY_VERIFY_WITH_TIMEOUT((errors += monitor.readAllStandardError()).contains("Listening to"), 10000);
    }

    static Output stopMonitor(QProcess &monitor)
    {
        ::kill(pid_t(monitor.processId()), SIGTERM);
        Output output;
        if (!monitor.waitForFinished(15000))
            return output;
        for (const QByteArray &line : monitor.readAllStandardOutput().split('\n')) {
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            if (object["type"] == QLatin1String("stats"))
                output.stats = object;
            else if (object["type"] == QLatin1String("event"))
                output.events.append(object);
        }
        return output;
    }

    static QJsonObject flow(const Output &output, quint16 port, const QString &format)
    {
        for (const QJsonValue &sender : output.stats["senders"].toArray()) {
            const QJsonObject object = sender.toObject();
            if (object["port"].toInt() == port && object["format"].toString() == format)
                return object;
        }
        return {};
    }

    static qint64 eventCounts(const Output &output, quint16 port, const QString &event)
    {
        qint64 sum = 0;
        for (const QJsonObject &object : output.events) {
            if (object["port"].toInt() == port && object["event"].toString() == event)
                sum += object["count"].toInteger();
        }
        return sum;
    }

    // Paced at about 10,000 a second, so that the monitor's receive buffer never overflows;
    // each payload made as it is sent, with the time then.
    void send(int count, quint16 port, const std::function<QByteArray(int)> &payload)
    {
        for (int i = 0; i < count; ++i) {
            const QByteArray bytes = payload(i);
            QCOMPARE(m_socket.writeDatagram(bytes, QHostAddress(QLatin1String(group)), port), bytes.size());
            if (i % 20 == 19)
                QThread::msleep(2);
        }
    }

    void send(const QList<QByteArray> &payloads, quint16 port)
    {
        send(int(payloads.size()), port, [&payloads](int i) { return payloads[i]; });
    }

    static QByteArray marked(QByteArray payload, int index, int count)
    {
        const bool droppable = index >= protectedAtEachEnd && index < count - protectedAtEachEnd;
        payload[markerOffset] = droppable ? 1 : 0;
        return payload;
    }

    quint32 rtpClock8k() const { return quint32(m_clock.nsecsElapsed() / 125'000); }

private slots:
    void initTestCase()
    {
        REQUIRE_PRIVATE_NETWORK();
        if (HostPrograms::find(QStringLiteral("nft")).isEmpty()
            || HostPrograms::find(QStringLiteral("iperf")).isEmpty())
            QSKIP("needs nft and iperf (build.sh installs nftables and iperf)");
        // Inside the namespace we hold CAP_NET_ADMIN, also in a user namespace (unshare -rn);
        // the kernel needs nf_tables, which an unprivileged namespace cannot load.
        if (const auto error = runProgram(HostPrograms::path(QStringLiteral("nft")), {"list", "tables"}))
            QSKIP(qPrintable(QStringLiteral("nft does not work in this namespace: %1").arg(*error)));
        QVERIFY(m_socket.bind(QHostAddress::LocalHost, 0));
        m_socket.setMulticastInterface(TestNetwork::loopback());
        m_socket.setSocketOption(QAbstractSocket::MulticastLoopbackOption, 1);
        m_clock.start();
    }

    void cleanup()
    {
        runProgram(HostPrograms::path(QStringLiteral("nft")), {"delete", "table", "inet", table});
    }

    void lostEqualsWhatTheFirewallDropped()
    {
        const quint16 rtpPort = TestNetwork::freshPort(301);
        const quint16 iperfPort = TestNetwork::freshPort(302);
        const quint16 realIperfPort = TestNetwork::freshPort(303);
        const int realIperfDatagrams = 2000;
        const QString rules = QStringLiteral(
            "table inet %1 {\n"
            "  counter rtp { }\n  counter iperf { }\n  counter real_iperf { }\n"
            "  chain pre {\n"
            "    type filter hook prerouting priority 0; policy accept;\n"
            "    udp dport %2 @th,%5,8 1 numgen random mod 100 < %6 counter name rtp drop\n"
            "    udp dport %3 @th,%5,8 1 numgen random mod 100 < %6 counter name iperf drop\n"
            "    udp dport %4 @th,64,32 %7-%8 numgen random mod 100 < %6 counter name real_iperf drop\n"
            "  }\n}\n")
                                  .arg(QLatin1String(table))
                                  .arg(rtpPort)
                                  .arg(iperfPort)
                                  .arg(realIperfPort)
                                  .arg((8 + markerOffset) * 8)
                                  .arg(dropPercent)
                                  .arg(protectedAtEachEnd)
                                  .arg(realIperfDatagrams - protectedAtEachEnd);
        if (const auto error = runProgram(HostPrograms::path(QStringLiteral("nft")), {"-f", "-"}, rules.toUtf8()))
            QFAIL(qPrintable(*error));

        QProcess monitor;
        startMonitor(monitor, {rtpPort, iperfPort, realIperfPort});

        // RTP across the wrap of its 16-bit numbers, iperf 2 across 2^32.
        const int count = 3000;
        send(count, rtpPort, [this](int i) {
            return marked(Rtp().sequence(quint16(64000 + i)).payloadType(0).timestamp(rtpClock8k()).bytes(), i, count);
        });
        const qint64 firstIperf = 0xFFFF'FFFFLL - 1500;
        send(count, iperfPort, [firstIperf](int i) {
            return marked(StreamPackets::iperf2(firstIperf + i, WallClock::nowUs()), i, count);
        });
        // The real client: numbers 1-2000, then the final one, negative.
        if (const auto error = runProgram(HostPrograms::path(QStringLiteral("iperf")),
                                          {"-c", group, "-p", QString::number(realIperfPort), "-u", "-T", "1", "-B",
                                           "127.0.0.1", "-l", "200", "-b", "4000pps", "-n",
                                           QString::number(realIperfDatagrams * 200)}))
            QFAIL(qPrintable(*error));
        QTest::qWait(300); // the last datagrams through the monitor's batching
        const Output output = stopMonitor(monitor);
        QCOMPARE(monitor.exitCode(), 0);
        QCOMPARE(output.stats["os_drops"].toInt(), 0); // else the monitor, not the rule, lost some

        const struct
        {
            quint16 port;
            const char *counter;
        } streams[] = {{rtpPort, "rtp"}, {iperfPort, "iperf"}, {realIperfPort, "real_iperf"}};
        for (const auto &stream : streams) {
            const QString format = stream.port == rtpPort ? QStringLiteral("rtp") : QStringLiteral("iperf2");
            const QJsonObject analysed = flow(output, stream.port, format);
            const qint64 dropped = counter(QLatin1String(stream.counter));
            qInfo("%s: %lld dropped by the rule, %lld lost by the monitor, %lld received, jitter %s ms",
                  stream.counter, dropped, analysed["lost"].toInteger(), analysed["packets"].toInteger(),
                  qPrintable(QString::number(analysed["jitter_ms"].toDouble())));
            QVERIFY2(!analysed.isEmpty(), stream.counter);
            QVERIFY2(dropped > 0, stream.counter);
            QCOMPARE(analysed["lost"].toInteger(), dropped);
            QCOMPARE(analysed["duplicates"].toInt(), 0);
            QCOMPARE(analysed["reordered"].toInt(), 0);
            QCOMPARE(analysed["seq_restarts"].toInt(), 0);
            QVERIFY(analysed["jitter_ms"].isDouble());
            // Loss is said as it happens, at most once a second: never more than was lost.
            const qint64 announced = eventCounts(output, stream.port, QStringLiteral("loss"));
            QVERIFY(announced > 0 && announced <= dropped);
            if (stream.port != realIperfPort) // every datagram is in its flow, the first ones too
                QCOMPARE(analysed["packets"].toInteger() + dropped, qint64(count));
        }
        QVERIFY(flow(output, iperfPort, QStringLiteral("iperf2"))["delay_ms"].isDouble());
        for (const QJsonValue &sender : output.stats["senders"].toArray())
            QCOMPARE(sender.toObject()["format"].toString() == QLatin1String("raw"), false);
    }

    void duplicatesReorderingRestartsAndContinuity()
    {
        const quint16 rtpPort = TestNetwork::freshPort(304);
        const quint16 mcjoinPort = TestNetwork::freshPort(305);
        const quint16 tsPort = TestNetwork::freshPort(306);
        QProcess monitor;
        startMonitor(monitor, {rtpPort, mcjoinPort, tsPort});

        // 1,000 in order but for 20 sent twice and 25 pairs swapped; then the sender
        // restarts 20 numbers on from elsewhere.
        QList<QByteArray> rtp;
        int duplicates = 0;
        int swaps = 0;
        const auto packet = [](int n) { return Rtp().sequence(quint16(n)).payloadType(0).timestamp(quint32(n) * 160).bytes(); };
        for (int i = 0; i < 1000; ++i) {
            if (i % 40 == 10 && i + 1 < 1000) {
                rtp << packet(i + 1) << packet(i);
                ++swaps;
                ++i;
                continue;
            }
            rtp << packet(i);
            if (i % 50 == 25) {
                rtp << packet(i);
                ++duplicates;
            }
        }
        for (int n = 30000; n < 30020; ++n)
            rtp << Rtp().sequence(quint16(n)).payloadType(0).bytes();
        send(rtp, rtpPort);

        // mcjoin counting 0-199 with 5 missing.
        QList<QByteArray> mcjoin;
        for (quint64 n = 0; n < 200; ++n) {
            if (n < 50 || n >= 55)
                mcjoin << StreamPackets::mcjoin(4242, n);
        }
        send(mcjoin, mcjoinPort);

        // MPEG-TS in UDP, 7 packets a datagram, counters skipping once.
        QList<QByteArray> ts;
        for (int n = 0; n < 100; ++n)
            ts << StreamPackets::tsDatagram(n * 7 + (n >= 60 ? 3 : 0));
        send(ts, tsPort);

        QTest::qWait(300);
        const Output output = stopMonitor(monitor);
        QCOMPARE(monitor.exitCode(), 0);
        const QJsonObject analysed = flow(output, rtpPort, QStringLiteral("rtp"));
        QCOMPARE(analysed["packets"].toInteger(), qint64(1000 + duplicates + 20));
        QCOMPARE(analysed["duplicates"].toInt(), duplicates);
        QCOMPARE(analysed["reordered"].toInt(), swaps);
        QCOMPARE(analysed["lost"].toInt(), 0);
        QCOMPARE(analysed["seq_restarts"].toInt(), 1);
        QCOMPARE(eventCounts(output, rtpPort, QStringLiteral("restart")), qint64(1));
        QCOMPARE(eventCounts(output, rtpPort, QStringLiteral("loss")), qint64(0));

        const QJsonObject counted = flow(output, mcjoinPort, QStringLiteral("mcjoin"));
        QCOMPARE(counted["lost"].toInt(), 5);
        QCOMPARE(counted["packets"].toInt(), 195);
        QVERIFY(counted["jitter_ms"].isNull());

        const QJsonObject transport = flow(output, tsPort, QStringLiteral("mpegts"));
        QCOMPARE(transport["packets"].toInt(), 100);
        QCOMPARE(transport["cc_errors"].toInt(), 1);
        QCOMPARE(transport["pids"].toArray(), QJsonArray{0x100});
        QVERIFY(transport["lost"].isNull()); // no sequence numbers: continuity says it instead
    }

    // RTP (PT 26, JPEG video: 90 kHz) every 4 ms whose timestamps are off by up to ±2 ms, in a known
    // pattern: the monitor's RFC 3550 jitter must be the one computed here from the same
    // timestamps and the times the datagrams were sent (loopback delivers within
    // microseconds of sendto), within 10 %.
    void jitterMatchesTheDefinitionForKnownSendJitter()
    {
        const quint16 port = TestNetwork::freshPort(310);
        QProcess monitor;
        startMonitor(monitor, {port});
        constexpr int count = 300;
        constexpr qint64 stepUs = 4'000;
        QList<qint64> sentUs;
        QList<quint32> timestamps;
        const qint64 startUs = WallClock::nowUs();
        for (int i = 0; i < count; ++i) {
            while (WallClock::nowUs() < startUs + i * stepUs)
                QThread::usleep(200);
            const qint64 offsetUs = ((i * 7919) % 41 - 20) * 100; // -2 ms .. +2 ms
            const quint32 timestamp = quint32((i * stepUs + offsetUs) * 90 / 1000);
            const QByteArray bytes = Rtp().sequence(quint16(i)).payloadType(26).timestamp(timestamp).bytes();
            sentUs << WallClock::nowUs();
            timestamps << timestamp;
            QCOMPARE(m_socket.writeDatagram(bytes, QHostAddress(QLatin1String(group)), port), bytes.size());
        }
        QTest::qWait(200);
        const Output output = stopMonitor(monitor);
        QCOMPARE(monitor.exitCode(), 0);

        // RFC 3550 6.4.1: J += (|D(i-1,i)| - J) / 16, D in timestamp units.
        double reference = 0;
        for (int i = 1; i < count; ++i) {
            const double arrivalStep = double(sentUs[i] - sentUs[i - 1]) * 90 / 1000;
            const double sendStep = double(qint32(timestamps[i] - timestamps[i - 1]));
            reference += (std::abs(arrivalStep - sendStep) - reference) / 16;
        }
        const double referenceMs = reference / 90;
        const QJsonObject analysed = flow(output, port, QStringLiteral("rtp"));
        QVERIFY2(analysed["packets"].toInt() == count, QJsonDocument(output.stats["senders"].toArray()).toJson().constData());
        const double measuredMs = analysed["jitter_ms"].toDouble();
        qInfo("RFC 3550 jitter: %.3f ms measured, %.3f ms computed from the send times", measuredMs, referenceMs);
        QVERIFY(referenceMs > 0.5); // the pattern is there
        QVERIFY2(std::abs(measuredMs - referenceMs) <= 0.1 * referenceMs,
                 qPrintable(QStringLiteral("%1 vs %2 ms").arg(measuredMs).arg(referenceMs)));
    }

    // The program's own test streams (--send --format …), read back by its own analysis.
    void ourOwnStreamsArriveWhole()
    {
        const QList<std::pair<QString, quint16>> streams{{QStringLiteral("rtp"), TestNetwork::freshPort(307)},
                                                         {QStringLiteral("mpegts"), TestNetwork::freshPort(308)},
                                                         {QStringLiteral("iperf2"), TestNetwork::freshPort(309)}};
        QProcess monitor;
        startMonitor(monitor, {streams[0].second, streams[1].second, streams[2].second});
        for (const auto &[format, port] : streams) {
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
            QProcess sender;
            sender.setProcessEnvironment(environment);
            sender.start(QStringLiteral(MCAST_MONITOR_BINARY),
                         {"--send", "--format", format, "--group", QStringLiteral("%1:%2").arg(QLatin1String(group)).arg(port),
                          "--rate", "4000", "--count", "2000"});
            QVERIFY(sender.waitForFinished(20000));
            QCOMPARE(sender.exitCode(), 0);
        }
        QTest::qWait(300);
        const Output output = stopMonitor(monitor);
        QCOMPARE(monitor.exitCode(), 0);
        QCOMPARE(output.stats["os_drops"].toInt(), 0);

        const QJsonObject rtp = flow(output, streams[0].second, QStringLiteral("rtp-mpegts"));
        const QJsonObject mpegts = flow(output, streams[1].second, QStringLiteral("mpegts"));
        const QJsonObject iperf = flow(output, streams[2].second, QStringLiteral("iperf2"));
        for (const QJsonObject &stream : {rtp, mpegts, iperf})
            QCOMPARE(stream["packets"].toInt(), 2000);
        for (const QJsonObject &stream : {rtp, iperf}) {
            QCOMPARE(stream["lost"].toInt(-1), 0);
            QCOMPARE(stream["duplicates"].toInt(-1), 0);
            QCOMPARE(stream["reordered"].toInt(-1), 0);
            QCOMPARE(stream["seq_restarts"].toInt(-1), 0);
            QVERIFY(stream["jitter_ms"].isDouble());
        }
        for (const QJsonObject &stream : {rtp, mpegts}) {
            QCOMPARE(stream["cc_errors"].toInt(-1), 0);
            QVERIFY(stream["pid_count"].toInt() >= 3); // PAT, PMT, audio (the null PID is not counted)
            QCOMPARE(stream["pids"].toArray().first().toInt(-1), 0);
        }
        QVERIFY(iperf["delay_ms"].isDouble());
        for (const QJsonObject &stream : {rtp, mpegts}) // half a second: no complete MDI interval
            QVERIFY(stream["mdi_df_ms"].isNull() && stream["mdi_mlr"].isNull());
    }

    // RFC 4445 MDI of our own MPEG-TS stream, 500 datagrams a second for 2.5 s: a Delay
    // Factor of at least one datagram's time (2 ms) and no media loss.
    void mediaDeliveryIndexOfAnEvenStream()
    {
        const quint16 port = TestNetwork::freshPort(311);
        QProcess monitor;
        startMonitor(monitor, {port});
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
        QProcess sender;
        sender.setProcessEnvironment(environment);
        sender.start(QStringLiteral(MCAST_MONITOR_BINARY),
                     {"--send", "--format", "mpegts", "--group", QStringLiteral("%1:%2").arg(QLatin1String(group)).arg(port),
                      "--rate", "500", "--count", "1250"});
        QVERIFY(sender.waitForFinished(20000));
        QCOMPARE(sender.exitCode(), 0);
        const Output output = stopMonitor(monitor);
        QCOMPARE(monitor.exitCode(), 0);
        const QJsonObject stream = flow(output, port, QStringLiteral("mpegts"));
        QCOMPARE(stream["packets"].toInt(), 1250);
        qInfo("MDI %.2f:%g", stream["mdi_df_ms"].toDouble(), stream["mdi_mlr"].toDouble());
        QVERIFY(stream["mdi_df_ms"].isDouble());
        QVERIFY2(stream["mdi_df_ms"].toDouble() >= 1.9, qPrintable(QString::number(stream["mdi_df_ms"].toDouble())));
        QCOMPARE(stream["mdi_mlr"].toDouble(-1), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestStreamAnalysis)
#include "tst_streamanalysis.moc"
