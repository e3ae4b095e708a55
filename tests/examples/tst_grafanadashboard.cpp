#include "HostPrograms.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// examples/grafana/dashboard.json as Grafana imports it: a dashboard asking for its
// Prometheus data source, with panels whose queries are valid PromQL over the metric
// names the monitor exposes.
class TestGrafanaDashboard final : public QObject
{
    Q_OBJECT

private:
    QJsonObject m_dashboard;

    QStringList expressions() const
    {
        QStringList found;
        for (const QJsonValue &panel : m_dashboard[QStringLiteral("panels")].toArray()) {
            for (const QJsonValue &target : panel.toObject()[QStringLiteral("targets")].toArray())
                found.append(target.toObject()[QStringLiteral("expr")].toString());
        }
        return found;
    }

private slots:
    void initTestCase()
    {
        QFile file(QStringLiteral(MCAST_MONITOR_SOURCE_DIR "/examples/grafana/dashboard.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError error;
        m_dashboard = QJsonDocument::fromJson(file.readAll(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    }

    void asksForItsDataSourceOnImport()
    {
        const QJsonObject input = m_dashboard[QStringLiteral("__inputs")].toArray().at(0).toObject();
        QCOMPARE(input[QStringLiteral("name")].toString(), QStringLiteral("DS_PROMETHEUS"));
        QCOMPARE(input[QStringLiteral("pluginId")].toString(), QStringLiteral("prometheus"));
        QVERIFY(!m_dashboard[QStringLiteral("uid")].toString().isEmpty());
        QVERIFY(m_dashboard[QStringLiteral("schemaVersion")].toInt() >= 30);
        QVERIFY(!m_dashboard.contains(QStringLiteral("id"))); // an export without the source's id
    }

    void panelsShowRatesLossJitterOffsetAndState()
    {
        QStringList titles;
        QSet<int> ids;
        for (const QJsonValue &value : m_dashboard[QStringLiteral("panels")].toArray()) {
            const QJsonObject panel = value.toObject();
            titles.append(panel[QStringLiteral("title")].toString());
            ids.insert(panel[QStringLiteral("id")].toInt());
            QCOMPARE(panel[QStringLiteral("datasource")].toObject()[QStringLiteral("uid")].toString(),
                     QStringLiteral("${DS_PROMETHEUS}"));
            const QJsonObject grid = panel[QStringLiteral("gridPos")].toObject();
            QVERIFY(grid[QStringLiteral("w")].toInt() > 0 && grid[QStringLiteral("h")].toInt() > 0);
            QVERIFY(!panel[QStringLiteral("targets")].toArray().isEmpty());
        }
        QCOMPARE(ids.size(), titles.size());
        for (const char *wanted : {"State per flow", "Packets per second", "Bits per second", "Loss", "Jitter", "ATU offset"})
            QVERIFY2(titles.contains(QLatin1String(wanted)), wanted);
    }

    void queriesUseTheExposedNames()
    {
        const QSet<QString> contract{
            "mcast_monitor_packets_total", "mcast_monitor_bytes_total", "mcast_monitor_lost_total",
            "mcast_monitor_duplicates_total", "mcast_monitor_reordered_total",
            "mcast_monitor_last_packet_timestamp_seconds", "mcast_monitor_interval_seconds",
            "mcast_monitor_jitter_seconds", "mcast_monitor_interval_jitter_seconds", "mcast_monitor_delay_seconds",
            "mcast_monitor_seq_restarts_total", "mcast_monitor_cc_errors_total", "mcast_monitor_atu_offset_seconds", "mcast_monitor_flow_state",
            "mcast_monitor_subscription_joined", "mcast_monitor_os_drops_total", "mcast_monitor_build_info"};
        static const QRegularExpression name(QStringLiteral("mcast_monitor_[a-z_]+"));
        for (const QString &expression : expressions()) {
            for (auto match = name.globalMatch(expression); match.hasNext();)
                QVERIFY2(contract.contains(match.next().captured()), qPrintable(expression));
        }
    }

    void queriesAreValidPromQL()
    {
        const QString promtool = HostPrograms::find(QStringLiteral("promtool"));
        if (promtool.isEmpty())
            QSKIP("promtool is not installed (Debian: prometheus; build.sh installs it)");
        // promtool parses PromQL in rule files: one recording rule per query, with Grafana's
        // variables as Grafana would fill them in.
        QTemporaryDir dir;
        QFile rules(dir.filePath(QStringLiteral("queries.yml")));
        QVERIFY(rules.open(QIODevice::WriteOnly));
        rules.write("groups:\n  - name: dashboard\n    rules:\n");
        const QStringList queries = expressions();
        QVERIFY(!queries.isEmpty());
        for (int i = 0; i < queries.size(); ++i) {
            QString query = queries[i];
            query.replace(QStringLiteral("$__rate_interval"), QStringLiteral("1m"))
                .replace(QStringLiteral("$instance"), QStringLiteral(".*"));
            rules.write(QStringLiteral("      - record: dashboard:query%1\n        expr: '%2'\n")
                            .arg(i)
                            .arg(query.replace(QLatin1Char('\''), QStringLiteral("''")))
                            .toUtf8());
        }
        rules.close();
        QProcess check;
        check.setProcessChannelMode(QProcess::MergedChannels);
        check.start(promtool, {QStringLiteral("check"), QStringLiteral("rules"), rules.fileName()});
        QVERIFY(check.waitForFinished(30000));
        QVERIFY2(check.exitCode() == 0, check.readAll().constData());
    }
};

QTEST_GUILESS_MAIN(TestGrafanaDashboard)
#include "tst_grafanadashboard.moc"
