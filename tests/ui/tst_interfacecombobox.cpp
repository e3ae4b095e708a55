#include "InterfaceComboBox.h"

#include "TestNetwork.h"

#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

namespace {

std::optional<InterfaceChoice> loopback()
{
    for (const InterfaceChoice &choice : NetworkInterfaces::ipv4Interfaces()) {
        if (choice.address == QHostAddress(QHostAddress::LocalHost))
            return choice;
    }
    return std::nullopt;
}

} // namespace

// Reads the host's interfaces but sends nothing: safe outside the test namespace, but for
// the interface with two addresses, made only inside it.
class TestInterfaceComboBox final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!loopback())
            QSKIP("no IPv4 loopback interface here");
    }

    void listsEveryIPv4InterfaceByLabel()
    {
        InterfaceComboBox combo;
        const QList<InterfaceChoice> interfaces = NetworkInterfaces::ipv4Interfaces();
        QCOMPARE(combo.count(), interfaces.size());
        QVERIFY(combo.findText(loopback()->label(), Qt::MatchStartsWith) >= 0);
        QCOMPARE(loopback()->label(), QStringLiteral("%1 — 127.0.0.1").arg(loopback()->name));
    }

    void selectsByAddressOrName()
    {
        InterfaceComboBox combo;
        combo.setSpec(QStringLiteral("127.0.0.1"));
        QVERIFY(combo.currentText().startsWith(loopback()->label()));
        QCOMPARE(combo.spec(), QStringLiteral("127.0.0.1"));
        QVERIFY(combo.isSpecFound());

        // A name stays a name: the configuration keeps what the user wrote.
        combo.setSpec(loopback()->name);
        QVERIFY(combo.currentText().startsWith(loopback()->label()));
        QCOMPARE(combo.spec(), loopback()->name);
        QVERIFY(combo.isSpecFound());
    }

    void keepsAMissingInterfaceVisible()
    {
        InterfaceComboBox combo;
        const int interfaces = combo.count();
        combo.setSpec(QStringLiteral("nosuch0"));
        QCOMPARE(combo.count(), interfaces + 1);
        QCOMPARE(combo.currentText(), QStringLiteral("nosuch0 (not found)"));
        QCOMPARE(combo.spec(), QStringLiteral("nosuch0"));
        QVERIFY(!combo.isSpecFound());

        combo.refresh(); // still missing, still selected
        QCOMPARE(combo.currentText(), QStringLiteral("nosuch0 (not found)"));

        combo.setSpec(QStringLiteral("127.0.0.1")); // the placeholder goes away
        QCOMPARE(combo.count(), interfaces);
        QVERIFY(combo.isSpecFound());
    }

    void refreshKeepsTheSelection()
    {
        InterfaceComboBox combo;
        combo.setSpec(QStringLiteral("127.0.0.1"));
        combo.refresh();
        QCOMPARE(combo.spec(), QStringLiteral("127.0.0.1"));
        QVERIFY(combo.currentText().startsWith(loopback()->label()));
    }

    void userChoiceIsAnnouncedButSetSpecIsNot()
    {
        InterfaceComboBox combo;
        QSignalSpy chosen(&combo, &InterfaceComboBox::specChosen);
        combo.setSpec(QStringLiteral("nosuch0"));
        QCOMPARE(chosen.count(), 0);

        QTest::keyClick(&combo, Qt::Key_Home); // the keyboard's way to the first entry
        const QString first = NetworkInterfaces::ipv4Interfaces().constFirst().address.toString();
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toString(), first);
        QCOMPARE(combo.spec(), first);
        QVERIFY(combo.isSpecFound());
    }

    // Each address is a choice of its own, and choosing one keeps that address.
    void listsEveryAddressOfAnInterface()
    {
        REQUIRE_PRIVATE_NETWORK();
        QVERIFY(TestNetwork::ip(QStringLiteral("link add mcTwo0 type veth peer name mcTwo1")));
        const auto removeLink = qScopeGuard([] { TestNetwork::ip(QStringLiteral("link del mcTwo0")); });
        QVERIFY(TestNetwork::ip(QStringLiteral("addr add 198.18.77.1/24 dev mcTwo0")));
        QVERIFY(TestNetwork::ip(QStringLiteral("addr add 198.18.77.2/24 dev mcTwo0")));
        QVERIFY(TestNetwork::ip(QStringLiteral("link set mcTwo0 up")));

        InterfaceComboBox combo;
        const int first = combo.findText(QStringLiteral("mcTwo0 — 198.18.77.1"));
        const int second = combo.findText(QStringLiteral("mcTwo0 — 198.18.77.2"));
        QVERIFY(first >= 0);
        QCOMPARE(second, first + 1);

        QSignalSpy chosen(&combo, &InterfaceComboBox::specChosen);
        combo.setCurrentIndex(second);
        emit combo.activated(second); // as a click in the list does
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(combo.spec(), QStringLiteral("198.18.77.2"));
        combo.refresh();
        QCOMPARE(combo.currentIndex(), second);
        const auto resolved = NetworkInterfaces::resolve(combo.spec());
        QVERIFY(resolved);
        QCOMPARE(resolved->name, QStringLiteral("mcTwo0"));
        QCOMPARE(resolved->address, QHostAddress(QStringLiteral("198.18.77.2")));

        // A name picks the first of its addresses.
        combo.setSpec(QStringLiteral("mcTwo0"));
        QCOMPARE(combo.currentIndex(), first);
    }

    void emptySpecPicksTheFirstInterface()
    {
        InterfaceComboBox combo;
        combo.setSpec(QString());
        QCOMPARE(combo.currentIndex(), 0);
        QVERIFY(!combo.spec().isEmpty());
    }
};

QTEST_MAIN(TestInterfaceComboBox)
#include "tst_interfacecombobox.moc"
