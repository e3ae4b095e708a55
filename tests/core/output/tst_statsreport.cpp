#include "output/StatsReport.h"

#include "TestDatagrams.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

using TestDatagrams::datagram;

QStringList keysInOrder(const QByteArray &json)
{
    // QJsonObject sorts its keys; read the order from the text itself.
    QStringList keys;
    int depth = 0;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (c == '{' || c == '[') ++depth;
        if (c == '}' || c == ']') --depth;
        if (c == '"' && depth == 1) {
            const qsizetype end = json.indexOf('"', i + 1);
            if (json.at(end + 1) == ':')
                keys.append(QString::fromLatin1(json.mid(i + 1, end - i - 1)));
            i = end;
        }
    }
    return keys;
}

} // namespace

class TestStatsReport final : public QObject
{
    Q_OBJECT

private slots:
    void statsJsonHasExactlyTheDocumentedShape()
    {
        qint64 now = 1'700'000'000'000'000;
        TrafficStatistics statistics([&now] { return now; });
        SubscriptionStatus joined;
        joined.subscription = Subscription{TestDatagrams::group, {}, TestDatagrams::port, QStringLiteral("lo")};
        joined.networkInterface.name = QStringLiteral("lo");
        joined.state = SubscriptionStatus::State::Joined;
        SubscriptionStatus waiting;
        waiting.subscription = Subscription{*IpAddress::parse(u"ff15::1"), *IpAddress::parse(u"2001:db8::5"), 6000,
                                            QStringLiteral("mcV1")};
        waiting.state = SubscriptionStatus::State::WaitingForInterface;
        statistics.setSubscriptions({joined, waiting});
        for (int i = 0; i < 10; ++i) {
            ReceivedDatagram d = datagram(IpAddress::fromIPv4(0x7f000001), 4000, now - 9'000'000 + i * 1'000'000, 30);
            d.atuTimeUs = d.arrivalUs - 1500;
            d.subscription = 0;
            statistics.record(d);
            statistics.record(datagram(IpAddress::fromIPv4(0x7f000002), 5000, now - 9'000'000 + i * 1'000'000, 10));
        }
        const QByteArray line = StatsReport::statsJson(statistics, std::nullopt, 7);
        QCOMPARE(keysInOrder(line),
                 (QStringList{"type", "time", "total", "os_drops", "dropped_lines", "subscriptions", "senders"}));
        const QJsonObject stats = QJsonDocument::fromJson(line).object();
        QCOMPARE(stats["type"].toString(), QStringLiteral("stats"));
        QCOMPARE(stats["dropped_lines"].toInt(), 7);
        const QJsonObject total = stats["total"].toObject();
        QCOMPARE(total.keys(), (QStringList{"bps", "bytes", "packets", "pps"}));
        QCOMPARE(total["packets"].toInt(), 20);
        QCOMPARE(total["bytes"].toInt(), 400);
        QCOMPARE(total["pps"].toDouble(), 2.0); // 20 packets in the last 10 s
        QCOMPARE(total["bps"].toDouble(), 40.0);
        const QJsonArray subscriptions = stats["subscriptions"].toArray();
        QCOMPARE(subscriptions.size(), 2);
        const QJsonObject lo = subscriptions[0].toObject();
        QCOMPARE(keysInOrder(QJsonDocument(lo).toJson(QJsonDocument::Compact)).size(), 9);
        QCOMPARE(lo.keys(), (QStringList{"bps", "bytes", "group", "interface", "packets", "port", "pps", "source",
                                         "state"}));
        QCOMPARE(lo["group"].toString(), QStringLiteral("239.1.1.1"));
        QVERIFY(lo["source"].isNull());
        QCOMPARE(lo["interface"].toString(), QStringLiteral("lo"));
        QCOMPARE(lo["state"].toString(), QStringLiteral("joined"));
        QCOMPARE(lo["packets"].toInt(), 10); // only the datagrams it carried
        QCOMPARE(lo["bytes"].toInt(), 300);
        QCOMPARE(lo["pps"].toDouble(), 1.0);
        const QJsonObject v6 = subscriptions[1].toObject();
        QCOMPARE(v6["group"].toString(), QStringLiteral("ff15::1"));
        QCOMPARE(v6["source"].toString(), QStringLiteral("2001:db8::5"));
        QCOMPARE(v6["port"].toInt(), 6000);
        QCOMPARE(v6["interface"].toString(), QStringLiteral("mcV1")); // not resolved: as asked for
        QCOMPARE(v6["state"].toString(), QStringLiteral("waiting"));
        QCOMPARE(v6["packets"].toInt(), 0);
        const QJsonArray senders = stats["senders"].toArray();
        QCOMPARE(senders.size(), 2);
        const QJsonObject first = senders[0].toObject();
        QCOMPARE(first.keys(),
                 (QStringList{"atu_offset_ms", "bps", "bytes", "cc_errors", "delay_ms", "duplicates", "format",
                              "group", "interval_jitter_ms", "jitter_ms", "last_interval_ms", "loss_percent", "lost",
                              "mdi_df_ms", "mdi_mlr", "mean_interval_ms", "ours", "outage_ms", "outages", "packets", "pid_count", "pids",
                              "port", "port_count", "ports", "pps", "reordered", "seq_restarts", "source",
                              "state"}));
        QCOMPARE(first["group"].toString(), QStringLiteral("239.1.1.1"));
        QCOMPARE(first["port"].toInt(), 5001);
        QCOMPARE(first["format"].toString(), QStringLiteral("raw"));
        QCOMPARE(first["ours"].toBool(), false);
        QCOMPARE(first["outages"].toInt(), 0);
        QCOMPARE(first["source"].toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(first["ports"].toArray(), QJsonArray{4000});
        QCOMPARE(first["port_count"].toInt(), 1);
        QCOMPARE(first["state"].toString(), QStringLiteral("live"));
        QCOMPARE(first["last_interval_ms"].toDouble(), 1000.0);
        QCOMPARE(first["mean_interval_ms"].toDouble(), 1000.0);
        QCOMPARE(first["interval_jitter_ms"].toDouble(), 0.0);
        // Raw: nothing to analyse.
        for (const char *key : {"lost", "loss_percent", "duplicates", "reordered", "seq_restarts", "jitter_ms",
                                "delay_ms", "cc_errors", "pid_count", "pids"})
            QVERIFY2(first[QLatin1String(key)].isNull(), key);
        QCOMPARE(first["atu_offset_ms"].toDouble(), 1.5);
        QVERIFY(senders[1].toObject()["atu_offset_ms"].isNull());
    }

    void eventJsonHasExactlyTheDocumentedKeys()
    {
        const LivenessEvent event{1'700'000'000'000'000, IpAddress::fromIPv4(0x7f000001), LivenessEvent::Kind::Silent, 0};
        const QByteArray line = StatsReport::eventJson(event);
        QCOMPARE(keysInOrder(line), (QStringList{"type", "time", "source", "event"}));
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        QCOMPARE(object["type"].toString(), QStringLiteral("event"));
        QCOMPARE(object["source"].toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(object["event"].toString(), QStringLiteral("silent"));
    }

    void readableText()
    {
        const LivenessEvent back{1'700'000'000'000'000, IpAddress::fromIPv4(0x7f000001), LivenessEvent::Kind::Back, 12'340'000};
        QVERIFY(StatsReport::eventText(back).endsWith("127.0.0.1 back after 12.3 s"));
        TrafficStatistics statistics([] { return qint64(1'000'000); });
        statistics.record(datagram(IpAddress::fromIPv4(0x7f000001), 4000, 500'000, 30));
        statistics.record(datagram(IpAddress::fromIPv4(0x7f000001), 4001, 600'000, 30));
        const QByteArray text = StatsReport::statsText(statistics, std::nullopt, 12);
        QVERIFY2(text.contains("2 packets, 60 bytes"), text.constData());
        // The same port list as the senders table's.
        QVERIFY2(text.contains("127.0.0.1 → 239.1.1.1:5001 raw ports 4000, 4001: 2 packets"),
                 text.constData());
        QVERIFY2(text.contains("0 dropped by the OS, 12 output lines dropped; 1 live, 0 late, 0 silent"),
                 text.constData());
    }
};

QTEST_APPLESS_MAIN(TestStatsReport)
#include "tst_statsreport.moc"
