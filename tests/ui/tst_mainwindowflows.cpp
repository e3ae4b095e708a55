#include "EventLogModel.h"
#include "MainWindow.h"
#include "OwnTransmitterMarker.h"
#include "ReceiveChoices.h"
#include "SenderTableModel.h"
#include "SilenceBanner.h"
#include "TestNetwork.h"
#include "decoders/AtuMessage.h"
#include "session/MonitorSession.h"
#include "settings/SettingsStore.h"

#include <QApplication>
#include <QDateTime>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

// The window on a real socket: what flows its tables show and what liveness says about
// them, in the seed's default setup on loopback.
class TestMainWindowFlows final : public QObject
{
    Q_OBJECT

    static constexpr int intervalMs = 200;

    // The seed's publisher: "ATU <str(datetime.now())>", a new socket (so a new source
    // port) for every message.
    static QByteArray seedMessage()
    {
        return "ATU " + QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz000")).toLatin1();
    }

    static QStringList column(QAbstractItemModel *model, int column)
    {
        QStringList texts;
        for (int row = 0; row < model->rowCount(); ++row)
            texts.append(model->index(row, column).data().toString());
        return texts;
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_iniPath = m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_run));
    }

    // The seed's publisher and the window's own transmitter, both on 127.0.0.1, are two
    // rows, each at its own steady interval, neither ever late.
    void publisherAndOwnTransmitterAreTwoSteadyFlows()
    {
        REQUIRE_PRIVATE_NETWORK();
        ReceiveChoices options;
        options.port = TestNetwork::freshPort(31);
        options.interfaceSpec = QStringLiteral("127.0.0.1");
        SettingsStore settings(m_iniPath);
        TransmitConfig transmit = options.applied(settings.transmitConfig());
        transmit.interval = std::chrono::milliseconds(intervalMs);
        MonitorSession session;
        MainWindow window(session, settings, options.applied(settings.receiveConfig()),
                          options.subscriptions(settings), transmit);
        window.show();
        window.startListening();
        QTRY_VERIFY(session.pipeline().listener().isListening());

        window.findChild<QPushButton *>(QStringLiteral("transmitButton"))->click();
        QTRY_VERIFY(session.transmitter().isRunning());
        QTimer publisher;
        int published = 0;
        connect(&publisher, &QTimer::timeout, this, [&] {
            QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QStringLiteral("239.1.1.1"),
                                          *options.port, seedMessage()));
            ++published;
        });
        publisher.setTimerType(Qt::PreciseTimer);
        publisher.start(intervalMs);
        QTRY_VERIFY_WITH_TIMEOUT(published >= 15, 10000);
        publisher.stop();
        window.findChild<QPushButton *>(QStringLiteral("transmitButton"))->click();
        QTRY_VERIFY(!session.transmitter().isRunning());

        QAbstractItemModel *senders = window.findChild<QTableView *>(QStringLiteral("senderView"))->model();
        QTRY_COMPARE(senders->rowCount(), 2);
        QCOMPARE(column(senders, SenderTableModel::Source), (QStringList{"127.0.0.1", "127.0.0.1"}));
        QCOMPARE(column(senders, SenderTableModel::Format), (QStringList{"atu", "atu"}));
        QStringList ours = column(senders, SenderTableModel::Ours);
        ours.sort();
        QCOMPARE(ours, (QStringList{QString(), OwnTransmitterMarker::text()}));

        const auto &flows = session.statistics().senders();
        QCOMPARE(flows.size(), std::size_t(2));
        for (const auto &flow : flows) {
            const double meanMs = flow.timing.meanIntervalUs().value_or(0) / 1000.0;
            QVERIFY2(qAbs(meanMs - intervalMs) < intervalMs * 0.15, qPrintable(QString::number(meanMs)));
            QVERIFY(flow.packets >= 10);
        }
        // The publisher's new socket per message: one flow whatever its source ports.
        const auto publisherFlow = std::find_if(flows.cbegin(), flows.cend(),
                                                [](const auto &flow) { return !flow.fromOwnTransmitter; });
        QVERIFY(publisherFlow->ports.size() > 5);

        // Nothing but the two appearances in the event log: no late, no back.
        QAbstractItemModel *events = window.findChild<QTableView *>(QStringLiteral("eventLogView"))->model();
        QCOMPARE(column(events, EventLogModel::Event), (QStringList{"appeared", "appeared"}));
    }

    // Stopping listening while the sender goes on: no silent event, banner or change of
    // state however long it stays stopped.
    void stoppedListeningNeverCallsASenderSilent()
    {
        REQUIRE_PRIVATE_NETWORK();
        ReceiveChoices options;
        options.port = TestNetwork::freshPort(32);
        options.interfaceSpec = QStringLiteral("127.0.0.1");
        SettingsStore settings(m_iniPath);
        MonitorSession session;
        MainWindow window(session, settings, options.applied(settings.receiveConfig()),
                          options.subscriptions(settings),
                          options.applied(settings.transmitConfig()));
        window.show();
        window.startListening();
        QTRY_VERIFY(session.pipeline().listener().isListening());

        QTimer sender;
        connect(&sender, &QTimer::timeout, this, [&] {
            TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QStringLiteral("239.1.1.1"), *options.port,
                                  seedMessage());
        });
        sender.start(intervalMs);
        QTRY_VERIFY(session.statistics().totals().packets >= 5);

        auto *listenButton = window.findChild<QPushButton *>(QStringLiteral("listenButton"));
        listenButton->click();
        QTRY_VERIFY(!session.pipeline().listener().isListening());
        // Past the 3 s silence floor, with the sender still sending.
        QTest::qWait(int(TrafficStatistics::silentFloorUs / 1000) + 1500);
        QAbstractItemModel *events = window.findChild<QTableView *>(QStringLiteral("eventLogView"))->model();
        QCOMPARE(column(events, EventLogModel::Event), (QStringList{"appeared"}));
        QVERIFY(!window.findChild<SilenceBanner *>(QStringLiteral("silenceBanner"))->isVisible());
        QCOMPARE(session.statistics().senders().front().liveness, Liveness::Live);

        // Listening again finds it live, still without a silent or back event.
        listenButton->click();
        QTRY_VERIFY(session.pipeline().listener().isListening());
        const qint64 before = session.statistics().totals().packets;
        QTRY_VERIFY(session.statistics().totals().packets >= before + 3);
        sender.stop();
        QCOMPARE(column(events, EventLogModel::Event), (QStringList{"appeared"}));
        QCOMPARE(session.statistics().senders().size(), std::size_t(1));
    }

private:
    QTemporaryDir m_dir;
    QString m_iniPath;
    int m_run = 0;
};

QTEST_MAIN(TestMainWindowFlows)
#include "tst_mainwindowflows.moc"
