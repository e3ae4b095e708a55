#include "net/SubscriptionSpec.h"

#include <QTest>

class TestSubscriptionSpec final : public QObject
{
    Q_OBJECT

    static constexpr quint16 defaultPort = 5001;

    static SubscriptionSpec::Defaults defaults()
    {
        return {defaultPort, QStringLiteral("127.0.0.1")};
    }

private slots:
    void readsEveryForm_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("networkInterface");
        QTest::newRow("group only") << "239.1.1.1" << "239.1.1.1" << "" << 5001 << "127.0.0.1";
        QTest::newRow("port and interface") << "239.1.1.2:5002@lo" << "239.1.1.2" << "" << 5002 << "lo";
        QTest::newRow("interface only") << "239.1.1.3@veth0" << "239.1.1.3" << "" << 5001 << "veth0";
        QTest::newRow("IPv6 bracketed with port")
            << "[ff15::1234]:5001@veth0" << "ff15::1234" << "" << 5001 << "veth0";
        QTest::newRow("IPv6 bare") << "ff15::1234" << "ff15::1234" << "" << 5001 << "127.0.0.1";
        QTest::newRow("IPv6 bracketed, no port") << "[ff15::1]" << "ff15::1" << "" << 5001 << "127.0.0.1";
        QTest::newRow("IPv6 SSM with source")
            << "2001:db8::5,[ff35::1]:6000" << "ff35::1" << "2001:db8::5" << 6000 << "127.0.0.1";
        QTest::newRow("IPv4 SSM with source")
            << "198.18.0.5,232.1.1.1:6000@veth0" << "232.1.1.1" << "198.18.0.5" << 6000 << "veth0";
        QTest::newRow("source filter outside SSM")
            << "198.18.0.5,239.1.1.1" << "239.1.1.1" << "198.18.0.5" << 5001 << "127.0.0.1";
        QTest::newRow("bracketed IPv6 source")
            << "[2001:db8::5],[ff35::1]:6000" << "ff35::1" << "2001:db8::5" << 6000 << "127.0.0.1";
        QTest::newRow("link-local with interface") << "[ff02::1:3]:5355@veth0" << "ff02::1:3" << "" << 5355
                                                   << "veth0";
        QTest::newRow("spaces around") << "  239.1.1.1:7000  " << "239.1.1.1" << "" << 7000 << "127.0.0.1";
    }

    void readsEveryForm()
    {
        QFETCH(QString, spec);
        QFETCH(QString, group);
        QFETCH(QString, source);
        QFETCH(int, port);
        QFETCH(QString, networkInterface);
        QString error;
        const auto subscription = SubscriptionSpec::parse(spec, defaults(), &error);
        QVERIFY2(subscription, qPrintable(error));
        QCOMPARE(subscription->group.toString(), group);
        QCOMPARE(subscription->source.toString(), source);
        QCOMPARE(int(subscription->port), port);
        QCOMPARE(subscription->interfaceSpec, networkInterface);
        // Written back, it reads the same.
        const auto again = SubscriptionSpec::parse(subscription->toString(), {}, &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(*again, *subscription);
    }

    void refusesWithTheValueAndTheReason_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("message");
        QTest::newRow("octal-looking group")
            << "239.010.1.1" << R"("239.010.1.1": group "239.010.1.1": leading zeros are not allowed)";
        QTest::newRow("leading zero in the last part")
            << "239.1.1.08" << R"("239.1.1.08": group "239.1.1.08": leading zeros are not allowed)";
        QTest::newRow("not multicast") << "10.0.0.1" << R"("10.0.0.1": 10.0.0.1 is not a multicast group)";
        QTest::newRow("SSM without source")
            << "232.1.1.1" << R"("232.1.1.1": 232.1.1.1 is a source-specific group (232.0.0.0/8))";
        QTest::newRow("IPv6 SSM without source")
            << "[ff35::1]:6000" << R"("[ff35::1]:6000": ff35::1 is a source-specific group (ff3x::/32))";
        QTest::newRow("source of the other family")
            << "198.18.0.5,[ff35::1]:6000" << "source 198.18.0.5 and group ff35::1 are not of the same address family";
        QTest::newRow("multicast source") << "239.9.9.9,232.1.1.1" << "source 239.9.9.9 is not a unicast address";
        QTest::newRow("bad source") << "198.18.0.500,232.1.1.1" << R"(source "198.18.0.500": each part)";
        QTest::newRow("link-local without interface")
            << "[ff02::1]:5000" << "ff02::1 is link-local: give its interface as GROUP@INTERFACE";
        QTest::newRow("port zero") << "239.1.1.1:0" << R"(port "0" is not a number from 1 to 65535)";
        QTest::newRow("port too big") << "239.1.1.1:65536" << R"(port "65536" is not a number)";
        QTest::newRow("port not a number") << "239.1.1.1:http" << R"(port "http" is not a number)";
        QTest::newRow("empty port") << "239.1.1.1:" << "no port after :";
        QTest::newRow("empty interface") << "239.1.1.1@" << "no interface after @";
        QTest::newRow("unclosed bracket") << "[ff15::1:5001" << "no ] after the IPv6 group";
        QTest::newRow("junk after bracket") << "[ff15::1]5001" << "expected :PORT after ]";
        QTest::newRow("empty") << "" << "no group given";
        QTest::newRow("name") << "example.org" << R"(group "example.org": an IPv4 address is four numbers)";
    }

    void refusesWithTheValueAndTheReason()
    {
        QFETCH(QString, spec);
        QFETCH(QString, message);
        QString error;
        // No default interface, as when the settings name none and --interface is not given.
        QVERIFY(!SubscriptionSpec::parse(spec, {defaultPort, {}}, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    // The window's table edits one part of a row; the row must still be a subscription.
    void editsOnePart_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("part");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // the edited spec, or the error's words
        using Part = SubscriptionSpec::Part;
        QTest::newRow("group") << "239.1.1.1:5001@lo" << int(Part::Group) << " 239.1.1.2 " << "239.1.1.2:5001@lo";
        QTest::newRow("IPv6 group in brackets")
            << "239.1.1.1:5001@lo" << int(Part::Group) << "[ff15::1]" << "[ff15::1]:5001@lo";
        QTest::newRow("port") << "239.1.1.1:5001@lo" << int(Part::Port) << "6000" << "239.1.1.1:6000@lo";
        QTest::newRow("interface") << "239.1.1.1:5001@lo" << int(Part::Interface) << "::1" << "239.1.1.1:5001@::1";
        QTest::newRow("source filter") << "239.1.1.1:5001@lo" << int(Part::Source) << "127.0.0.1"
                                       << "127.0.0.1,239.1.1.1:5001@lo";
        QTest::newRow("source taken away") << "127.0.0.1,239.1.1.1:5001@lo" << int(Part::Source) << ""
                                           << "239.1.1.1:5001@lo";
        QTest::newRow("octal-looking group")
            << "239.1.1.1:5001@lo" << int(Part::Group) << "239.010.1.1" << R"(group "239.010.1.1": leading zeros)";
        QTest::newRow("SSM group without source")
            << "239.1.1.1:5001@lo" << int(Part::Group) << "232.1.1.1" << "232.1.1.1 is a source-specific group";
        QTest::newRow("SSM source taken away")
            << "10.0.0.5,232.1.1.1:5001@lo" << int(Part::Source) << " " << "232.1.1.1 is a source-specific group";
        QTest::newRow("source of the other family")
            << "239.1.1.1:5001@lo" << int(Part::Source) << "2001:db8::5" << "not of the same address family";
        QTest::newRow("port zero") << "239.1.1.1:5001@lo" << int(Part::Port) << "0" << R"(port "0" is not a number)";
        QTest::newRow("no interface") << "239.1.1.1:5001@lo" << int(Part::Interface) << "  "
                                      << R"(interface "": give a name or an address)";
        QTest::newRow("unicast group")
            << "239.1.1.1:5001@lo" << int(Part::Group) << "10.0.0.1" << "10.0.0.1 is not a multicast group";
    }

    void editsOnePart()
    {
        QFETCH(QString, spec);
        QFETCH(int, part);
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QString error;
        const auto subscription = SubscriptionSpec::parse(spec, {}, &error);
        QVERIFY2(subscription, qPrintable(error));
        const auto edited =
            SubscriptionSpec::withPart(*subscription, SubscriptionSpec::Part(part), text, &error);
        if (edited)
            QCOMPARE(edited->toString(), expected);
        else
            QVERIFY2(error.contains(expected), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestSubscriptionSpec)
#include "tst_subscriptionspec.moc"
