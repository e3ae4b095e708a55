#include "AboutDialog.h"
#include "DatagramTableModel.h"
#include "EventLogModel.h"
#include "SenderTableModel.h"
#include "SilenceBanner.h"

#include "TestDatagrams.h"
#include "TestNetwork.h"
#include "WindowHarness.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>

namespace {

constexpr IpAddress localhost = IpAddress::fromIPv4(0x7f000001); // 127.0.0.1
constexpr IpAddress testNet = IpAddress::fromIPv4(0xc6120007);   // 198.18.0.7

// A datagram from source:40000, arriving at arrivalUs or now.
ReceivedDatagram from(IpAddress source, const QByteArray &payload, qint64 arrivalUs = 0)
{
    return TestDatagrams::datagram(source, 40000, arrivalUs ? arrivalUs : WallClock::nowUs(),
                                   payload);
}

} // namespace

class TestMainWindowAnalytics final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_iniPath = m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_run));
    }

    void silentSenderRaisesTheAlarmAndIsLogged()
    {
        WindowHarness harness(m_iniPath);
        auto *banner = harness.find<SilenceBanner>("silenceBanner");
        QVERIFY(!banner->isVisible());

        // Last heard ten seconds ago: the next liveness tick finds it silent.
        harness.receive({from(localhost, "hello", WallClock::nowUs() - 10'000'000)});
        QTRY_VERIFY(banner->isVisible());
        QVERIFY2(banner->text().startsWith(QStringLiteral("1 sender silent: 127.0.0.1 since ")),
                 qPrintable(banner->text()));
        QCOMPARE(harness.eventTexts(),
                 (QStringList{QStringLiteral("appeared"), QStringLiteral("silent")}));
        QCOMPARE(harness.events()->index(1, EventLogModel::Sender).data().toString(),
                 QStringLiteral("127.0.0.1"));
        QTRY_COMPARE(harness.label("silentCountLabel"), QStringLiteral("1 silent"));
        QCOMPARE(harness.label("liveCountLabel"), QStringLiteral("0 live"));
        QCOMPARE(harness.senders()->index(0, SenderTableModel::State).data().toString(),
                 QStringLiteral("silent"));

        harness.receive({from(localhost, "back")});
        QTRY_VERIFY(!banner->isVisible());
        QCOMPARE(harness.eventTexts().size(), 3);
        QVERIFY2(harness.eventTexts().last().startsWith(QStringLiteral("back after 1")),
                 qPrintable(harness.eventTexts().last()));
        QTRY_COMPARE(harness.label("silentCountLabel"), QStringLiteral("0 silent"));
        QCOMPARE(harness.label("liveCountLabel"), QStringLiteral("1 live"));
    }

    void filterBoxShowsMatchingRows()
    {
        WindowHarness harness(m_iniPath);
        QVERIFY(QTest::qWaitForWindowActive(&harness.window));
        harness.receive(
            {from(localhost, "alpha"), from(testNet, "beta"), from(localhost, "gamma")});
        QCOMPARE(harness.datagrams()->rowCount(), 3);
        auto *filter = harness.find<QLineEdit>("filterEdit");
        filter->setFocus();
        QTest::keyClicks(filter, QStringLiteral("198.18"));
        QTRY_COMPARE(harness.datagrams()->rowCount(), 1);
        QCOMPARE(harness.datagrams()->index(0, DatagramTableModel::Payload).data().toString(),
                 QStringLiteral("beta"));
        QCOMPARE(harness.label("matchCountLabel"), QStringLiteral("1 of 3"));

        harness.receive({from(testNet, "delta"), from(localhost, "epsilon")});
        QCOMPARE(harness.datagrams()->rowCount(), 2);

        filter->clear();
        QTest::keyClicks(filter, QStringLiteral("GAMMA"));
        QTRY_COMPARE(harness.datagrams()->rowCount(), 1);
        QTest::keyClick(filter, Qt::Key_Escape); // clears the filter and leaves the box
        QTRY_COMPARE(harness.datagrams()->rowCount(), 5);
        QVERIFY(!harness.find<QLabel>("matchCountLabel")->isVisible());
        QVERIFY(harness.find<QTableView>("datagramView")->hasFocus());
    }

    void spacePausesTheTableWhileStatisticsGoOn()
    {
        WindowHarness harness(m_iniPath);
        QVERIFY(QTest::qWaitForWindowActive(&harness.window));
        harness.receive({from(localhost, "before")});
        auto *view = harness.find<QTableView>("datagramView");
        QVERIFY(view->hasFocus()); // the table has the focus from the start

        QTest::keyClick(view, Qt::Key_Space);
        QVERIFY(harness.find<QPushButton>("pauseButton")->isChecked());
        QVERIFY(harness.find<QAction>("pauseAction")->isChecked());
        harness.receive({from(localhost, "one"), from(localhost, "two"), from(testNet, "three")});
        QCOMPARE(harness.datagrams()->rowCount(), 1);
        QVERIFY(harness.find<QLabel>("pausedLabel")->isVisible());
        QCOMPARE(harness.label("pausedLabel"), QStringLiteral("Paused — 3 new"));
        QCOMPARE(harness.senders()->rowCount(), 2); // statistics go on
        QTRY_COMPARE(harness.label("packetsStatusLabel"), QStringLiteral("Received: 4"));

        QTest::keyClick(view, Qt::Key_Space);
        QVERIFY(!harness.find<QPushButton>("pauseButton")->isChecked());
        QCOMPARE(harness.datagrams()->rowCount(), 4);
        QCOMPARE(harness.datagrams()->index(3, DatagramTableModel::Payload).data().toString(),
                 QStringLiteral("three"));
        QVERIFY(!harness.find<QLabel>("pausedLabel")->isVisible());

        auto *senders = harness.find<QTableView>("senderView"); // the other tables pause too
        senders->setFocus();
        QTest::keyClick(senders, Qt::Key_Space);
        QVERIFY(harness.find<QPushButton>("pauseButton")->isChecked());
    }

    void spaceInTheFilterBoxIsJustASpace()
    {
        WindowHarness harness(m_iniPath);
        QVERIFY(QTest::qWaitForWindowActive(&harness.window));
        auto *filter = harness.find<QLineEdit>("filterEdit");
        filter->setFocus();
        QTest::keyClicks(filter, QStringLiteral("a b"));
        QCOMPARE(filter->text(), QStringLiteral("a b"));
        QVERIFY(!harness.find<QAction>("pauseAction")->isChecked());
    }

    void ctrlFFocusesTheFilter()
    {
        WindowHarness harness(m_iniPath);
        QVERIFY(QTest::qWaitForWindowActive(&harness.window));
        auto *filter = harness.find<QLineEdit>("filterEdit");
        QVERIFY(!filter->hasFocus());
        QTest::keyClick(harness.find<QTableView>("datagramView"), Qt::Key_F, Qt::ControlModifier);
        QVERIFY(filter->hasFocus());
    }

    void ctrlLClearsAndNoLongerListens()
    {
        WindowHarness harness(m_iniPath);
        QVERIFY(QTest::qWaitForWindowActive(&harness.window));
        harness.receive({from(localhost, "one"), from(testNet, "two")});
        QCOMPARE(harness.senders()->rowCount(), 2);
        QCOMPARE(harness.events()->rowCount(), 2); // both appeared
        QTest::keyClick(harness.find<QTableView>("datagramView"), Qt::Key_L, Qt::ControlModifier);
        QCOMPARE(harness.datagrams()->rowCount(), 0);
        QCOMPARE(harness.senders()->rowCount(), 0);
        QCOMPARE(harness.events()->rowCount(), 0);
        QCOMPARE(harness.label("packetsStatusLabel"), QStringLiteral("Received: 0"));
        QCOMPARE(harness.find<QPushButton>("listenButton")->text(),
                 QStringLiteral("Start &listening")); // Ctrl+L used to toggle listening

        const QList<QKeySequence> listen = harness.find<QAction>("listenAction")->shortcuts();
        QVERIFY(listen.contains(QKeySequence(Qt::CTRL | Qt::Key_Return)));
        QVERIFY(listen.contains(QKeySequence(Qt::Key_F5)));
        QVERIFY(!listen.contains(QKeySequence(Qt::CTRL | Qt::Key_L)));
    }

    void ctrlReturnStartsListeningWithTheFields()
    {
        REQUIRE_PRIVATE_NETWORK();
        ReceiveChoices options;
        options.port = TestNetwork::freshPort(11);
        options.interfaceSpec = QStringLiteral("127.0.0.1");
        WindowHarness harness(m_iniPath, options);
        QVERIFY(QTest::qWaitForWindowActive(&harness.window));
        QTest::keyClick(harness.find<QLineEdit>("specEdit"), Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(
            harness.listeningText()
                .startsWith(QStringLiteral("Listening to 239.1.1.1:%1").arg(*options.port)));
        QCOMPARE(harness.find<QPushButton>("listenButton")->text(),
                 QStringLiteral("Stop &listening"));
    }

    void startListeningIsPublic()
    {
        REQUIRE_PRIVATE_NETWORK();
        ReceiveChoices options;
        options.port = TestNetwork::freshPort(12);
        options.interfaceSpec = QStringLiteral("127.0.0.1");
        WindowHarness harness(m_iniPath, options);
        harness.window.startListening();
        QTRY_VERIFY(harness.session.pipeline().listener().isListening());
        QVERIFY(harness.listeningText().startsWith(QStringLiteral("Listening")));
    }

    void everyTableLooksAndSelectsAlike()
    {
        WindowHarness harness(m_iniPath);
        for (const char *name : {"datagramView", "senderView", "eventLogView"}) {
            const auto *view = harness.find<QTableView>(name);
            QVERIFY2(view->alternatingRowColors(), name);
            QCOMPARE(view->selectionBehavior(), QAbstractItemView::SelectRows);
            QCOMPARE(view->selectionMode(), QAbstractItemView::ExtendedSelection); // rows to copy
            QCOMPARE(view->horizontalScrollMode(), QAbstractItemView::ScrollPerPixel);
            QVERIFY2(!view->wordWrap(), name);
            QVERIFY2(view->verticalHeader()->isHidden(), name);
        }
    }

    void selectingADatagramShowsItsDetails()
    {
        WindowHarness harness(m_iniPath);
        ReceivedDatagram heartbeat = from(testNet, "ATU 2026-11-25 19:40:01.000000");
        heartbeat.atuTimeUs = heartbeat.arrivalUs - 2'000;
        harness.receive({from(localhost, "first"), heartbeat});
        auto *view = harness.find<QTableView>("datagramView");
        view->selectRow(1);
        QCOMPARE(harness.label("sourceValue"), QStringLiteral("198.18.0.7:40000"));
        QCOMPARE(harness.label("atuOffsetValue"), QStringLiteral("2.000 ms"));
        view->selectRow(0);
        QCOMPARE(harness.label("sourceValue"), QStringLiteral("127.0.0.1:40000"));
        QVERIFY(harness.find<QWidget>("detailPane")->isVisible());
    }

    void statusBarShowsWhatTheOsDropped()
    {
        WindowHarness harness(m_iniPath);
        QCOMPARE(harness.label("osDropsStatusLabel"), QStringLiteral("OS drops: 0"));
        harness.session.pipeline().statistics().setOsDropsTotal(17);
        QTRY_COMPARE(harness.label("osDropsStatusLabel"), QStringLiteral("OS drops: 17"));
    }

    void saysWhenTheInterfaceIsLostAndWhenItIsBack()
    {
        WindowHarness harness(m_iniPath);
        emit harness.session.pipeline().listener().interfaceLost(
            QStringLiteral("interface mcW1 — 198.18.9.2 is gone; waiting for it to come back"));
        QCOMPARE(harness.label("receiveMessageLabel"),
                 QStringLiteral("interface mcW1 — 198.18.9.2 is gone; waiting for it to come back"));
        QVERIFY(harness.find<QLabel>("receiveMessageLabel")->isVisible());
        harness.window.startListening(); // wanted again: the receiver will rejoin on its own
        ListeningStatus status;
        SubscriptionStatus joined;
        joined.subscription = Subscription{IpAddress::fromIPv4(0xef010101), {}, 5001, QStringLiteral("mcW1")};
        joined.state = SubscriptionStatus::State::Joined;
        status.subscriptions = {joined};
        emit harness.session.pipeline().listener().listening(status);
        QVERIFY(harness.label("receiveMessageLabel").isEmpty() || !harness.find<QLabel>("receiveMessageLabel")->isVisible());
    }

    void notificationsCanBeTurnedOffAndStayOff()
    {
        {
            WindowHarness harness(m_iniPath);
            auto *notify = harness.find<QAction>("notifyAction");
            QVERIFY(notify->isCheckable());
            QVERIFY(notify->isChecked());
            notify->trigger();
            QVERIFY(!notify->isChecked());
        }
        QVERIFY(!SettingsStore(m_iniPath).notificationsEnabled());
        WindowHarness harness(m_iniPath);
        QVERIFY(!harness.find<QAction>("notifyAction")->isChecked());
    }

    void darkThemeIsRememberedAndReversible()
    {
        const QColor lightWindow = QApplication::palette().color(QPalette::Window);
        {
            WindowHarness harness(m_iniPath);
            harness.find<QAction>("darkThemeAction")->trigger();
            QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 128);
        }
        QVERIFY(SettingsStore(m_iniPath).darkTheme());
        WindowHarness harness(m_iniPath);
        auto *dark = harness.find<QAction>("darkThemeAction");
        QVERIFY(dark->isChecked());
        dark->trigger();
        QCOMPARE(QApplication::palette().color(QPalette::Window), lightWindow);
    }

    void aboutNamesVersionQtAndLicence()
    {
        WindowHarness harness(m_iniPath);
        QStringList texts;
        int linkGap = 0;
        int lineHeight = 0;
        QTimer::singleShot(0, this, [&texts, &linkGap, &lineHeight] {
            auto *dialog = qobject_cast<AboutDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            for (const QLabel *label : dialog->findChildren<QLabel *>())
                texts.append(label->text());
            // The homepage, the widest line, keeps well clear of the dialog's edge.
            const auto *link = dialog->findChild<QLabel *>(QStringLiteral("aboutHomepage"));
            linkGap = dialog->width() - link->mapTo(dialog, QPoint(link->width(), 0)).x();
            lineHeight = link->fontMetrics().height();
            dialog->reject();
        });
        harness.find<QAction>("aboutAction")->trigger();
        const QString all = texts.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("Multicast Monitor")), qPrintable(all));
        QVERIFY(all.contains(QStringLiteral("Version " MCAST_MONITOR_VERSION)));
        QVERIFY(all.contains(QStringLiteral("Qt %1").arg(QString::fromLatin1(qVersion()))));
        QVERIFY(all.contains(QStringLiteral(MCAST_MONITOR_LICENSE)));
        QVERIFY(all.contains(QStringLiteral(MCAST_MONITOR_COPYRIGHT)));
        QVERIFY(all.contains(QStringLiteral(MCAST_MONITOR_HOMEPAGE)));
        QVERIFY2(linkGap >= lineHeight, qPrintable(QStringLiteral("%1 < %2").arg(linkGap).arg(lineHeight)));
        QVERIFY(harness.find<QAction>("aboutQtAction"));
    }

private:
    QTemporaryDir m_dir;
    QString m_iniPath;
    int m_run = 0;
};

QTEST_MAIN(TestMainWindowAnalytics)
#include "tst_mainwindowanalytics.moc"
