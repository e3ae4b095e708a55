#include "Exposition.h"
#include "HttpGet.h"
#include "TestNetwork.h"

#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

// The real program with --metrics: headless, from a settings file re-read on SIGHUP, and
// the window.
class TestMetricsProbe final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir; // settings and probe.conf, out of the user's way
    QByteArray m_errors;

    void start(QProcess &process, const QStringList &arguments)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.path());
        process.setProcessEnvironment(environment);
        process.setStandardOutputFile(QProcess::nullDevice());
        process.start(QStringLiteral(MCAST_MONITOR_BINARY), arguments);
        QVERIFY(process.waitForStarted());
    }

    // Waits for a line on stderr; what the process said so far is in m_errors.
    bool saidOnStderr(QProcess &process, const QByteArray &text, int timeoutMs = 10000)
    {
        QElapsedTimer timer;
        timer.start();
        while (!m_errors.contains(text) && timer.elapsed() < timeoutMs) {
            process.waitForReadyRead(100);
            m_errors += process.readAllStandardError();
        }
        return m_errors.contains(text);
    }

    static Exposition::Parsed metrics(quint16 port)
    {
        const auto reply = HttpGet::get(port, "/metrics");
        return Exposition::parse(reply && reply->status == 200 ? reply->body : QByteArray());
    }

    static bool sendHeartbeat(quint16 port, const QString &group = QStringLiteral("239.1.1.1"))
    {
        return TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), group, port,
                                     "ATU " + QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd hh:mm:ss.zzz000")).toLatin1());
    }

    void writeConfig(const QByteArray &text)
    {
        QFile file(m_dir.filePath(QStringLiteral("probe.conf")));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text);
    }

    static void stop(QProcess &process)
    {
        process.terminate();
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
    }

