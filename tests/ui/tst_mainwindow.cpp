#include "DatagramTableModel.h"
#include "InterfaceComboBox.h"
#include "SenderTableModel.h"
#include "SubscriptionTableModel.h"
#include "decoders/AtuMessage.h"

#include "OffscreenScreen.h"
#include "TestNetwork.h"
#include "WindowHarness.h"

#include <QAction>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>

namespace {

constexpr auto testGroup = "239.1.1.1";

ReceiveChoices loopbackOptions(quint16 port)
{
    ReceiveChoices options;
    options.group = QHostAddress(QString::fromLatin1(testGroup));
    options.port = port;
    options.interfaceSpec = QStringLiteral("127.0.0.1");
    return options;
}

} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_iniPath = m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_run));
    }

    void opensWithDefaults()
    {
        WindowHarness harness(m_iniPath);
        QVERIFY(QTest::qWaitForWindowExposed(&harness.window));
        QCOMPARE(harness.window.windowTitle(), QStringLiteral("Multicast Monitor"));
        QCOMPARE(harness.window.size(), QSize(1200, 800));
        // The seed's one subscription, on, ready to start.
        QCOMPARE(harness.subscriptions()->rowCount(), 1);
        QCOMPARE(harness.subscriptionCell(0, SubscriptionTableModel::Group),
                 QString::fromLatin1(defaultGroup));
        QCOMPARE(harness.subscriptionCell(0, SubscriptionTableModel::Port),
                 QString::number(defaultPort));
        QCOMPARE(harness.subscriptionCell(0, SubscriptionTableModel::Interface),
                 QString::fromLatin1(defaultInterface));
        QCOMPARE(harness.subscriptionCell(0, SubscriptionTableModel::Source), QString());
        QCOMPARE(harness.subscriptions()
                     ->index(0, SubscriptionTableModel::Enabled)
                     .data(Qt::CheckStateRole),
                 QVariant(Qt::Checked));
        QCOMPARE(harness.subscriptionCell(0, SubscriptionTableModel::State),
                 QStringLiteral("not listening"));
        QCOMPARE(harness.find<InterfaceComboBox>("interfaceCombo")->spec(),
                 QString::fromLatin1(defaultInterface));
        QCOMPARE(harness.listeningText(), QStringLiteral("Not listening"));
        QCOMPARE(harness.find<QPushButton>("listenButton")->text(),
                 QStringLiteral("Start &listening"));
        QVERIFY(harness.find<QWidget>("transmitPanel")->isVisible());
        QCOMPARE(harness.datagrams()->rowCount(), 0);
        QVERIFY(!harness.find<QLabel>("settingsMessageLabel")->isVisible());
    }

    void saysWhenSettingsCannotBeSaved()
    {
        // A folder on the settings path is a file: no one can save there, root included.
        const QString blocker = m_dir.filePath(QStringLiteral("blocker-%1").arg(m_run));
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const QString path = blocker + QStringLiteral("/mcast-monitor/settings.ini");
        WindowHarness harness(path);
        QVERIFY(QTest::qWaitForWindowExposed(&harness.window));

        auto *note = harness.find<QLabel>("settingsMessageLabel");
        QVERIFY(note->isVisible());
        QCOMPARE(note->textFormat(), Qt::PlainText);
        QVERIFY2(note->text().contains(QDir::toNativeSeparators(path)), qPrintable(note->text()));
        QVERIFY2(note->text().contains(QStringLiteral("%1 is a file, not a folder")
                                           .arg(QDir::toNativeSeparators(blocker))),
                 qPrintable(note->text()));
        QCOMPARE(QApplication::activeModalWidget(), nullptr); // a note, not a dialog

        // Once it can be saved again, the next change is saved and the note goes.
        QVERIFY(QFile::remove(blocker));
        harness.find<QAction>("notifyAction")->trigger();
        QVERIFY(!note->isVisible());
        QVERIFY(!SettingsStore(path).notificationsEnabled());
    }

    void commandLineOverridesSavedSettings()
    {
        {
            SettingsStore settings(m_iniPath);
            ReceiveConfig receive;
            receive.port = 6000;
            receive.group = QHostAddress(QStringLiteral("239.2.2.2"));
            settings.save(receive);
            TransmitConfig transmit;
            transmit.ttl = 7;
            settings.save(transmit);
        }
        ReceiveChoices options;
        options.port = 7000;
        WindowHarness harness(m_iniPath, options);
        QCOMPARE(harness.subscriptions()->rowCount(), 1);
        QCOMPARE(harness.subscriptionCell(0, SubscriptionTableModel::Port), QStringLiteral("7000"));
        QCOMPARE(harness.subscriptionCell(0, SubscriptionTableModel::Group),
                 QStringLiteral("239.2.2.2"));
        QCOMPARE(harness.find<QSpinBox>("ttlSpin")->value(), 7);
        QCOMPARE(harness.find<QSpinBox>("transmitPortSpin")->value(), 7000);
    }

    void listenerFailureIsShownInTheWindow()
    {
        // A socket that does not share its port makes the receiver's bind fail. Nothing is sent.
        const quint16 port = TestNetwork::freshPort(1);
        QUdpSocket blocker;
        QVERIFY(blocker.bind(QHostAddress::AnyIPv4, port, QAbstractSocket::DontShareAddress));
        WindowHarness harness(m_iniPath, loopbackOptions(port));
        harness.click("listenButton");
        auto *message = harness.find<QLabel>("receiveMessageLabel");
        QTRY_VERIFY(message->isVisible());
        QVERIFY2(message->text().contains(QStringLiteral("cannot bind port %1").arg(port)),
                 qPrintable(message->text()));
        QCOMPARE(message->textFormat(), Qt::PlainText);
        QCOMPARE(harness.find<QPushButton>("listenButton")->text(),
                 QStringLiteral("Start &listening"));
        QCOMPARE(harness.listeningText(), QStringLiteral("Not listening"));
    }

    void showsOwnTransmissionsInBothTables()
    {
        REQUIRE_PRIVATE_NETWORK();
        const quint16 port = TestNetwork::freshPort(2);
        WindowHarness harness(m_iniPath, loopbackOptions(port));
        QVERIFY(QTest::qWaitForWindowExposed(&harness.window));

        harness.click("listenButton");
        QTRY_VERIFY(harness.listeningText().startsWith(
            QStringLiteral("Listening to %1:%2").arg(QLatin1String(testGroup)).arg(port)));
        QCOMPARE(harness.find<QPushButton>("listenButton")->text(),
                 QStringLiteral("Stop &listening"));
        // The command line's subscription is this run's: starting saves nothing of it.
        QCOMPARE(SettingsStore(m_iniPath).receiveConfig().port, defaultPort);

        harness.find<QDoubleSpinBox>("intervalSpin")->setValue(0.05);
        harness.click("transmitButton");
        QCOMPARE(harness.find<QPushButton>("transmitButton")->text(),
                 QStringLiteral("Stop &sending"));

        QAbstractItemModel *datagrams = harness.datagrams();
        QTRY_VERIFY(datagrams->rowCount() >= 3);
        const QModelIndex first = datagrams->index(0, DatagramTableModel::Payload);
        QVERIFY2(first.data().toString().startsWith(QStringLiteral("ATU 20")),
                 qPrintable(first.data().toString()));
        QCOMPARE(datagrams->index(0, DatagramTableModel::Ours).data().toString(),
                 QStringLiteral("yes"));
        QCOMPARE(datagrams->index(0, 0).data(DatagramTableModel::OwnTransmitterRole).toBool(),
                 true);
        QCOMPARE(datagrams->index(0, DatagramTableModel::Destination).data().toString(),
                 QStringLiteral("%1:%2").arg(QLatin1String(testGroup)).arg(port));

        QAbstractItemModel *senders = harness.senders();
        QTRY_COMPARE(senders->rowCount(), 1);
        QCOMPARE(senders->index(0, SenderTableModel::Source).data().toString(),
                 QStringLiteral("127.0.0.1"));
        QCOMPARE(senders->index(0, SenderTableModel::Ours).data().toString(),
                 QStringLiteral("yes"));
        QTRY_VERIFY(senders->index(0, SenderTableModel::Packets).data().toInt()
                    >= 3); // the 500 ms refresh
        QTRY_VERIFY(harness.find<QLabel>("packetsStatusLabel")->text()
                    != QStringLiteral("Received: 0"));

        auto *sentCount = harness.find<QLabel>("sentCountLabel");
        QTRY_VERIFY(sentCount->text().toInt() >= 3);
        QCOMPARE(harness.find<QLabel>("lastMessageLabel")->textFormat(), Qt::PlainText);
        QVERIFY(
            harness.find<QLabel>("lastMessageLabel")->text().startsWith(QStringLiteral("ATU ")));

        harness.click("transmitButton");
        QCOMPARE(harness.find<QPushButton>("transmitButton")->text(),
                 QStringLiteral("Start &sending"));
        const QString stoppedAt = sentCount->text();
        QTest::qWait(300); // nothing to wait for: the point is that nothing happens
        QCOMPARE(sentCount->text(), stoppedAt);
        QCOMPARE(SettingsStore(m_iniPath).transmitConfig().interval, std::chrono::milliseconds(50));

        harness.click("listenButton");
        QTRY_COMPARE(harness.listeningText(), QStringLiteral("Not listening"));
    }

    void decodesAtuHeartbeatsAndLeavesMalformedOnesAlone()
    {
        REQUIRE_PRIVATE_NETWORK();
        const quint16 port = TestNetwork::freshPort(6);
        WindowHarness harness(m_iniPath, loopbackOptions(port));
        harness.click("listenButton");
        QTRY_VERIFY(harness.listeningText().startsWith(QStringLiteral("Listening")));

        const qint64 sentAtUs = WallClock::nowUs() - 250'000; // a quarter second behind
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QLatin1String(testGroup), port,
                                      AtuMessage::compose(QStringLiteral("ATU"), sentAtUs)));
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QLatin1String(testGroup), port,
                                      "ATU 2022-02-30 25:61:00.123456"));
        QAbstractItemModel *datagrams = harness.datagrams();
        QTRY_COMPARE(datagrams->rowCount(), 2);

        const auto cell = [datagrams](int row, int column) {
            return datagrams->index(row, column).data().toString();
        };
        QCOMPARE(cell(0, DatagramTableModel::AtuTime),
                 QDateTime::fromMSecsSinceEpoch(sentAtUs / 1000)
                     .toString(QStringLiteral("HH:mm:ss.zzz")));
        const double offsetMs = cell(0, DatagramTableModel::AtuOffset).toDouble();
        QVERIFY2(offsetMs >= 249.9 && offsetMs < 5000, qPrintable(QString::number(offsetMs)));
        QVERIFY(datagrams->index(0, DatagramTableModel::AtuOffset)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("local time")));

        QCOMPARE(cell(1, DatagramTableModel::AtuTime), QString());
        QCOMPARE(cell(1, DatagramTableModel::AtuOffset), QString());
        QCOMPARE(cell(1, DatagramTableModel::Payload),
                 QStringLiteral("ATU 2022-02-30 25:61:00.123456"));
        QVERIFY(!harness.find<QLabel>("receiveMessageLabel")->isVisible()); // not an error
    }

    void clearEmptiesBothTables()
    {
        REQUIRE_PRIVATE_NETWORK();
        const quint16 port = TestNetwork::freshPort(5);
        WindowHarness harness(m_iniPath, loopbackOptions(port));
        harness.click("listenButton");
        QTRY_VERIFY(harness.listeningText().startsWith(QStringLiteral("Listening")));
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QLatin1String(testGroup), port,
                                      "one"));
        QTRY_COMPARE(harness.senders()->rowCount(), 1);
        harness.click("clearButton");
        QCOMPARE(harness.datagrams()->rowCount(), 0);
        QCOMPARE(harness.senders()->rowCount(), 0);
        QCOMPARE(harness.find<QLabel>("packetsStatusLabel")->text(), QStringLiteral("Received: 0"));
    }

    void remembersItsGeometry()
    {
        QSize chosen;
        {
            WindowHarness harness(m_iniPath);
            chosen = harness.window.minimumSizeHint() + QSize(37, 23);
            QVERIFY(chosen != QSize(1200, 800));
            // A size the screen holds: one that does not fit is shrunk on restore (Qt 6.8).
            const QRect screen = harness.window.screen()->availableGeometry();
            QVERIFY2(screen.width() >= chosen.width() && screen.height() >= chosen.height(),
                     qPrintable(QStringLiteral("screen %1×%2 is smaller than the window")
                                    .arg(screen.width())
                                    .arg(screen.height())));
            harness.window.resize(chosen);
            QVERIFY(QTest::qWaitForWindowExposed(&harness.window));
            harness.window.close();
        }
        WindowHarness harness(m_iniPath);
        QCOMPARE(harness.window.size(), chosen);
    }

private:
    QTemporaryDir m_dir;
    QString m_iniPath;
    int m_run = 0;
};

int main(int argc, char *argv[])
{
    const OffscreenScreen screen(QSize(1920, 1080));
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    TestMainWindow test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_mainwindow.moc"
