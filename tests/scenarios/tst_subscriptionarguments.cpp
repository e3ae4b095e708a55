// Runs the real executable with --group specs, in the window (offscreen) and headless:
// every spec the issue refuses is exit 2 with one line naming the value, before anything
// starts; several specs, IPv6 and a source filter are joined; the window's command-line
// subscriptions leave the saved list alone.
#include "TestNetwork.h"
#include "settings/SettingsStore.h"
#include "net/SubscriptionSpec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestSubscriptionArguments final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_config; // keeps the user's saved settings out of the test

    QString settingsPath() const
    {
        return m_config.filePath(QStringLiteral("mcast-monitor/mcast-monitor.conf"));
    }

    void prepare(QProcess &process, const QStringList &arguments)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(environment);
        process.setProgram(QStringLiteral(MCAST_MONITOR_BINARY));
        process.setArguments(arguments);
    }

    // Runs to the end: the exit code (-1: it did not end within 10 s), stdout and stderr.
    int run(const QStringList &arguments, QByteArray *output, QByteArray *errors)
    {
        QProcess process;
        prepare(process, arguments);
        process.start();
        if (!process.waitForFinished(10000))
            return -1;
        *output = process.readAllStandardOutput();
        *errors = process.readAllStandardError();
        return process.exitCode();
    }

    static QJsonObject lastStats(const QByteArray &output)
    {
        QJsonObject last;
        for (const QByteArray &line : output.trimmed().split('\n')) {
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            if (object[QLatin1String("type")] == QLatin1String("stats"))
                last = object;
        }
        return last;
    }

