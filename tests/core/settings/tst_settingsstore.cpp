#include "settings/SettingsStore.h"

#include "net/SubscriptionSpec.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace {

// Root may write where permissions say it may not (the test namespace often runs as root).
bool permissionsBindUs()
{
#ifdef Q_OS_UNIX
    return geteuid() != 0;
#else
    return false;
#endif
}

QString reasonIn(const QSignalSpy &spy)
{
    return spy.isEmpty() ? QString() : spy.last().at(1).toString();
}

} // namespace

class TestSettingsStore final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFile(const QByteArray &content)
    {
        static int counter = 0;
        const QString path = m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++counter));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(content);
        return path;
    }

private slots:
    void roundTripsEverySetting()
    {
        const QString path = m_dir.filePath(QStringLiteral("roundtrip.ini"));
        ReceiveConfig receive;
        receive.group = QHostAddress(QStringLiteral("239.5.5.5"));
        receive.port = 6001;
        receive.interfaceSpec = QStringLiteral("lo");
        receive.historyRows = 500;
        TransmitConfig transmit;
        transmit.group = QHostAddress(QStringLiteral("ff15::1234"));
        transmit.port = 6002;
        transmit.format = PayloadFormat::MpegTs;
        transmit.rate = 100000;
        transmit.size = 188;
        transmit.ttl = 9;
        transmit.loopback = false;
        transmit.interval = std::chrono::microseconds(1500); // kept to the microsecond
        transmit.prefix = QStringLiteral("UPS");
        {
            SettingsStore store(path);
            store.save(receive);
            store.save(transmit);
            store.saveWindow("geometry", "state");
        }
        SettingsStore store(path);
        const ReceiveConfig r = store.receiveConfig();
        const TransmitConfig t = store.transmitConfig();
        QCOMPARE(r.group, receive.group);
        QCOMPARE(r.port, receive.port);
        QCOMPARE(r.interfaceSpec, receive.interfaceSpec);
        QCOMPARE(r.historyRows, 500);
        QCOMPARE(t.group, transmit.group);
        QCOMPARE(t.port, transmit.port);
        QCOMPARE(t.ttl, 9);
        QCOMPARE(t.loopback, false);
        QCOMPARE(qint64(t.interval.count()), qint64(1500));
        QCOMPARE(t.prefix, QStringLiteral("UPS"));
        QCOMPARE(t.format, PayloadFormat::MpegTs);
        QCOMPARE(t.rate, qint64(100000));
        QCOMPARE(t.size, 188);
        QCOMPARE(store.windowGeometry(), QByteArray("geometry"));
        QVERIFY(store.takeWarnings().isEmpty());
    }

    void roundTripsSubscriptionChoices()
    {
        const QString path = m_dir.filePath(QStringLiteral("subscriptions.ini"));
        QString error;
        const auto first = SubscriptionSpec::parse(u"239.1.1.2:5002@lo", {}, &error);
        const auto second = SubscriptionSpec::parse(u"10.0.0.5,239.7.7.7:6000@127.0.0.1", {}, &error);
        auto third = SubscriptionSpec::parse(u"[ff15::1234]:5001@lo", {}, &error);
        QVERIFY2(first && second && third, qPrintable(error));
        third->format = PayloadFormat::RtpMpegTs; // chosen for this one; the others detect theirs
        const QList<SubscriptionChoice> choices{{*first, true}, {*second, false}, {*third, true}};
        {
            SettingsStore store(path);
            store.save(choices);
        }
        SettingsStore store(path);
        QCOMPARE(store.subscriptionChoices(), choices);
        QVERIFY(store.takeWarnings().isEmpty());

        // A shorter list replaces the longer one, and an empty list stays empty.
        store.save(QList<SubscriptionChoice>{{*second, true}});
        QCOMPARE(SettingsStore(path).subscriptionChoices(),
                 (QList<SubscriptionChoice>{{*second, true}}));
        store.save(QList<SubscriptionChoice>{});
        QVERIFY(SettingsStore(path).subscriptionChoices().isEmpty());
    }

    void roundTripsTableColumns()
    {
        const QString path = m_dir.filePath(QStringLiteral("columns.ini"));
        const QList<ColumnChoice> columns{{"source", true, 120}, {"ours", false, 0}, {"state", true, 80}};
        {
            SettingsStore store(path);
            QVERIFY(store.tableColumns(QStringLiteral("flows")).isEmpty()); // never saved
            store.saveTableColumns(QStringLiteral("flows"), columns);
        }
        SettingsStore store(path);
        QCOMPARE(store.tableColumns(QStringLiteral("flows")), columns);
        QVERIFY(store.tableColumns(QStringLiteral("datagrams")).isEmpty()); // tables apart
        QVERIFY(store.takeWarnings().isEmpty());
        // A shorter list replaces the longer one.
        store.saveTableColumns(QStringLiteral("flows"), {{"state", false, 0}});
        QCOMPARE(SettingsStore(path).tableColumns(QStringLiteral("flows")),
                 (QList<ColumnChoice>{{"state", false, 0}}));
    }

    void hostileTableColumnsAreDroppedOrReset()
    {
        SettingsStore store(writeFile("[tables]\nflows\\columns\\size=4\n"
                                      "flows\\columns\\1\\name=source\n"
                                      "flows\\columns\\1\\width=-5\n"
                                      "flows\\columns\\2\\width=90\n"
                                      "flows\\columns\\3\\name=state\n"
                                      "flows\\columns\\3\\shown=false\n"
                                      "flows\\columns\\3\\width=100000000000\n"
                                      "flows\\columns\\4\\name=" + QByteArray(200, 'x') + "\n"));
        QCOMPARE(store.tableColumns(QStringLiteral("flows")),
                 (QList<ColumnChoice>{{"source", true, 0}, {"state", false, 0}}));
        QCOMPARE(store.takeWarnings().size(), 4);
    }

    void firstStartGivesTheSeedsSubscription()
    {
        SettingsStore store(m_dir.filePath(QStringLiteral("none.ini")));
        const QList<SubscriptionChoice> choices = store.subscriptionChoices();
        QCOMPARE(choices.size(), 1);
        QCOMPARE(choices.front().subscription.toString(), QStringLiteral("239.1.1.1:5001@127.0.0.1"));
        QVERIFY(choices.front().enabled);
    }

    // Settings from before the list: the single group, port and interface become one row.
    void migratesTheSingleSubscription()
    {
        SettingsStore store(writeFile("[receive]\ngroup=239.4.4.4\nport=6400\ninterface=lo\n"));
        const QList<SubscriptionChoice> choices = store.subscriptionChoices();
        QCOMPARE(choices.size(), 1);
        QCOMPARE(choices.front().subscription.toString(), QStringLiteral("239.4.4.4:6400@lo"));
        QVERIFY(choices.front().enabled);
        QVERIFY(store.takeWarnings().isEmpty());
    }

    void leavesOutSubscriptionsThatDoNotParse()
    {
        SettingsStore store(writeFile("[receive]\nsubscriptions\\size=3\n"
                                      "subscriptions\\1\\spec=239.1.1.9:5009@lo\n"
                                      "subscriptions\\1\\enabled=false\n"
                                      "subscriptions\\2\\spec=10.0.0.1:5000\n"
                                      "subscriptions\\3\\spec=239.1.1.10\n"));
        const QList<SubscriptionChoice> choices = store.subscriptionChoices();
        QCOMPARE(choices.size(), 2);
        QCOMPARE(choices.at(0).subscription.toString(), QStringLiteral("239.1.1.9:5009@lo"));
        QVERIFY(!choices.at(0).enabled);
        // What a spec leaves out comes from the receive section's defaults.
        QCOMPARE(choices.at(1).subscription.toString(), QStringLiteral("239.1.1.10:5001@127.0.0.1"));
        QVERIFY(choices.at(1).enabled);
        const QStringList warnings = store.takeWarnings();
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.front().contains(QStringLiteral("not a multicast group")),
                 qPrintable(warnings.front()));
    }

    void hostileStreamSettingsGiveDefaults()
    {
        SettingsStore store(writeFile("[transmit]\nformat=raw\nrate=0\nsize=70000\n"));
        const TransmitConfig config = store.transmitConfig();
        QCOMPARE(config.format, PayloadFormat::Atu);
        QCOMPARE(config.rate, qint64(1000));
        QCOMPARE(config.size, 0);
        const QStringList warnings = store.takeWarnings();
        QCOMPARE(warnings.size(), 3);
        QVERIFY2(warnings.front().contains(QStringLiteral("'raw' is not atu, rtp, mpegts or iperf2")),
                 qPrintable(warnings.front()));
    }

    void anUnknownPayloadFormatIsDetectedInstead()
    {
        SettingsStore store(writeFile("[receive]\nsubscriptions\\size=2\n"
                                      "subscriptions\\1\\spec=239.1.1.9:5009@lo\n"
                                      "subscriptions\\1\\format=mcjoin\n"
                                      "subscriptions\\2\\spec=239.1.1.10:5009@lo\n"
                                      "subscriptions\\2\\format=\"<b>\\x1b[31mh264\"\n"));
        const QList<SubscriptionChoice> choices = store.subscriptionChoices();
        QCOMPARE(choices.size(), 2);
        QCOMPARE(choices.at(0).subscription.format, FormatChoice(PayloadFormat::Mcjoin));
        QCOMPARE(choices.at(1).subscription.format, FormatChoice());
        const QStringList warnings = store.takeWarnings();
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.front().contains(QStringLiteral("is no payload format")), qPrintable(warnings.front()));
    }

    // Files written before the interval had a fraction hold whole milliseconds.
    void readsIntervalsInMilliseconds()
    {
        SettingsStore whole(writeFile("[transmit]\nintervalMs=250\n"));
        QCOMPARE(qint64(whole.transmitConfig().interval.count()), qint64(250000));
        SettingsStore infinite(writeFile("[transmit]\nintervalMs=inf\n"));
        QCOMPARE(infinite.transmitConfig().interval, TransmitConfig().interval);
        QCOMPARE(infinite.takeWarnings().size(), 1);
    }

    void hostileValuesFallBackToDefaultsWithWarnings()
    {
        const QString path = writeFile("[receive]\n"
                                       "group=10.0.0.1\n"
                                       "port=99999\n"
                                       "historyRows=-7\n"
                                       "[transmit]\n"
                                       "group=<b>abc</b>\n"
                                       "port=x\n"
                                       "ttl=4096\n"
                                       "loopback=maybe\n"
                                       "intervalMs=-5\n"
                                       "prefix=" + QByteArray(5000, 'A') + "\n");
        SettingsStore store(path);
        const ReceiveConfig r = store.receiveConfig();
        const TransmitConfig t = store.transmitConfig();
        const ReceiveConfig defaultsR;
        const TransmitConfig defaultsT;
        QCOMPARE(r.group, defaultsR.group);
        QCOMPARE(r.port, defaultsR.port);
        QCOMPARE(r.historyRows, defaultsR.historyRows);
        QCOMPARE(t.group, defaultsT.group);
        QCOMPARE(t.port, defaultsT.port);
        QCOMPARE(t.ttl, defaultsT.ttl);
        QCOMPARE(t.loopback, defaultsT.loopback);
        QCOMPARE(t.interval, defaultsT.interval);
        QCOMPARE(t.prefix, defaultsT.prefix);
        const QStringList warnings = store.takeWarnings();
        QCOMPARE(warnings.size(), 9); // one per hostile value
        QVERIFY(warnings.join(QLatin1Char('\n')).contains(QStringLiteral("receive/group")));
        QVERIFY(store.takeWarnings().isEmpty()); // taken once
    }

    void binaryGarbageDoesNotCrash()
    {
        QByteArray garbage;
        for (int i = 0; i < 4096; ++i)
            garbage += char((i * 131 + 7) % 256);
        SettingsStore store(writeFile(garbage));
        const ReceiveConfig r = store.receiveConfig();
        QCOMPARE(r.port, ReceiveConfig().port);
        QCOMPARE(store.transmitConfig().prefix, TransmitConfig().prefix);
        store.takeWarnings(); // whatever it says, it says it without crashing
    }

    void missingFileGivesDefaultsSilently()
    {
        SettingsStore store(m_dir.filePath(QStringLiteral("none.ini")));
        QCOMPARE(store.receiveConfig().group, ReceiveConfig().group);
        QVERIFY(store.takeWarnings().isEmpty());
    }

    void savesAtOnceIntoFoldersItMakes()
    {
        const QString path = m_dir.filePath(QStringLiteral("new/folders/settings.ini"));
        SettingsStore store(path);
        QSignalSpy problems(&store, &SettingsStore::saveProblemChanged);
        QVERIFY(store.checkSaving());
        ReceiveConfig receive;
        receive.port = 6123;
        store.save(receive);
        QVERIFY(QFileInfo(path).isFile()); // written now, not when the store goes
        QCOMPARE(SettingsStore(path).receiveConfig().port, quint16(6123));
        QCOMPARE(problems.size(), 0);
    }

    void saysWhenAFolderOnThePathIsAFile()
    {
        // Fails for root too: nobody can make a folder inside a file.
        const QString blocker = writeFile("not a folder");
        const QString path = blocker + QStringLiteral("/mcast-monitor/settings.ini");
        SettingsStore store(path);
        QSignalSpy problems(&store, &SettingsStore::saveProblemChanged);
        QVERIFY(!store.checkSaving());
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().at(0).toString(), QDir::toNativeSeparators(path));
        QCOMPARE(
            reasonIn(problems),
            QStringLiteral("%1 is a file, not a folder").arg(QDir::toNativeSeparators(blocker)));

        store.save(TransmitConfig()); // the same problem is said once
        QCOMPARE(problems.size(), 1);
        QVERIFY(!QFileInfo::exists(path));

        // Once the file is out of the way, saving works and says so.
        QVERIFY(QFile::remove(blocker));
        store.setDarkTheme(true);
        QCOMPARE(problems.size(), 2);
        QCOMPARE(reasonIn(problems), QString());
        QVERIFY(SettingsStore(path).darkTheme());
    }

    void saysWhenTheSettingsPathIsAFolder()
    {
        const QString path = m_dir.filePath(QStringLiteral("a-folder.ini"));
        QVERIFY(QDir().mkpath(path));
        SettingsStore store(path);
        QSignalSpy problems(&store, &SettingsStore::saveProblemChanged);
        QVERIFY(!store.checkSaving());
        QCOMPARE(reasonIn(problems),
                 QStringLiteral("%1 is a folder").arg(QDir::toNativeSeparators(path)));
    }

    void saysWhenTheFolderIsReadOnly()
    {
        if (!permissionsBindUs())
            QSKIP("running as root, who may write into a read-only folder");
        const QString folder = m_dir.filePath(QStringLiteral("read-only"));
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
        SettingsStore store(folder
                            + QStringLiteral("/config/settings.ini")); // a home that is read-only
        QSignalSpy problems(&store, &SettingsStore::saveProblemChanged);
        store.save(ReceiveConfig());
        QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QCOMPARE(problems.size(), 1);
        QCOMPARE(reasonIn(problems),
                 QStringLiteral("folder %1 is not writable").arg(QDir::toNativeSeparators(folder)));
    }

    void saysWhenTheFileIsReadOnly()
    {
        if (!permissionsBindUs())
            QSKIP("running as root, who may write a read-only file");
        const QString path = writeFile("[receive]\nport=6000\n");
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner));
        SettingsStore store(path);
        QSignalSpy problems(&store, &SettingsStore::saveProblemChanged);
        QVERIFY(!store.checkSaving());
        QCOMPARE(reasonIn(problems), QStringLiteral("the file is read-only"));
        QCOMPARE(store.receiveConfig().port, quint16(6000)); // still read
    }
};

QTEST_GUILESS_MAIN(TestSettingsStore)
#include "tst_settingsstore.moc"
