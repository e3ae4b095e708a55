#include "HostPrograms.h"
#include "TestNetwork.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// iperf 2's own server counts the real executable's --format iperf2 stream: all of it, none
// lost, and the end of the test seen (that is when it prints its final report).
class TestIperfInterop final : public QObject
{
    Q_OBJECT

private slots:
    void iperfServerCountsEveryDatagram()
    {
        REQUIRE_PRIVATE_NETWORK();
        const QString iperf = HostPrograms::find(QStringLiteral("iperf"));
        if (iperf.isEmpty())
            QSKIP("iperf (2) is not installed; build.sh installs it");
        const QString port = QString::number(TestNetwork::freshPort(81));
        QProcess server;
        server.setProcessChannelMode(QProcess::MergedChannels);
        server.start(iperf, {"-s", "-u", "-B", "239.1.1.1", "-p", port, "-i", "1"});
        QVERIFY(server.waitForStarted());
        QByteArray report;
        QTRY_VERIFY_WITH_TIMEOUT((report += server.readAll()).contains("Joining multicast group"), 5000);

        QTemporaryDir config;
        QProcess sender;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
        sender.setProcessEnvironment(environment);
        sender.start(QStringLiteral(MCAST_MONITOR_BINARY),
                     {"--send", "--format", "iperf2", "--port", port, "--rate", "2000", "--count", "2000"});
        QVERIFY(sender.waitForFinished(10'000));
        QCOMPARE(sender.exitCode(), 0);

        // The final report: "… 0/2000 (0%)", printed once the last datagram ends the test.
        QTRY_VERIFY2_WITH_TIMEOUT((report += server.readAll()).contains(" 0/2000 (0%)"), report.constData(), 5000);
        server.kill();
        server.waitForFinished();
    }
};

QTEST_GUILESS_MAIN(TestIperfInterop)
#include "tst_iperfinterop.moc"
