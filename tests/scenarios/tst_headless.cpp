#include "net/MulticastReceiver.h"

#include "TestNetwork.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

// Runs the real executable: --send in one process, --headless in another.
class TestHeadless final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_config; // keeps the user's saved settings out of the test

    void prepare(QProcess &process)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
        process.setProcessEnvironment(environment);
        process.setProgram(QStringLiteral(MCAST_MONITOR_BINARY));
    }

    void startListening(QProcess &listener, const QStringList &arguments)
    {
        prepare(listener);
        listener.setArguments(arguments);
        listener.start();
        QVERIFY(listener.waitForStarted());
        QByteArray errors;
        QTRY_VERIFY_WITH_TIMEOUT((errors += listener.readAllStandardError()).contains("Listening to"), 5000);
    }

    QByteArray runToEnd(const QStringList &arguments, int expectedExitCode, QByteArray *stderrText = nullptr)
    {
        QProcess process;
        prepare(process);
        process.setArguments(arguments);
        process.start();
        if (!process.waitForFinished(10000))
            return "did not finish";
        if (stderrText)
            *stderrText = process.readAllStandardError();
        if (process.exitCode() != expectedExitCode)
            return "exit code " + QByteArray::number(process.exitCode());
        return process.readAllStandardOutput();
    }

    // The lines of a --json run by type; anything that is not a stats or event object
    // (a datagram line, a broken line) lands in `others`.
    struct JsonOutput
    {
        QList<QJsonObject> stats;
        QList<QJsonObject> events;
        QByteArrayList others;

        QStringList eventNames() const
        {
            QStringList names;
            for (const QJsonObject &event : events)
                names.append(event["event"].toString());
            return names;
        }
    };

    static JsonOutput jsonOutput(const QByteArray &output)
    {
        JsonOutput lines;
        for (const QByteArray &line : output.trimmed().split('\n')) {
            QJsonParseError error;
            const QJsonObject object = QJsonDocument::fromJson(line, &error).object();
            const QString type = object["type"].toString();
            if (error.error == QJsonParseError::NoError && type == "stats")
                lines.stats.append(object);
            else if (error.error == QJsonParseError::NoError && type == "event")
                lines.events.append(object);
            else
                lines.others.append(line);
        }
        return lines;
    }

