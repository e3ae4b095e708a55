#include "settings/SettingsStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

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
        transmit.group = QHostAddress(QStringLiteral("239.6.6.6"));
        transmit.port = 6002;
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
        QCOMPARE(store.windowGeometry(), QByteArray("geometry"));
        QVERIFY(store.takeWarnings().isEmpty());
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
};

QTEST_GUILESS_MAIN(TestSettingsStore)
#include "tst_settingsstore.moc"