private slots:
    void initTestCase() { QVERIFY(m_config.isValid()); }

    void refusedSpecsExitTwoNamingTheValue_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("named");
        const QList<std::pair<const char *, QStringList>> modes{{"window", {}},
                                                               {"headless", {"--headless"}}};
        for (const auto &[mode, first] : modes) {
            const auto row = [&](const char *name, const QStringList &arguments, const char *named) {
                QTest::addRow("%s, %s", mode, name) << first + arguments << QString::fromUtf8(named);
            };
            row("SSM group without a source", {"--group", "232.1.1.1"}, "232.1.1.1 is a source-specific group");
            row("SSM spec without a source", {"--group", "239.1.1.2", "--group", "232.1.1.1:5001@lo"},
                "232.1.1.1 is a source-specific group (232.0.0.0/8)");
            row("IPv6 SSM without a source", {"--group", "[ff35::1]:6000@lo"}, "ff35::1 is a source-specific group");
            row("source of the wrong family", {"--group", "198.18.0.5,[ff35::1]:6000@lo"},
                "source 198.18.0.5 and group ff35::1 are not of the same address family");
            row("leading zeros", {"--group", "239.010.1.1"}, "'239.010.1.1'");
            row("leading zeros in a spec", {"--group", "239.1.1.08:5000@lo"}, "\"239.1.1.08\": leading zeros");
            row("link-local IPv6 without an interface", {"--group", "[ff02::1]:6000"},
                "ff02::1 is link-local: give its interface");
            row("link-local IPv6 of ff12", {"--port", "6000", "--group", "[ff12::7]"}, "ff12::7 is link-local");
            row("unknown interface of a spec", {"--group", "[ff15::1]:6000@nosuch0"}, "nosuch0");
            row("unknown --interface", {"--interface", "2001:db8::77"}, "2001:db8::77");
        }
    }

    void refusedSpecsExitTwoNamingTheValue()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, named);
        QByteArray output;
        QByteArray errors;
        QCOMPARE(run(arguments, &output, &errors), 2);
        QCOMPARE(output, QByteArray());
        QCOMPARE(errors.count('\n'), 1);
        QVERIFY2(errors.startsWith("mcast-monitor: "), errors.constData());
        QVERIFY2(QString::fromUtf8(errors).contains(named), errors.constData());
    }

    // Outside the SSM ranges a source filters: another sender to the group is not received.
    void aSourceFiltersAnyOtherGroup()
    {
        REQUIRE_PRIVATE_NETWORK();
        const quint16 port = TestNetwork::freshPort(60);
        QProcess listener;
        prepare(listener, {"--headless", "--json", "--count", "1", "--duration", "5", "--group",
                           QStringLiteral("127.0.0.1,239.1.6.1:%1@lo").arg(port)});
        listener.start();
        QByteArray errors;
        QTRY_VERIFY_WITH_TIMEOUT((errors += listener.readAllStandardError()).contains("Listening to"), 5000);
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.2"), QStringLiteral("239.1.6.1"), port, "filtered"));
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QStringLiteral("239.1.6.1"), port, "wanted"));
        QVERIFY(listener.waitForFinished(10000));
        QCOMPARE(listener.exitCode(), 0);
        QList<QJsonObject> datagrams;
        for (const QByteArray &line : listener.readAllStandardOutput().trimmed().split('\n')) {
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            if (object[QLatin1String("type")] == QLatin1String("datagram"))
                datagrams.append(object);
        }
        QCOMPARE(datagrams.size(), 1);
        QCOMPARE(datagrams[0][QLatin1String("payload")].toString(), QStringLiteral("wanted"));
        QCOMPARE(datagrams[0][QLatin1String("source")].toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(datagrams[0][QLatin1String("group")].toString(), QStringLiteral("239.1.6.1"));
    }

    // The window joins every spec given, IPv6 included, for this run; the saved list stays.
    void theWindowJoinsSeveralSpecsAndKeepsTheSavedList()
    {
        REQUIRE_PRIVATE_NETWORK();
        QString error;
        const auto saved = SubscriptionSpec::parse(u"239.3.3.3:6300@lo", {}, &error);
        QVERIFY2(saved, qPrintable(error));
        const QList<SubscriptionChoice> savedList{{*saved, false}};
        SettingsStore(settingsPath()).save(savedList);

        const quint16 port = TestNetwork::freshPort(61);
        QProcess window;
        prepare(window, {"--stats", "0.2", "--json", "--duration", "1.5", "--interface", "lo", "--group",
                         QStringLiteral("239.1.6.2:%1").arg(port), "--group",
                         QStringLiteral("[ff15::62]:%1@lo").arg(port + 1)});
        window.start();
        QByteArray output;
        QTRY_VERIFY_WITH_TIMEOUT(lastStats(output += window.readAllStandardOutput())
                                         [QLatin1String("subscriptions")].toArray().size() == 2,
                                 5000);
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QStringLiteral("239.1.6.2"), port, "one"));
        QVERIFY(window.waitForFinished(10000));
        QCOMPARE(window.exitCode(), 0);
        output += window.readAllStandardOutput();
        const QJsonArray subscriptions = lastStats(output)[QLatin1String("subscriptions")].toArray();
        QCOMPARE(subscriptions.size(), 2);
        QCOMPARE(subscriptions[0].toObject()[QLatin1String("group")].toString(), QStringLiteral("239.1.6.2"));
        QCOMPARE(subscriptions[0].toObject()[QLatin1String("interface")].toString(), QStringLiteral("lo"));
        QCOMPARE(subscriptions[0].toObject()[QLatin1String("state")].toString(), QStringLiteral("joined"));
        QCOMPARE(subscriptions[0].toObject()[QLatin1String("packets")].toInt(), 1);
        QCOMPARE(subscriptions[1].toObject()[QLatin1String("group")].toString(), QStringLiteral("ff15::62"));
        QCOMPARE(subscriptions[1].toObject()[QLatin1String("port")].toInt(), port + 1);

        QCOMPARE(SettingsStore(settingsPath()).subscriptionChoices(), savedList);
    }
};

QTEST_GUILESS_MAIN(TestSubscriptionArguments)
#include "tst_subscriptionarguments.moc"