private slots:
    void init() { REQUIRE_PRIVATE_NETWORK(); }

    void sendIsReceivedAsJson()
    {
        const QString port = QString::number(TestNetwork::freshPort(21));
        QProcess listener;
        startListening(listener, {"--headless", "--json", "--count", "3", "--port", port});

        const QByteArray sent = runToEnd({"--send", "--count", "3", "--interval", "0.1", "--port", port}, 0);
        const QList<QByteArray> sentLines = sent.trimmed().split('\n');
        QCOMPARE(sentLines.size(), 3);
        const QRegularExpression sentLine(QStringLiteral(
            R"(^Sent (ATU \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?) to 239\.1\.1\.1:%1$)").arg(port));
        QStringList messages;
        for (const QByteArray &line : sentLines) {
            const auto match = sentLine.match(QString::fromUtf8(line));
            QVERIFY2(match.hasMatch(), line.constData());
            messages.append(match.captured(1));
        }

        QVERIFY(listener.waitForFinished(10000));
        QCOMPARE(listener.exitStatus(), QProcess::NormalExit);
        QCOMPARE(listener.exitCode(), 0);
        QList<QByteArray> lines;
        for (const QByteArray &line : listener.readAllStandardOutput().trimmed().split('\n')) {
            if (line.contains(R"("type":"datagram")"))
                lines.append(line);
            else // the sender's liveness: it appeared
                QVERIFY2(line.contains(R"("type":"event")") && line.contains("appeared"), line.constData());
        }
        QCOMPARE(lines.size(), 3);
        const QStringList expectedKeys{"atu_offset_ms", "atu_time", "format", "group", "payload", "payload_hex",
                                       "port", "seq", "size", "source", "source_port", "time", "ttl", "type"};
        for (int i = 0; i < lines.size(); ++i) {
            QJsonParseError error;
            const QJsonObject object = QJsonDocument::fromJson(lines[i], &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, lines[i].constData());
            QCOMPARE(object.keys(), expectedKeys);
            QCOMPARE(object["payload"].toString(), messages[i]);
            QCOMPARE(QByteArray::fromHex(object["payload_hex"].toString().toLatin1()), messages[i].toUtf8());
            QCOMPARE(object["size"].toInt(), messages[i].size());
            QCOMPARE(object["source"].toString(), QStringLiteral("127.0.0.1"));
            QVERIFY(object["source_port"].toInt() > 0);
            QCOMPARE(object["group"].toString(), QStringLiteral("239.1.1.1"));
            QCOMPARE(object["port"].toInt(), port.toInt());
            QCOMPARE(object["ttl"].toInt(), 1);
            QCOMPARE(object["type"].toString(), QStringLiteral("datagram"));
            QCOMPARE(object["format"].toString(), QStringLiteral("atu"));
            QVERIFY(object["seq"].isNull());
            // Sender and receiver share a clock: the offset is the path's delay, well under 1 s.
            QVERIFY(object["atu_offset_ms"].isDouble());
            QVERIFY2(qAbs(object["atu_offset_ms"].toDouble()) < 1000, lines[i].constData());
            const QString atuTime = object["atu_time"].toString();
            QCOMPARE(atuTime.left(19).replace(QLatin1Char('T'), QLatin1Char(' ')), messages[i].mid(4, 19));
            QVERIFY2(QRegularExpression(QStringLiteral(
                         R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d\d:\d\d)$)"))
                         .match(object["time"].toString())
                         .hasMatch(),
                     qPrintable(object["time"].toString()));
        }
    }

    // --prefix '' on both ends: the sender sends the timestamp alone and the receiver
    // decodes exactly that (it once sent " <timestamp>" and decoded nothing).
    void emptyPrefixOnBothEnds()
    {
        const QString port = QString::number(TestNetwork::freshPort(32));
        QProcess listener;
        startListening(listener, {"--headless", "--json", "--count", "2", "--prefix", "", "--port", port});
        const QByteArray sent = runToEnd({"--send", "--count", "2", "--interval", "0.1", "--prefix", "", "--port", port}, 0);
        const QRegularExpression sentLine(QStringLiteral(R"(^Sent (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?) to 239\.1\.1\.1:%1$)").arg(port));
        QStringList timestamps;
        for (const QByteArray &line : sent.trimmed().split('\n')) {
            const auto match = sentLine.match(QString::fromUtf8(line));
            QVERIFY2(match.hasMatch(), line.constData());
            timestamps.append(match.captured(1));
        }
        QCOMPARE(timestamps.size(), 2);

        QVERIFY(listener.waitForFinished(10000));
        QCOMPARE(listener.exitCode(), 0);
        const JsonOutput output = jsonOutput(listener.readAllStandardOutput());
        QCOMPARE(output.others.size(), 2); // the datagram lines
        for (int i = 0; i < 2; ++i) {
            const QJsonObject datagram = QJsonDocument::fromJson(output.others[i]).object();
            QCOMPARE(datagram["payload"].toString(), timestamps[i]);
            QVERIFY2(datagram["atu_time"].isString(), output.others[i].constData());
            QVERIFY(datagram["atu_offset_ms"].isDouble());
        }
    }

    void printsReadableLinesWithoutJson()
    {
        const QString port = QString::number(TestNetwork::freshPort(22));
        QProcess listener;
        startListening(listener, {"--headless", "--count", "1", "--port", port});
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QStringLiteral("239.1.1.1"),
                                      quint16(port.toInt()), QByteArray("hi\x1b[2J\n")));
        QVERIFY(listener.waitForFinished(10000));
        QCOMPARE(listener.exitCode(), 0);
        const QString line = QString::fromUtf8(listener.readAllStandardOutput()).trimmed().split(QLatin1Char('\n')).first();
        QVERIFY2(QRegularExpression(QStringLiteral(R"(^\S+ 127\.0\.0\.1:\d+ 7 bytes hi\\x1b\[2J\\n$)"))
                     .match(line)
                     .hasMatch(),
                 qPrintable(line));
    }

    void statsOfTwoSendersAtDifferentRates()
    {
        // A second loopback address makes the second sender a second host.
        QVERIFY(TestNetwork::run(QStringLiteral("ip"), {"addr", "replace", "127.0.0.2/8", "dev", "lo"}));
        const QString port = QString::number(TestNetwork::freshPort(25));
        QProcess listener;
        startListening(listener, {"--headless", "--stats", "1", "--json", "--duration", "5", "--port", port});
        QProcess slow;
        QProcess fast;
        prepare(slow);
        prepare(fast);
        slow.setArguments({"--send", "--interval", "1", "--count", "4", "--port", port, "--interface", "127.0.0.1"});
        fast.setArguments({"--send", "--interval", "0.1", "--count", "40", "--port", port, "--interface", "127.0.0.2"});
        slow.start();
        fast.start();
        QVERIFY(slow.waitForFinished(10000));
        QVERIFY(fast.waitForFinished(10000));
        QCOMPARE(slow.exitCode(), 0);
        QCOMPARE(fast.exitCode(), 0);
        QVERIFY(listener.waitForFinished(10000));
        QCOMPARE(listener.exitCode(), 0);

        const JsonOutput output = jsonOutput(listener.readAllStandardOutput());
        // JSON only, and no datagram lines.
        QVERIFY2(output.others.isEmpty(), output.others.join('\n').constData());
        const QList<QJsonObject> &stats = output.stats;
        QStringList appeared;
        for (const QJsonObject &event : output.events) {
            if (event["event"].toString() == "appeared")
                appeared.append(event["source"].toString());
        }
        QVERIFY2(stats.size() >= 5, "a line a second for 5 s and a final one");
        appeared.sort();
        QCOMPARE(appeared, (QStringList{"127.0.0.1", "127.0.0.2"}));

        const QJsonObject final = stats.last();
        QCOMPARE(final["total"].toObject()["packets"].toInt(), 44);
        QJsonObject slowStats;
        QJsonObject fastStats;
        for (const QJsonValue &sender : final["senders"].toArray()) {
            const QJsonObject object = sender.toObject();
            (object["source"].toString() == "127.0.0.1" ? slowStats : fastStats) = object;
        }
        QCOMPARE(final["senders"].toArray().size(), 2);
        QCOMPARE(slowStats["packets"].toInt(), 4);
        QCOMPARE(fastStats["source"].toString(), QStringLiteral("127.0.0.2"));
        QCOMPARE(fastStats["packets"].toInt(), 40);
        QVERIFY2(qAbs(slowStats["mean_interval_ms"].toDouble() - 1000) < 150, qPrintable(QString::number(slowStats["mean_interval_ms"].toDouble())));
        QVERIFY2(qAbs(fastStats["mean_interval_ms"].toDouble() - 100) < 40, qPrintable(QString::number(fastStats["mean_interval_ms"].toDouble())));
        // Both started within the 5 s run, so pps counts from each one's first datagram
        // (which only marks the start): at most over the sender's own span, at least over
        // the run. The 10 s over which older senders are counted would say 0.4 and 4.
        const auto between = [](const QJsonObject &sender, double low, double high) {
            const double pps = sender["pps"].toDouble();
            return pps >= low * 0.95 && pps <= high * 1.05;
        };
        QVERIFY2(between(slowStats, 3.0 / 5, 3.0 / 3), qPrintable(QString::number(slowStats["pps"].toDouble())));
        QVERIFY2(between(fastStats, 39.0 / 5, 39.0 / 3.9), qPrintable(QString::number(fastStats["pps"].toDouble())));
        QVERIFY(slowStats["atu_offset_ms"].isDouble());
        QVERIFY(fastStats["interval_jitter_ms"].isDouble());
        QVERIFY(fastStats["jitter_ms"].isNull()); // ATU has no timestamps to compute RFC 3550's
    }

    // The seed's setup on one host: a heartbeat publisher and another stream from the same
    // address are two flows, each with its own steady interval and no late/back flapping.
    void twoStreamsFromOneHostAreTwoFlows()
    {
        const QString port = QString::number(TestNetwork::freshPort(26));
        QProcess listener;
        startListening(listener, {"--headless", "--stats", "1", "--json", "--duration", "3.5", "--port", port});
        QProcess heartbeat;
        QProcess other;
        prepare(heartbeat);
        prepare(other);
        heartbeat.setArguments({"--send", "--interval", "0.2", "--count", "12", "--port", port});
        other.setArguments({"--send", "--interval", "0.2", "--count", "12", "--prefix", "UPS", "--port", port});
        heartbeat.start();
        other.start();
        QVERIFY(heartbeat.waitForFinished(10000));
        QVERIFY(other.waitForFinished(10000));
        QVERIFY(listener.waitForFinished(10000));
        QCOMPARE(listener.exitCode(), 0);

        const JsonOutput output = jsonOutput(listener.readAllStandardOutput());
        QVERIFY(!output.stats.isEmpty());
        const QJsonObject final = output.stats.last();
        const QStringList events = output.eventNames();
        // Late (and maybe silent) once the senders stopped before the run ends; never back.
        QCOMPARE(events.mid(0, 2), (QStringList{"appeared", "appeared"}));
        QVERIFY2(!events.contains("back"), qPrintable(events.join(u' ')));
        const QJsonArray flows = final["senders"].toArray();
        QCOMPARE(flows.size(), 2);
        QStringList formats;
        for (const QJsonValue &value : flows) {
            const QJsonObject flow = value.toObject();
            QCOMPARE(flow["source"].toString(), QStringLiteral("127.0.0.1"));
            QCOMPARE(flow["group"].toString(), QStringLiteral("239.1.1.1"));
            QCOMPARE(flow["port"].toInt(), port.toInt());
            QCOMPARE(flow["ours"].toBool(), false);
            QCOMPARE(flow["packets"].toInt(), 12);
            const double mean = flow["mean_interval_ms"].toDouble();
            QVERIFY2(qAbs(mean - 200) < 20, qPrintable(QString::number(mean)));
            // Present for each flow; its size depends on how busy the machine is, so it is
            // not bounded here (bench/ measures timing).
            QVERIFY(flow["interval_jitter_ms"].isDouble());
            formats.append(flow["format"].toString());
        }
        formats.sort();
        QCOMPARE(formats, (QStringList{"atu", "raw"}));
    }

    // A monitor stopped for 4 s (SIGSTOP: a descheduled VM, a slow disk) while its sender
    // goes on finds the datagrams waiting, with the kernel's arrival times: nothing went
    // late or silent, and the intervals are the sender's.
    void aStoppedMonitorDoesNotCallALiveSenderSilent()
    {
        if (!MulticastReceiver::hasKernelArrivalTimes())
            QSKIP("no kernel arrival times on this receive path: what waited while the monitor was "
                  "stopped is stamped when read, all at once, so the sender looks late and back");
#ifdef Q_OS_UNIX
        const QString port = QString::number(TestNetwork::freshPort(27));
        QProcess listener;
        startListening(listener, {"--headless", "--stats", "1", "--json", "--duration", "8", "--port", port});
        QProcess sender;
        prepare(sender);
        sender.setArguments({"--send", "--interval", "0.25", "--count", "28", "--port", port});
        sender.start();
        QTest::qWait(1500);
        QCOMPARE(::kill(pid_t(listener.processId()), SIGSTOP), 0);
        QTest::qWait(4000);
        QCOMPARE(::kill(pid_t(listener.processId()), SIGCONT), 0);
        QVERIFY(sender.waitForFinished(10000));
        QCOMPARE(sender.exitCode(), 0);
        QVERIFY(listener.waitForFinished(10000));
        QCOMPARE(listener.exitCode(), 0);

        const JsonOutput output = jsonOutput(listener.readAllStandardOutput());
        QVERIFY(!output.stats.isEmpty());
        const QJsonObject final = output.stats.last();
        const QStringList events = output.eventNames();
        QStringList times;
        for (const QJsonObject &event : output.events)
            times.append(event["time"].toString());
        QVERIFY2(!events.contains("back"), qPrintable(events.join(u' ')));
        QCOMPARE(events.first(), QStringLiteral("appeared"));
        QVERIFY(std::is_sorted(times.cbegin(), times.cend()));
        const QJsonArray flows = final["senders"].toArray();
        QCOMPARE(flows.size(), 1);
        const QJsonObject flow = flows[0].toObject();
        QCOMPARE(flow["packets"].toInt(), 28);
        QCOMPARE(flow["outages"].toInt(), 0);
        const double mean = flow["mean_interval_ms"].toDouble();
        QVERIFY2(qAbs(mean - 250) < 20, qPrintable(QString::number(mean)));
#else
        QSKIP("stopping a process (SIGSTOP, SIGCONT) is POSIX; Windows has no equivalent");
#endif
    }

    // Below 2 ms the cadence is kept to the microsecond: a run of D seconds at I sends a
    // message at every deadline before D, ceil(D / I), and each one arrives. (1 ms once sent
    // ~10 % fewer; 1.5 ms was rounded to 2 ms.)
    void sendsEveryDeadlineBelowTwoMilliseconds_data()
    {
        QTest::addColumn<QString>("interval");
        QTest::addColumn<int>("expected");
        QTest::newRow("1 ms") << "0.001" << 2000;
        QTest::newRow("1.5 ms") << "0.0015" << 1334; // 0, 1.5, …, 1999.5 ms
    }

    void sendsEveryDeadlineBelowTwoMilliseconds()
    {
        QFETCH(QString, interval);
        QFETCH(int, expected);
        const quint16 port = TestNetwork::freshPort(30);
        QUdpSocket receiver;
        QVERIFY(receiver.bind(QHostAddress::AnyIPv4, port,
                              QAbstractSocket::ShareAddress | QAbstractSocket::ReuseAddressHint));
        QVERIFY(receiver.joinMulticastGroup(QHostAddress(QStringLiteral("239.1.1.1")),
                                            TestNetwork::loopback()));
        receiver.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4 * 1024 * 1024);
        int received = 0;
        connect(&receiver, &QUdpSocket::readyRead, this, [&] {
            while (receiver.hasPendingDatagrams()) {
                if (receiver.receiveDatagram().data().startsWith("ATU "))
                    ++received;
            }
        });

        QProcess sender;
        prepare(sender);
        sender.setArguments(
            {"--send", "--interval", interval, "--duration", "2", "--port", QString::number(port)});
        QByteArray output;
        connect(&sender, &QProcess::readyReadStandardOutput, this,
                [&] { output += sender.readAllStandardOutput(); });
        sender.start();
        QTRY_VERIFY_WITH_TIMEOUT(sender.state() == QProcess::NotRunning, 15000);
        QCOMPARE(sender.exitStatus(), QProcess::NormalExit);
        QCOMPARE(sender.exitCode(), 0);
        output += sender.readAllStandardOutput();

        // "Sent N messages in E s", and "skipped K messages" only after a stall over 1 s.
        const QString errors = QString::fromUtf8(sender.readAllStandardError());
        const auto summary =
            QRegularExpression(QStringLiteral(R"(Sent (\d+) messages in ([\d.]+) s)"))
                .match(errors);
        QVERIFY2(summary.hasMatch(), qPrintable(errors));
        const int sent = summary.captured(1).toInt();
        const double seconds = summary.captured(2).toDouble();
        int skipped = 0;
        QRegularExpressionMatchIterator skips =
            QRegularExpression(QStringLiteral(R"(skipped (\d+) messages)")).globalMatch(errors);
        while (skips.hasNext())
            skipped += skips.next().captured(1).toInt();
        QCOMPARE(int(output.count('\n')), sent);
        QCOMPARE(sent + skipped, expected);
        QVERIFY2(qAbs(sent - 2.0 / interval.toDouble()) <= 0.005 * 2.0 / interval.toDouble(),
                 qPrintable(errors));
        QVERIFY2(seconds >= 2.0 && seconds < 3.0, qPrintable(errors)); // never early
        QTRY_COMPARE_WITH_TIMEOUT(received, sent, 5000);
    }

    void stopsAfterTheDuration()
    {
        QElapsedTimer timer;
        timer.start();
        const QByteArray output = runToEnd({"--headless", "--duration", "0.5", "--port",
                                            QString::number(TestNetwork::freshPort(23))}, 0);
        QCOMPARE(output, QByteArray());
        QVERIFY(timer.elapsed() >= 500);
    }

    // Every time option works as written or is refused before anything starts, with one
    // line that names the value.
    void timeOptionsOutOfRangeExitTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("value");
        QTest::newRow("duration inf") << QStringList{"--headless", "--duration", "inf"} << "inf";
        QTest::newRow("duration 1e300") << QStringList{"--headless", "--duration", "1e300"} << "1e300";
        QTest::newRow("duration nan") << QStringList{"--headless", "--duration", "nan"} << "nan";
        QTest::newRow("duration negative") << QStringList{"--send", "--duration", "-3"} << "-3";
        QTest::newRow("stats 0.0001") << QStringList{"--headless", "--stats", "0.0001"} << "0.0001";
        QTest::newRow("stats inf") << QStringList{"--headless", "--stats", "inf"} << "inf";
        QTest::newRow("interval inf") << QStringList{"--send", "--interval", "inf"} << "inf";
        QTest::newRow("interval 1e-9") << QStringList{"--send", "--interval", "1e-9"} << "1e-9";
    }

    void timeOptionsOutOfRangeExitTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, value);
        QByteArray errors;
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(runToEnd(arguments, 2, &errors), QByteArray());
        QVERIFY(clock.elapsed() < 5000);
        QCOMPARE(errors.count('\n'), 1);
        QVERIFY2(errors.startsWith("mcast-monitor: ") && errors.contains("'" + value.toUtf8() + "'"),
                 errors.constData());
    }

    // 2147484 s is past QTimer's INT_MAX ms (it never fired, with a Qt warning); 4294968 s
    // wrapped around to 0.7 s. Both run as written now: still going, without a warning.
    void longDurationsRunAsWritten_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("headless past INT_MAX ms") << QStringList{"--headless", "--duration", "2147484"};
        QTest::newRow("headless past UINT_MAX ms") << QStringList{"--headless", "--duration", "4294968"};
        QTest::newRow("send past UINT_MAX ms") << QStringList{"--send", "--interval", "0.2", "--duration", "4294968"};
        QTest::newRow("headless 100 years") << QStringList{"--headless", "--duration", "3155760000", "--stats", "3155760000"};
    }

    void longDurationsRunAsWritten()
    {
#ifdef Q_OS_UNIX
        QFETCH(QStringList, arguments);
        QProcess process;
        prepare(process);
        process.setArguments(arguments + QStringList{"--port", QString::number(TestNetwork::freshPort(28))});
        process.start();
        QVERIFY(process.waitForStarted());
        QTest::qWait(1500);
        QCOMPARE(process.state(), QProcess::Running);
        process.terminate();
        QVERIFY(process.waitForFinished(5000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        const QByteArray errors = process.readAllStandardError();
        for (const QByteArray &line : errors.trimmed().split('\n'))
            QVERIFY2(line.isEmpty() || line.startsWith("Listening to ") || line.startsWith("Sent "),
                     errors.constData());
        if (arguments.contains("--send"))
            QVERIFY(process.readAllStandardOutput().count('\n') >= 5);
#else
        QSKIP("ended by SIGTERM, which is POSIX; QProcess::terminate() on Windows closes windows, "
              "and a headless run has none");
#endif
    }

    // The shortest statistics period prints at most its rate, not in a busy loop.
    void statsAtTheShortestPeriodKeepItsRate()
    {
        const QByteArray output = runToEnd({"--headless", "--stats", "0.01", "--duration", "1", "--json",
                                            "--port", QString::number(TestNetwork::freshPort(29))}, 0);
        const JsonOutput lines = jsonOutput(output);
        QVERIFY2(lines.others.isEmpty(), lines.others.join('\n').constData());
        // 100 a second and the final one; a loaded machine prints fewer, never more.
        QVERIFY2(lines.stats.size() >= 10 && lines.stats.size() <= 102,
                 qPrintable(QString::number(lines.stats.size())));
    }

    void stopsCleanlyOnSignals_data()
    {
        QTest::addColumn<int>("signal");
#ifdef Q_OS_UNIX
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGHUP") << int(SIGHUP); // the terminal went away
#else
        QTest::newRow("console control events") << 0;
#endif
    }

    void stopsCleanlyOnSignals()
    {
#ifdef Q_OS_UNIX
        QFETCH(int, signal);
        QProcess listener;
        startListening(listener, {"--headless", "--stats", "60", "--json", "--port", QString::number(TestNetwork::freshPort(24))});
        QCOMPARE(::kill(pid_t(listener.processId()), signal), 0);
        QVERIFY(listener.waitForFinished(5000));
        QCOMPARE(listener.exitStatus(), QProcess::NormalExit);
        QCOMPARE(listener.exitCode(), 0);
        QCOMPARE(jsonOutput(listener.readAllStandardOutput()).stats.size(), 1); // the final line
#else
        QSKIP("POSIX signals; on Windows console control events (Ctrl+C, closing the console) "
              "stop a run, which only an interactive console can send");
#endif
    }

    // nohup ignores SIGHUP for the program it starts; the program keeps it so.
    void hangUpStaysIgnoredUnderNohup()
    {
#ifdef Q_OS_UNIX
        QProcess listener;
        prepare(listener);
        listener.setProgram(QStringLiteral("nohup"));
        listener.setArguments({QStringLiteral(MCAST_MONITOR_BINARY), "--headless", "--port",
                               QString::number(TestNetwork::freshPort(31))});
        listener.start();
        QByteArray errors;
        QTRY_VERIFY_WITH_TIMEOUT((errors += listener.readAllStandardError()).contains("Listening to"), 5000);
        QCOMPARE(::kill(pid_t(listener.processId()), SIGHUP), 0); // nohup has exec'd: the same process
        QTest::qWait(300);
        QCOMPARE(listener.state(), QProcess::Running);
        listener.terminate();
        QVERIFY(listener.waitForFinished(5000));
        QCOMPARE(listener.exitCode(), 0);
#else
        QSKIP("POSIX signals; on Windows console control events (Ctrl+C, closing the console) "
              "stop a run, which only an interactive console can send");
#endif
    }

    void badArgumentsExitTwoWithOneLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("group") << QStringList{"--headless", "--group", "10.0.0.1"};
        QTest::newRow("port") << QStringList{"--send", "--port", "65536"};
        QTest::newRow("unknown") << QStringList{"--headless", "--bogus"};
    }

    void badArgumentsExitTwoWithOneLine()
    {
        QFETCH(QStringList, arguments);
        QByteArray errors;
        QCOMPARE(runToEnd(arguments, 2, &errors), QByteArray());
        QCOMPARE(errors.count('\n'), 1);
        QVERIFY(errors.startsWith("mcast-monitor: "));
    }

    void unknownInterfaceIsABadArgument()
    {
        QByteArray errors;
        QCOMPARE(runToEnd({"--headless", "--interface", "nosuch0"}, 2, &errors), QByteArray());
        QVERIFY2(errors.contains("nosuch0"), errors.constData());
        QCOMPARE(errors.count('\n'), 1);
    }

    // Two subscriptions from the command line: each datagram line names its group and port,
    // and the statistics count each subscription's traffic.
    void joinsSeveralGroupsFromTheCommandLine()
    {
        const quint16 port = TestNetwork::freshPort(30);
        QProcess listener;
        startListening(listener, {"--headless", "--json", "--stats", "100", "--datagrams", "--duration", "2",
                                  "--interface", "lo", "--group", QStringLiteral("239.1.3.1:%1").arg(port),
                                  "--group", QStringLiteral("239.1.3.2:%1@127.0.0.1").arg(port + 1)});
        for (int i = 0; i < 3; ++i)
            QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QStringLiteral("239.1.3.1"), port, "first"));
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QStringLiteral("239.1.3.2"), port + 1, "second"));
        QVERIFY(listener.waitForFinished(10000));
        QCOMPARE(listener.exitCode(), 0);
        QStringList destinations;
        QJsonObject final;
        for (const QByteArray &line : listener.readAllStandardOutput().trimmed().split('\n')) {
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            if (object["type"] == QStringLiteral("datagram"))
                destinations.append(QStringLiteral("%1:%2").arg(object["group"].toString()).arg(object["port"].toInt()));
            else if (object["type"] == QStringLiteral("stats"))
                final = object;
        }
        destinations.sort();
        const QString first = QStringLiteral("239.1.3.1:%1").arg(port);
        QCOMPARE(destinations, (QStringList{first, first, first, QStringLiteral("239.1.3.2:%1").arg(port + 1)}));
        const QJsonArray subscriptions = final["subscriptions"].toArray();
        QCOMPARE(subscriptions.size(), 2);
        QCOMPARE(subscriptions[0].toObject()["group"].toString(), QStringLiteral("239.1.3.1"));
        QCOMPARE(subscriptions[0].toObject()["interface"].toString(), QStringLiteral("lo"));
        QCOMPARE(subscriptions[0].toObject()["state"].toString(), QStringLiteral("joined"));
        QCOMPARE(subscriptions[0].toObject()["packets"].toInt(), 3);
        QCOMPARE(subscriptions[1].toObject()["port"].toInt(), port + 1);
        QCOMPARE(subscriptions[1].toObject()["packets"].toInt(), 1);
        QCOMPARE(final["total"].toObject()["packets"].toInt(), 4);
    }

    // What users type and what the system names (interfaces) reach stderr and stdout as one
    // line each, with controls escaped: nothing splits a line or drives the terminal.
    void untrustedTextIsEscapedOnEveryChannel()
    {
        const QString hostile = QStringLiteral("x\ny\x1b[2J\u009b1m\u202ez");
        QByteArray errors;
        QCOMPARE(runToEnd({"--headless", "--interface", hostile}, 2, &errors), QByteArray());
        QCOMPARE(errors.count('\n'), 1);
        QVERIFY2(errors.contains(R"(x\ny\x1b[2J)"), errors.constData());
        QVERIFY(!errors.contains('\x1b'));
        QVERIFY(!errors.contains("\xc2\x9b"));     // C1 CSI
        QVERIFY(!errors.contains("\xe2\x80\xae")); // right-to-left override

        const QString port = QString::number(TestNetwork::freshPort(28));
        const QByteArray sent = runToEnd({"--send", "--count", "1", "--interval", "0.01", "--prefix",
                                          QStringLiteral("A\nB\x1b[31m"), "--port", port},
                                         0, &errors);
        QCOMPARE(sent.count('\n'), 1);
        QVERIFY2(sent.startsWith(R"(Sent A\nB\x1b[31m )"), sent.constData());
        QVERIFY(!sent.contains('\x1b'));
        QVERIFY(!errors.contains('\x1b'));
    }

