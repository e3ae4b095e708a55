#include "HostPrograms.h"
#include "HttpGet.h"
#include "TestNetwork.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

// A real Prometheus (Debian's prometheus) scrapes two headless probes every second with
// the shipped alert rules (examples/prometheus/alerts.yml): both report the heartbeat
// flow, and once its sender stops, the "silent" alert fires for both.
class TestPrometheus final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    quint16 m_prometheusPort = 0;

    void start(QProcess &process, const QString &program, const QStringList &arguments)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.path());
        process.setProcessEnvironment(environment);
        process.setStandardOutputFile(QProcess::nullDevice());
        process.setStandardErrorFile(m_dir.filePath(QFileInfo(program).fileName() + QStringLiteral(".log")), QIODevice::Append);
        process.start(program, arguments);
        QVERIFY2(process.waitForStarted(), qPrintable(program));
    }

    // The data of an API call, or an empty object.
    QJsonObject api(const QByteArray &target) const
    {
        const auto reply = HttpGet::get(m_prometheusPort, target);
        if (!reply || reply->status != 200)
            return {};
        const QJsonObject answer = QJsonDocument::fromJson(reply->body).object();
        return answer[QStringLiteral("status")].toString() == QLatin1String("success")
                   ? answer[QStringLiteral("data")].toObject()
                   : QJsonObject();
    }

    // The instances for which the query has a sample above 0.
    QStringList instancesAboveZero(const QString &query) const
    {
        const QJsonObject data = api("/api/v1/query?query=" + QUrl::toPercentEncoding(query));
        QStringList instances;
        for (const QJsonValue &sample : data[QStringLiteral("result")].toArray()) {
            const QJsonObject object = sample.toObject();
            if (object[QStringLiteral("value")].toArray().at(1).toString().toDouble() > 0)
                instances.append(object[QStringLiteral("metric")].toObject()[QStringLiteral("instance")].toString());
        }
        instances.sort();
        return instances;
    }

    // The instances for which the alert fires.
    QStringList firing(const QString &alert) const
    {
        QStringList instances;
        for (const QJsonValue &value : api("/api/v1/alerts")[QStringLiteral("alerts")].toArray()) {
            const QJsonObject object = value.toObject();
            const QJsonObject labels = object[QStringLiteral("labels")].toObject();
            if (labels[QStringLiteral("alertname")].toString() == alert
                && object[QStringLiteral("state")].toString() == QLatin1String("firing"))
                instances.append(labels[QStringLiteral("instance")].toString());
        }
        instances.sort();
        return instances;
    }

    QString logs() const
    {
        QString text;
        for (const QString &name : {QStringLiteral("prometheus.log"), QStringLiteral("mcast-monitor.log")}) {
            QFile file(m_dir.filePath(name));
            if (file.open(QIODevice::ReadOnly))
                text += name + QStringLiteral(":\n") + QString::fromUtf8(file.readAll().right(3000));
        }
        return text;
    }

private slots:
    void initTestCase()
    {
        REQUIRE_PRIVATE_NETWORK();
        if (HostPrograms::find(QStringLiteral("prometheus")).isEmpty())
            QSKIP("prometheus is not installed (Debian: prometheus; build.sh installs it)");
    }

    void scrapesTwoProbesAndAlertsOnSilence()
    {
        const quint16 group = TestNetwork::freshPort(51);
        const QString spec = QStringLiteral("239.1.1.1:%1@lo").arg(group);
        const quint16 probePorts[] = {TestNetwork::freshPort(52), TestNetwork::freshPort(53)};
        m_prometheusPort = TestNetwork::freshPort(54);
        const QString binary = QStringLiteral(MCAST_MONITOR_BINARY);

        QProcess probes[2];
        for (int i = 0; i < 2; ++i)
            start(probes[i], binary,
                  {"--headless", "--group", spec, "--metrics", QString::number(probePorts[i]), "--stats", "3600"});
        QProcess sender;
        start(sender, binary, {"--send", "--group", spec, "--interval", "0.2"});

        QFile config(m_dir.filePath(QStringLiteral("prometheus.yml")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral("global:\n"
                                    "  scrape_interval: 1s\n"
                                    "  evaluation_interval: 1s\n"
                                    "rule_files:\n"
                                    "  - %1/examples/prometheus/alerts.yml\n"
                                    "scrape_configs:\n"
                                    "  - job_name: mcast-monitor\n"
                                    "    static_configs:\n"
                                    "      - targets: ['127.0.0.1:%2', '127.0.0.1:%3']\n")
                         .arg(QStringLiteral(MCAST_MONITOR_SOURCE_DIR))
                         .arg(probePorts[0])
                         .arg(probePorts[1])
                         .toUtf8());
        config.close();
        QProcess prometheus;
        start(prometheus, HostPrograms::find(QStringLiteral("prometheus")),
              {QStringLiteral("--config.file=") + config.fileName(),
               QStringLiteral("--storage.tsdb.path=") + m_dir.filePath(QStringLiteral("data")),
               QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(m_prometheusPort), "--log.level=warn"});

        QStringList both{QStringLiteral("127.0.0.1:%1").arg(probePorts[0]),
                         QStringLiteral("127.0.0.1:%1").arg(probePorts[1])};
        both.sort(); // as instancesAboveZero() and firing() sort what they find
        const QString heartbeat =
            QStringLiteral(R"(mcast_monitor_packets_total{group="239.1.1.1",port="%1",source="127.0.0.1",format="atu"})").arg(group);
        QTRY_VERIFY2_WITH_TIMEOUT(instancesAboveZero(heartbeat) == both, qPrintable(logs()), 30000);
        QVERIFY(firing(QStringLiteral("McastHeartbeatSilent")).isEmpty());

        // Silent after 3 s, firing 10 s later.
        sender.terminate();
        QVERIFY(sender.waitForFinished(10000));
        QTRY_VERIFY2_WITH_TIMEOUT(firing(QStringLiteral("McastHeartbeatSilent")) == both, qPrintable(logs()), 40000);
        QVERIFY(firing(QStringLiteral("McastProbeDown")).isEmpty());

        prometheus.terminate();
        for (QProcess &probe : probes)
            probe.terminate();
        QVERIFY(prometheus.waitForFinished(10000));
        for (QProcess &probe : probes)
            QVERIFY(probe.waitForFinished(10000));
    }
};

QTEST_GUILESS_MAIN(TestPrometheus)
#include "tst_prometheus.moc"
