#include "DatagramTableModel.h"
#include "InterfaceComboBox.h"
#include "SenderTableModel.h"
#include "SubscriptionTableModel.h"
#include "net/SubscriptionSpec.h"

#include "OffscreenScreen.h"
#include "StreamPackets.h"
#include "TestNetwork.h"
#include "WindowHarness.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QTableView>
#include <QTemporaryDir>

#include <initializer_list>
#include <optional>

namespace {

constexpr auto testGroup = "239.1.1.1";

Subscription loopbackSubscription(const char *group, quint16 port)
{
    QString error;
    const auto parsed = SubscriptionSpec::parse(
        QStringLiteral("%1:%2@127.0.0.1").arg(QLatin1String(group)).arg(port), {}, &error);
    if (!parsed)
        qFatal("%s", qPrintable(error));
    return *parsed;
}

} // namespace

// The window's subscriptions table as main() makes it: saved or from the command line,
// added, edited in place, removed and switched, before and while listening.
class TestMainWindowSubscriptions final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_iniPath = m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_run));
    }

    // The saved list comes back as it was; a command-line choice makes it that one.
    void savedSubscriptionsComeBack()
    {
        QString error;
        const auto first = SubscriptionSpec::parse(u"239.3.3.3:6300@lo", {}, &error);
        const auto second = SubscriptionSpec::parse(u"239.3.3.4:6400@lo", {}, &error);
        QVERIFY2(first && second, qPrintable(error));
        SettingsStore(m_iniPath).save(QList<SubscriptionChoice>{{*first, true}, {*second, false}});
        {
            WindowHarness harness(m_iniPath);
            QCOMPARE(harness.subscriptions()->rowCount(), 2);
            QCOMPARE(harness.subscriptionCell(1, SubscriptionTableModel::Group),
                     QStringLiteral("239.3.3.4"));
            QCOMPARE(harness.subscriptionCell(1, SubscriptionTableModel::State),
                     QStringLiteral("off"));
        }
        ReceiveChoices options;
        options.group = QHostAddress(QStringLiteral("239.5.5.5"));
        WindowHarness harness(m_iniPath, options);
        QCOMPARE(harness.subscriptions()->rowCount(), 1);
        QCOMPARE(harness.subscriptionCell(0, SubscriptionTableModel::Group),
                 QStringLiteral("239.5.5.5"));
    }

    // Subscriptions from the command line replace the list for the run; neither they nor
    // what the user does with them are saved, so the saved list comes back the next time.
    void commandLineSubscriptionsAreNotSaved()
    {
        REQUIRE_PRIVATE_NETWORK(); // it starts listening
        QString error;
        const auto saved = SubscriptionSpec::parse(u"239.3.3.3:6300@lo", {}, &error);
        QVERIFY2(saved, qPrintable(error));
        const QList<SubscriptionChoice> savedList{{*saved, true}, {loopbackSubscription("239.3.3.4", 6400), false}};
        SettingsStore(m_iniPath).save(savedList);
        ReceiveChoices options;
        options.specs = {loopbackSubscription("239.6.6.6", TestNetwork::freshPort(9)),
                         *SubscriptionSpec::parse(u"[ff15::6]:6006@lo", {}, &error)};
        {
            WindowHarness harness(m_iniPath, options);
            QCOMPARE(harness.subscriptions()->rowCount(), 2);
            QCOMPARE(harness.subscriptionCell(1, SubscriptionTableModel::Group), QStringLiteral("ff15::6"));
            auto *note = harness.find<QLabel>("subscriptionOriginLabel");
            QVERIFY(note->isVisible());
            QVERIFY2(note->text().contains(QStringLiteral("not saved")), qPrintable(note->text()));

            harness.find<QLineEdit>("specEdit")->setText(QStringLiteral("239.6.6.7:6007@lo"));
            harness.click("addSubscriptionButton");
            QCOMPARE(harness.subscriptions()->rowCount(), 3);
            QVERIFY(harness.subscriptions()->setData(
                harness.subscriptions()->index(0, SubscriptionTableModel::Enabled), Qt::Unchecked,
                Qt::CheckStateRole));
            harness.window.startListening();
            harness.window.close();
        }
        QCOMPARE(SettingsStore(m_iniPath).subscriptionChoices(), savedList);
        QCOMPARE(SettingsStore(m_iniPath).receiveConfig().port, defaultPort);

        WindowHarness harness(m_iniPath);
        QCOMPARE(harness.subscriptions()->rowCount(), 2);
        QVERIFY(!harness.find<QLabel>("subscriptionOriginLabel")->isVisible());
    }

    // A cell of the table is edited in place; what is wrong is said as it is typed, and a
    // value that is wrong is not taken.
    void editsACellInPlaceWithTheReasonInline()
    {
        WindowHarness harness(m_iniPath);
        auto *view = harness.find<QTableView>("subscriptionView");
        auto *error = harness.find<QLabel>("subscriptionErrorLabel");
        const QModelIndex groupCell = harness.subscriptions()->index(0, SubscriptionTableModel::Group);
        view->setFocus();
        view->edit(groupCell);
        auto *editor = qobject_cast<QLineEdit *>(view->indexWidget(groupCell));
        QVERIFY(editor);
        QCOMPARE(editor->text(), QString::fromLatin1(defaultGroup));
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("232.9.9.9"));
        QVERIFY(error->isVisible()); // while typing
        QVERIFY2(error->text().contains(QStringLiteral("232.9.9.9 is a source-specific group")),
                 qPrintable(error->text()));
        QCOMPARE(error->textFormat(), Qt::PlainText);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(!view->indexWidget(groupCell)); // closed
        QCOMPARE(harness.subscriptionCell(0, SubscriptionTableModel::Group), QString::fromLatin1(defaultGroup));
        QVERIFY(error->isVisible()); // the reason stays once the cell closes
        QCOMPARE(QApplication::activeModalWidget(), nullptr);

        view->edit(groupCell);
        editor = qobject_cast<QLineEdit *>(view->indexWidget(groupCell));
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("239.8.8.8"));
        QVERIFY(!error->isVisible()); // right again: said at once
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(harness.subscriptionCell(0, SubscriptionTableModel::Group), QStringLiteral("239.8.8.8"));
        QVERIFY(!error->isVisible());
        QCOMPARE(SettingsStore(m_iniPath).subscriptionChoices().front().subscription.group.toString(),
                 QStringLiteral("239.8.8.8"));
    }

    void invalidSubscriptionIsRefusedInline()
    {
        WindowHarness harness(m_iniPath);
        auto *spec = harness.find<QLineEdit>("specEdit");
        QVERIFY(spec->isClearButtonEnabled()); // as the transmit panel's group field has
        spec->setText(QStringLiteral("10.0.0.1"));
        harness.click("addSubscriptionButton");
        auto *error = harness.find<QLabel>("subscriptionErrorLabel");
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("not a multicast group")),
                 qPrintable(error->text()));
        QCOMPARE(error->textFormat(), Qt::PlainText);
        QCOMPARE(QApplication::activeModalWidget(), nullptr); // inline, not a dialog
        QCOMPARE(harness.subscriptions()->rowCount(), 1);     // not added
        QCOMPARE(spec->text(), QStringLiteral("10.0.0.1"));   // kept for fixing
        QCOMPARE(harness.find<QPushButton>("listenButton")->text(),
                 QStringLiteral("Start &listening"));
        QCOMPARE(harness.listeningText(), QStringLiteral("Not listening"));

        spec->clear(); // typing a valid spec clears the error at once
        QTest::keyClicks(spec, QStringLiteral("239.9.9.9:5009@lo"));
        QVERIFY(!error->isVisible());
        QTest::keyClick(spec, Qt::Key_Return); // Return adds it
        QCOMPARE(harness.subscriptions()->rowCount(), 2);
        QCOMPARE(harness.subscriptionCell(1, SubscriptionTableModel::Group),
                 QStringLiteral("239.9.9.9"));
        QCOMPARE(harness.subscriptionCell(1, SubscriptionTableModel::Interface),
                 QStringLiteral("lo"));
        QVERIFY(spec->text().isEmpty());
        QCOMPARE(SettingsStore(m_iniPath).subscriptionChoices().size(), 2); // saved at once

        QTest::keyClicks(spec, QStringLiteral("239.9.9.9:5009@lo"));
        harness.click("addSubscriptionButton");
        QVERIFY2(error->text().contains(QStringLiteral("in the list already")),
                 qPrintable(error->text()));
        QCOMPARE(harness.subscriptions()->rowCount(), 2);

        auto *view = harness.find<QTableView>("subscriptionView");
        view->selectRow(1);
        view->setFocus();
        QTRY_VERIFY(view->hasFocus());
        QTest::keyClick(view, Qt::Key_Delete);
        QCOMPARE(harness.subscriptions()->rowCount(), 1);
        QCOMPARE(SettingsStore(m_iniPath).subscriptionChoices().size(), 1);
    }

    void missingInterfaceIsRefusedInline()
    {
        ReceiveChoices options;
        options.interfaceSpec = QStringLiteral("nosuch0");
        WindowHarness harness(m_iniPath, options);
        QCOMPARE(harness.find<InterfaceComboBox>("interfaceCombo")->currentText(),
                 QStringLiteral("nosuch0 (not found)"));
        harness.click("listenButton");
        QVERIFY(harness.find<QLabel>("interfaceErrorLabel")->isVisible());
        QCOMPARE(harness.find<QPushButton>("listenButton")->text(),
                 QStringLiteral("Start &listening"));
    }

    // One row's interface missing: the others are joined, that row fails with the reason.
    void aMissingInterfaceFailsOnlyItsRow()
    {
        REQUIRE_PRIVATE_NETWORK();
        Subscription elsewhere = loopbackSubscription("239.1.1.3", TestNetwork::freshPort(13));
        elsewhere.interfaceSpec = QStringLiteral("nosuch0");
        SettingsStore(m_iniPath).save(QList<SubscriptionChoice>{
            {loopbackSubscription(testGroup, TestNetwork::freshPort(14)), true}, {elsewhere, true}});
        WindowHarness harness(m_iniPath);
        harness.click("listenButton");
        QTRY_COMPARE(harness.subscriptionCell(0, SubscriptionTableModel::State), QStringLiteral("joined"));
        QVERIFY2(harness.subscriptionCell(1, SubscriptionTableModel::State).startsWith(QStringLiteral("failed: ")),
                 qPrintable(harness.subscriptionCell(1, SubscriptionTableModel::State)));
        QVERIFY(harness.subscriptionCell(1, SubscriptionTableModel::State).contains(QStringLiteral("nosuch0")));
        // Said in full under the table too, where the State cell is too narrow for it.
        auto *warning = harness.find<QLabel>("receiveMessageLabel");
        QTRY_VERIFY(warning->isVisible());
        QCOMPARE(warning->text(), QStringLiteral("%1 failed: no interface named or addressed nosuch0")
                                      .arg(elsewhere.toString()));
        QCOMPARE(warning->textFormat(), Qt::PlainText);
        QCOMPARE(harness.find<QPushButton>("listenButton")->text(), QStringLiteral("Stop &listening"));
    }

    void editingTheListWhileListeningRejoins()
    {
        REQUIRE_PRIVATE_NETWORK();
        const quint16 port = TestNetwork::freshPort(3);
        const quint16 otherPort = TestNetwork::freshPort(4);
        SettingsStore(m_iniPath).save(
            QList<SubscriptionChoice>{{loopbackSubscription(testGroup, port), true}});
        WindowHarness harness(m_iniPath);
        harness.click("listenButton");
        QTRY_VERIFY(harness.listeningText().contains(QStringLiteral(":%1 ").arg(port)));

        harness.find<QLineEdit>("specEdit")
            ->setText(QStringLiteral("%1:%2").arg(QLatin1String(testGroup)).arg(otherPort));
        harness.click("addSubscriptionButton");
        QTRY_COMPARE(harness.subscriptionCell(1, SubscriptionTableModel::State),
                     QStringLiteral("joined"));
        // Without @INTERFACE the spec takes the interface chosen beside it.
        QCOMPARE(harness.subscriptionCell(1, SubscriptionTableModel::Interface),
                 QStringLiteral("127.0.0.1"));
        auto *view = harness.find<QTableView>("subscriptionView");
        view->selectRow(0);
        harness.click("removeSubscriptionButton");
        QCOMPARE(harness.subscriptions()->rowCount(), 1);
        QTRY_VERIFY(harness.listeningText().contains(QStringLiteral(":%1 ").arg(otherPort)));
        QCOMPARE(SettingsStore(m_iniPath).receiveConfig().port, otherPort);
        QCOMPARE(SettingsStore(m_iniPath).subscriptionChoices().size(), 1);

        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QLatin1String(testGroup),
                                      otherPort, "to the new port"));
        QAbstractItemModel *datagrams = harness.datagrams();
        QTRY_COMPARE(datagrams->rowCount(), 1);
        QCOMPARE(datagrams->index(0, DatagramTableModel::Payload).data().toString(),
                 QStringLiteral("to the new port"));
        QCOMPARE(datagrams->index(0, DatagramTableModel::Ours).data().toString(), QString());
    }

    // Two subscriptions added through the editor are both joined and count what each gets;
    // one switched off is left.
    void joinsEverySubscriptionThatIsOn()
    {
        REQUIRE_PRIVATE_NETWORK();
        const quint16 port = TestNetwork::freshPort(7);
        const quint16 secondPort = TestNetwork::freshPort(8);
        SettingsStore(m_iniPath).save(
            QList<SubscriptionChoice>{{loopbackSubscription(testGroup, port), true}});
        WindowHarness harness(m_iniPath);
        auto *spec = harness.find<QLineEdit>("specEdit");
        spec->setText(QStringLiteral("239.1.1.2:%1@lo").arg(secondPort));
        harness.click("addSubscriptionButton");
        QCOMPARE(harness.subscriptions()->rowCount(), 2);

        harness.click("listenButton");
        QTRY_COMPARE(harness.subscriptionCell(0, SubscriptionTableModel::State),
                     QStringLiteral("joined"));
        QTRY_COMPARE(harness.subscriptionCell(1, SubscriptionTableModel::State),
                     QStringLiteral("joined"));
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QLatin1String(testGroup), port,
                                      "to the first"));
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QStringLiteral("239.1.1.2"),
                                      secondPort, "to the second"));
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QStringLiteral("239.1.1.2"),
                                      secondPort, "to the second again"));
        QTRY_COMPARE(harness.subscriptionCell(0, SubscriptionTableModel::Packets),
                     QStringLiteral("1"));
        QTRY_COMPARE(harness.subscriptionCell(1, SubscriptionTableModel::Packets),
                     QStringLiteral("2"));
        QTRY_COMPARE(harness.datagrams()->rowCount(), 3);

        // Switching the first off re-joins with the second alone.
        QVERIFY(harness.subscriptions()->setData(
            harness.subscriptions()->index(0, SubscriptionTableModel::Enabled), Qt::Unchecked,
            Qt::CheckStateRole));
        QCOMPARE(harness.subscriptionCell(0, SubscriptionTableModel::State), QStringLiteral("off"));
        QTRY_COMPARE(harness.session.listener().status().subscriptions.size(), 1);
        QCOMPARE(harness.session.listener().status().subscriptions.front().subscription.port,
                 secondPort);
        QTRY_VERIFY(harness.listeningText().contains(QStringLiteral(":%1 ").arg(secondPort)));
        QVERIFY(!SettingsStore(m_iniPath).subscriptionChoices().front().enabled);
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QLatin1String(testGroup), port,
                                      "not joined any more"));
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QStringLiteral("239.1.1.2"),
                                      secondPort, "still joined"));
        QTRY_COMPARE(harness.datagrams()->rowCount(), 4);
        QTest::qWait(200); // nothing to wait for: the first must stay uncounted
        QCOMPARE(harness.datagrams()->rowCount(), 4);
        QCOMPARE(harness.datagrams()->index(3, DatagramTableModel::Payload).data().toString(),
                 QStringLiteral("still joined"));
    }

    // An interface with two addresses: the second, chosen beside the field, is the one the
    // subscription names and the one the status says it was joined on.
    void joinsOnTheChosenAddressOfTwo()
    {
        REQUIRE_PRIVATE_NETWORK();
        QVERIFY(TestNetwork::ip(QStringLiteral("link add mcTwoW0 type veth peer name mcTwoW1")));
        const auto removeLink = qScopeGuard([] { TestNetwork::ip(QStringLiteral("link del mcTwoW0")); });
        QVERIFY(TestNetwork::ip(QStringLiteral("addr add 198.18.78.1/24 dev mcTwoW0")));
        QVERIFY(TestNetwork::ip(QStringLiteral("addr add 198.18.78.2/24 dev mcTwoW0")));
        QVERIFY(TestNetwork::ip(QStringLiteral("link set mcTwoW0 up multicast on")));
        QVERIFY(TestNetwork::ip(QStringLiteral("link set mcTwoW1 up")));
        TestNetwork::allowLocalSources(QStringLiteral("mcTwoW0"));

        WindowHarness harness(m_iniPath);
        auto *combo = harness.find<InterfaceComboBox>("interfaceCombo");
        combo->refresh();
        const int second = combo->findText(QStringLiteral("mcTwoW0 — 198.18.78.2"));
        QVERIFY(second >= 0);
        QVERIFY(combo->findText(QStringLiteral("mcTwoW0 — 198.18.78.1")) >= 0);
        combo->setCurrentIndex(second);
        emit combo->activated(second); // as a click in the list does
        const quint16 port = TestNetwork::freshPort(15);
        harness.find<QLineEdit>("specEdit")->setText(QStringLiteral("239.1.1.9:%1").arg(port));
        harness.click("addSubscriptionButton");
        const int row = harness.subscriptions()->rowCount() - 1;
        QCOMPARE(harness.subscriptionCell(row, SubscriptionTableModel::Interface),
                 QStringLiteral("198.18.78.2"));

        harness.click("listenButton");
        QTRY_COMPARE(harness.subscriptionCell(row, SubscriptionTableModel::State),
                     QStringLiteral("joined"));
        const QList<SubscriptionStatus> statuses = harness.session.listener().status().subscriptions;
        const auto joined = std::find_if(statuses.cbegin(), statuses.cend(), [port](const SubscriptionStatus &s) {
            return s.subscription.port == port;
        });
        QVERIFY(joined != statuses.cend());
        QCOMPARE(joined->describe(), QStringLiteral("239.1.1.9:%1 on mcTwoW0 — 198.18.78.2").arg(port));
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("198.18.78.2"), QStringLiteral("239.1.1.9"),
                                      port, "on the second address"));
        QTRY_COMPARE(harness.subscriptionCell(row, SubscriptionTableModel::Packets),
                     QStringLiteral("1"));
    }

    // Editing one row while listening joins it anew: its port, then its interface. The other
    // row keeps listening and keeps what it counted.
    void editingARowWhileListeningKeepsTheOthersCounters()
    {
        REQUIRE_PRIVATE_NETWORK();
        const quint16 port = TestNetwork::freshPort(10);
        const quint16 secondPort = TestNetwork::freshPort(11);
        const quint16 editedPort = TestNetwork::freshPort(12);
        SettingsStore(m_iniPath).save(QList<SubscriptionChoice>{
            {loopbackSubscription(testGroup, port), true},
            {loopbackSubscription("239.1.1.2", secondPort), true}});
        WindowHarness harness(m_iniPath);
        harness.click("listenButton");
        QTRY_COMPARE(harness.subscriptionCell(1, SubscriptionTableModel::State), QStringLiteral("joined"));
        for (const char *payload : {"one", "two"})
            QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QLatin1String(testGroup), port, payload));
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QStringLiteral("239.1.1.2"), secondPort, "x"));
        QTRY_COMPARE(harness.subscriptionCell(0, SubscriptionTableModel::Packets), QStringLiteral("2"));
        QTRY_COMPARE(harness.subscriptionCell(1, SubscriptionTableModel::Packets), QStringLiteral("1"));

        auto *view = harness.find<QTableView>("subscriptionView");
        const QModelIndex portCell = harness.subscriptions()->index(1, SubscriptionTableModel::Port);
        view->setFocus();
        view->edit(portCell);
        auto *editor = qobject_cast<QLineEdit *>(view->indexWidget(portCell));
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QString::number(editedPort));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(harness.subscriptionCell(1, SubscriptionTableModel::Port), QString::number(editedPort));
        QTRY_COMPARE(harness.session.listener().status().subscriptions.value(1).subscription.port, editedPort);
        QTRY_COMPARE(harness.subscriptionCell(1, SubscriptionTableModel::State), QStringLiteral("joined"));
        QCOMPARE(harness.subscriptionCell(0, SubscriptionTableModel::Packets), QStringLiteral("2"));
        QCOMPARE(harness.subscriptionCell(1, SubscriptionTableModel::Packets), QStringLiteral("0"));

        // The interface, from the list of interfaces in the cell.
        const QModelIndex interfaceCell = harness.subscriptions()->index(1, SubscriptionTableModel::Interface);
        view->edit(interfaceCell);
        auto *combo = qobject_cast<QComboBox *>(view->indexWidget(interfaceCell));
        QVERIFY(combo);
        QVERIFY(combo->findText(QStringLiteral("lo")) >= 0);
        combo->setEditText(QStringLiteral("lo"));
        QTest::keyClick(combo->lineEdit(), Qt::Key_Return);
        QTRY_COMPARE(harness.subscriptionCell(1, SubscriptionTableModel::Interface), QStringLiteral("lo"));
        QTRY_COMPARE(harness.session.listener().status().subscriptions.value(1).subscription.interfaceSpec,
                     QStringLiteral("lo"));
        QTRY_COMPARE(harness.subscriptionCell(1, SubscriptionTableModel::State), QStringLiteral("joined"));

        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QStringLiteral("239.1.1.2"), secondPort,
                                      "to the old port"));
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QStringLiteral("239.1.1.2"), editedPort,
                                      "to the new port"));
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QLatin1String(testGroup), port, "three"));
        QTRY_COMPARE(harness.subscriptionCell(0, SubscriptionTableModel::Packets), QStringLiteral("3"));
        QTRY_COMPARE(harness.subscriptionCell(1, SubscriptionTableModel::Packets), QStringLiteral("1"));
        QTRY_COMPARE(harness.datagrams()->rowCount(), 5);
        const QModelIndexList newPort = harness.datagrams()->match(
            harness.datagrams()->index(0, DatagramTableModel::Payload), Qt::DisplayRole,
            QStringLiteral("to the new port"), -1, Qt::MatchExactly);
        QCOMPARE(newPort.size(), 1);
        QCOMPARE(newPort.front().siblingAtColumn(DatagramTableModel::Destination).data().toString(),
                 QStringLiteral("239.1.1.2:%1").arg(editedPort));
    }

    // The Format cell's list forces a format on the row's datagrams: raw reads an RTP stream
    // as undecoded bytes (no sequence numbers, no loss), rtp reads its numbers. The choice is
    // saved and applied on the same membership, without leaving the group.
    void aRowsFormatIsChosenInItsCell()
    {
        REQUIRE_PRIVATE_NETWORK();
        const quint16 port = TestNetwork::freshPort(15);
        SettingsStore(m_iniPath).save(QList<SubscriptionChoice>{{loopbackSubscription(testGroup, port), true}});
        WindowHarness harness(m_iniPath);
        harness.click("listenButton");
        QTRY_COMPARE(harness.subscriptionCell(0, SubscriptionTableModel::State), QStringLiteral("joined"));
        QCOMPARE(harness.subscriptionCell(0, SubscriptionTableModel::Format), QStringLiteral("auto"));

        auto *view = harness.find<QTableView>("subscriptionView");
        const auto choose = [&](const QString &name) {
            const QModelIndex cell = harness.subscriptions()->index(0, SubscriptionTableModel::Format);
            view->setFocus();
            view->edit(cell);
            auto *combo = qobject_cast<QComboBox *>(view->indexWidget(cell));
            if (!combo || combo->count() != formatChoiceNames().size())
                return false;
            const int index = combo->findText(name);
            combo->setCurrentIndex(index);
            emit combo->activated(index); // as a click in its list says it
            return true;
        };
        const auto sendRtp = [port](std::initializer_list<quint16> sequences) {
            for (const quint16 sequence : sequences) {
                const QByteArray packet = StreamPackets::Rtp()
                                              .sequence(sequence)
                                              .timestamp(sequence * 3600u)
                                              .ssrc(0x1234)
                                              .payloadType(96)
                                              .payload(QByteArray(160, 'x'))
                                              .bytes();
                if (!TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QLatin1String(testGroup), port, packet))
                    return false;
            }
            return true;
        };
        const auto flowCell = [&](const QString &format, int column) {
            QAbstractItemModel *senders = harness.senders();
            for (int row = 0; row < senders->rowCount(); ++row) {
                if (senders->index(row, SenderTableModel::Format).data().toString() == format)
                    return std::optional<QString>(senders->index(row, column).data().toString());
            }
            return std::optional<QString>();
        };

        QVERIFY(choose(QStringLiteral("raw")));
        QTRY_COMPARE(harness.subscriptionCell(0, SubscriptionTableModel::Format), QStringLiteral("raw"));
        QTRY_COMPARE(harness.session.listener().status().subscriptions.value(0).subscription.format,
                     FormatChoice(PayloadFormat::Raw));
        QCOMPARE(SettingsStore(m_iniPath).subscriptionChoices().value(0).subscription.format,
                 FormatChoice(PayloadFormat::Raw));
        QVERIFY(sendRtp({1, 2, 4}));
        QTRY_COMPARE(harness.subscriptionCell(0, SubscriptionTableModel::Packets), QStringLiteral("3"));
        QTRY_COMPARE(harness.senders()->rowCount(), 1);
        QCOMPARE(flowCell(QStringLiteral("raw"), SenderTableModel::Packets), std::optional<QString>(QStringLiteral("3")));
        QCOMPARE(flowCell(QStringLiteral("raw"), SenderTableModel::Lost), std::optional<QString>(QString()));

        QVERIFY(choose(QStringLiteral("rtp")));
        QTRY_COMPARE(harness.session.listener().status().subscriptions.value(0).subscription.format,
                     FormatChoice(PayloadFormat::Rtp));
        QCOMPARE(harness.subscriptionCell(0, SubscriptionTableModel::State), QStringLiteral("joined"));
        QVERIFY(sendRtp({10, 11, 13}));
        QTRY_COMPARE(flowCell(QStringLiteral("rtp"), SenderTableModel::Lost), std::optional<QString>(QStringLiteral("1")));
        QCOMPARE(flowCell(QStringLiteral("rtp"), SenderTableModel::Packets), std::optional<QString>(QStringLiteral("3")));
        // The same membership: its counter went on.
        QCOMPARE(harness.subscriptionCell(0, SubscriptionTableModel::Packets), QStringLiteral("6"));
        QCOMPARE(SettingsStore(m_iniPath).subscriptionChoices().value(0).subscription.format,
                 FormatChoice(PayloadFormat::Rtp));
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
    TestMainWindowSubscriptions test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_mainwindowsubscriptions.moc"