#ifdef Q_OS_LINUX
    // An interface whose name holds an escape sequence (Linux allows any byte but '/', ':'
    // and white space): "Listening to … on <name>" stays one inert line.
    void anInterfaceNameWithControlsIsEscaped()
    {
        const QString name = QStringLiteral("mc\x1b[7m");
        if (!TestNetwork::ip(QStringLiteral("link add %1 type veth peer name mcEsc1").arg(name)))
            QSKIP("cannot create veth interfaces in this namespace (needs CAP_NET_ADMIN)");
        QVERIFY(TestNetwork::ip(QStringLiteral("addr add 198.18.5.1/24 dev %1").arg(name)));
        QVERIFY(TestNetwork::ip(QStringLiteral("link set %1 multicast on up").arg(name)));
        QVERIFY(TestNetwork::ip(QStringLiteral("link set mcEsc1 up")));
        QProcess listener;
        prepare(listener);
        listener.setArguments({"--headless", "--interface", name, "--duration", "0.5",
                               "--port", QString::number(TestNetwork::freshPort(29))});
        listener.start();
        QVERIFY(listener.waitForFinished(10000));
        TestNetwork::ip(QStringLiteral("link del mcEsc1"));
        const QByteArray errors = listener.readAllStandardError();
        QCOMPARE(listener.exitCode(), 0);
        QVERIFY2(errors.contains(R"(on mc\x1b[7m)"), errors.constData());
        QVERIFY(!errors.contains('\x1b'));
    }
#endif

    void bindFailureExitsOneWithTheReason()
    {
        const quint16 port = TestNetwork::freshPort(26);
        QUdpSocket holder; // another program, without address sharing
        QVERIFY(holder.bind(QHostAddress::AnyIPv4, port, QAbstractSocket::DontShareAddress));
        QByteArray errors;
        QCOMPARE(runToEnd({"--headless", "--port", QString::number(port)}, 1, &errors), QByteArray());
        QVERIFY2(errors.contains(QByteArray::number(port)), errors.constData());
    }

    void versionAndHelp()
    {
        QVERIFY(runToEnd({"--version"}, 0).startsWith("mcast-monitor " MCAST_MONITOR_VERSION));
        QVERIFY(runToEnd({"--help"}, 0).contains("--headless"));
    }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