private slots:
    void init()
    {
        REQUIRE_PRIVATE_NETWORK();
        m_errors.clear();
    }

    void headlessServesItsStatistics()
    {
        const quint16 port = TestNetwork::freshPort(1);
        const quint16 metricsPort = TestNetwork::freshPort(2);
        QProcess probe;
        start(probe, {"--headless", "--group", QStringLiteral("239.1.1.1:%1@lo").arg(port), "--metrics",
                      QString::number(metricsPort)});
        const QByteArray url = "Serving metrics at http://127.0.0.1:" + QByteArray::number(metricsPort) + "/metrics";
        QVERIFY2(saidOnStderr(probe, url), m_errors.constData());
        QVERIFY2(saidOnStderr(probe, "Listening to"), m_errors.constData());
        for (int i = 0; i < 3; ++i)
            QVERIFY(sendHeartbeat(port));

        const QByteArray flow = QStringLiteral(R"({group="239.1.1.1",port="%1",source="127.0.0.1",interface="lo",format="atu"})")
                                    .arg(port).toUtf8();
        QTRY_COMPARE_WITH_TIMEOUT(metrics(metricsPort).value("mcast_monitor_packets_total" + flow), std::optional<double>(3), 10000);
        const auto reply = HttpGet::get(metricsPort, "/metrics");
        QVERIFY(reply);
        QCOMPARE(reply->header("Content-Type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
        const auto parsed = Exposition::parse(reply->body);
        QVERIFY2(parsed.problems.isEmpty(), qPrintable(parsed.problems.join(QLatin1Char('\n'))));
        QVERIFY(*parsed.value("process_resident_memory_bytes") > 0);
        QCOMPARE(parsed.value(QStringLiteral(R"(mcast_monitor_subscription_joined{group="239.1.1.1",port="%1",source="",interface="lo"})")
                                  .arg(port).toUtf8()),
                 std::optional<double>(1));
        if (const auto problems = Exposition::promtoolProblems(reply->body))
            QVERIFY2(problems->isEmpty(), qPrintable(*problems));
        QCOMPARE(HttpGet::get(metricsPort, "/healthz")->body, QByteArray("ok\n"));
        QVERIFY(HttpGet::get(metricsPort, "/")->body.contains("href=\"/metrics\""));
        stop(probe);
    }

    void aPortInUseEndsTheRun()
    {
        QTcpServer occupant;
        QVERIFY(occupant.listen(QHostAddress::LocalHost));
        QProcess probe;
        start(probe, {"--headless", "--metrics", QStringLiteral("127.0.0.1:%1").arg(occupant.serverPort())});
        QVERIFY(probe.waitForFinished(10000));
        QCOMPARE(probe.exitCode(), 1);
        QVERIFY2(probe.readAllStandardError().startsWith(
                     QStringLiteral("mcast-monitor: cannot serve metrics on 127.0.0.1:%1: ").arg(occupant.serverPort()).toUtf8()),
                 "no reason on stderr");
    }

    void hangUpRereadsTheSettingsAndKeepsCounters()
    {
#ifdef Q_OS_UNIX
        const quint16 port = TestNetwork::freshPort(3);
        const quint16 metricsPort = TestNetwork::freshPort(4);
        const QString group = QStringLiteral("group = 239.1.1.1:%1@lo\n").arg(port);
        writeConfig(QStringLiteral("# the probe\nmetrics = 127.0.0.1:%1\n").arg(metricsPort).toUtf8() + group.toUtf8());
        QProcess probe;
        start(probe, {"--headless", "--config", m_dir.filePath(QStringLiteral("probe.conf"))});
        QVERIFY2(saidOnStderr(probe, "Listening to"), m_errors.constData());
        QVERIFY(sendHeartbeat(port));
        QVERIFY(sendHeartbeat(port));
        const QByteArray flow = QStringLiteral(R"({group="239.1.1.1",port="%1",source="127.0.0.1",interface="lo",format="atu"})")
                                    .arg(port).toUtf8();
        QTRY_COMPARE_WITH_TIMEOUT(metrics(metricsPort).value("mcast_monitor_packets_total" + flow), std::optional<double>(2), 10000);

        // A second group; the first stays.
        writeConfig(QStringLiteral("metrics = 127.0.0.1:%1\n").arg(metricsPort).toUtf8() + group.toUtf8()
                    + QStringLiteral("group = 239.1.1.2:%1@lo\n").arg(port).toUtf8());
        m_errors.clear();
        ::kill(pid_t(probe.processId()), SIGHUP);
        QVERIFY2(saidOnStderr(probe, "Reloaded "), m_errors.constData());
        const QByteArray second = QStringLiteral(R"(mcast_monitor_subscription_joined{group="239.1.1.2",port="%1",source="",interface="lo"})")
                                      .arg(port).toUtf8();
        QTRY_COMPARE_WITH_TIMEOUT(metrics(metricsPort).value(second), std::optional<double>(1), 10000);
        QVERIFY(sendHeartbeat(port));
        QVERIFY(sendHeartbeat(port, QStringLiteral("239.1.1.2")));
        QTRY_COMPARE_WITH_TIMEOUT(metrics(metricsPort).value("mcast_monitor_packets_total" + flow), std::optional<double>(3), 10000);

        // A file that no longer reads changes nothing.
        writeConfig("port = 0\n");
        m_errors.clear();
        ::kill(pid_t(probe.processId()), SIGHUP);
        QVERIFY2(saidOnStderr(probe, "not reloaded, going on as before: "), m_errors.constData());
        QVERIFY2(m_errors.contains("probe.conf:1: port '0' is not between 1 and 65535"), m_errors.constData());
        QCOMPARE(metrics(metricsPort).value(second), std::optional<double>(1));
        QCOMPARE(probe.state(), QProcess::Running);
        stop(probe);
#else
        QSKIP("re-reading --config on SIGHUP is POSIX; Windows has no hang-up signal");
#endif
    }

    void theExampleProbeSettingsRead()
    {
        const quint16 metricsPort = TestNetwork::freshPort(5);
        QProcess probe;
        start(probe, {"--config", QStringLiteral(MCAST_MONITOR_SOURCE_DIR "/installer/linux/probe.conf"), "--headless",
                      "--interface", "lo", "--metrics", QString::number(metricsPort), "--duration", "0.5"});
        QVERIFY(probe.waitForFinished(10000));
        const QByteArray errors = probe.readAllStandardError();
        QVERIFY2(probe.exitCode() == 0, errors.constData());
        QVERIFY2(errors.contains("Serving metrics at"), errors.constData());
    }

    void theWindowServesMetrics()
    {
        const quint16 metricsPort = TestNetwork::freshPort(6);
        QProcess window;
        start(window, {"-platform", "offscreen", "--metrics", QString::number(metricsPort), "--listen"});
        QVERIFY2(saidOnStderr(window, "Serving metrics at http://127.0.0.1:" + QByteArray::number(metricsPort)),
                 m_errors.constData());
        QTRY_VERIFY_WITH_TIMEOUT(metrics(metricsPort).value("mcast_monitor_os_drops_total"), 10000);
        stop(window);
    }
};

QTEST_GUILESS_MAIN(TestMetricsProbe)
#include "tst_metricsprobe.moc"
