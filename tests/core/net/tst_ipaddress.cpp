#include "net/IpAddress.h"
#include "net/Subscription.h"

#include <QHash>
#include <QHostAddress>
#include <QNetworkInterface>
#include <QTest>

class IpAddressTest final : public QObject
{
    Q_OBJECT

private slots:
    void readsIPv4Strictly_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("reasonPart");
        QTest::newRow("group") << "239.1.1.1" << true << "";
        QTest::newRow("zeros") << "0.0.0.0" << true << "";
        QTest::newRow("broadcast") << "255.255.255.255" << true << "";
        QTest::newRow("octal-looking") << "239.010.1.1" << false << "leading zeros";
        QTest::newRow("leading zero last") << "239.1.1.08" << false << "leading zeros";
        QTest::newRow("too big") << "239.1.1.256" << false << "at most 255";
        QTest::newRow("three parts") << "239.1.1" << false << "four";
        QTest::newRow("five parts") << "239.1.1.1.1" << false << "four";
        QTest::newRow("trailing dot") << "239.1.1.1." << false << "four numbers";
        QTest::newRow("hex") << "0xef.1.1.1" << false << "four numbers";
        QTest::newRow("sign") << "+239.1.1.1" << false << "four numbers";
        QTest::newRow("space") << "239.1.1.1 " << false << "four numbers";
        QTest::newRow("empty") << "" << false << "no address";
        QTest::newRow("name") << "localhost" << false << "four numbers";
    }

    void readsIPv4Strictly()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, reasonPart);
        QString reason;
        const auto address = IpAddress::parse(text, &reason);
        QCOMPARE(address.has_value(), valid);
        if (valid) {
            QVERIFY(address->isIPv4());
            QCOMPARE(address->toString(), text);
            QCOMPARE(address->toIPv4(), QHostAddress(text).toIPv4Address());
        } else {
            QVERIFY2(reason.contains(reasonPart), qPrintable(reason));
        }
    }

    void readsAndWritesIPv6()
    {
        const auto group = IpAddress::parse(u"FF15:0:0::1234");
        QVERIFY(group && group->isIPv6());
        QCOMPARE(group->toString(), QStringLiteral("ff15::1234"));
        QVERIFY(group->isMulticast());
        QVERIFY(!group->isSourceSpecificMulticast());
        const std::array<quint8, 16> bytes = group->ipv6Bytes();
        QCOMPARE(bytes[0], quint8(0xff));
        QCOMPARE(bytes[1], quint8(0x15));
        QCOMPARE(bytes[14], quint8(0x12));
        QCOMPARE(bytes[15], quint8(0x34));
        QCOMPARE(IpAddress::fromIPv6(bytes), *group);
        QCOMPARE(IpAddress::fromQHostAddress(group->toQHostAddress()), *group);

        const auto linkLocal = IpAddress::parse(u"fe80::1%3");
        QVERIFY(linkLocal);
        QCOMPARE(linkLocal->scopeId(), 3u);
        QCOMPARE(linkLocal->toString(), QStringLiteral("fe80::1%3"));
        QVERIFY(*linkLocal != *IpAddress::parse(u"fe80::1"));

        QString reason;
        QVERIFY(!IpAddress::parse(u"ff15::1::2", &reason));
        QVERIFY(reason.contains(QLatin1String("IPv6")));
        QVERIFY(!IpAddress::parse(u"fe80::1%eth0", &reason));
        QVERIFY(reason.contains(QLatin1String("interface index")));
        // An IPv4-mapped address stays IPv6: it is what the IPv6 socket reported.
        const auto mapped = IpAddress::parse(u"::ffff:239.1.1.1");
        QVERIFY(mapped && mapped->isIPv6());
        QVERIFY(*mapped != IpAddress::fromIPv4(0xef010101));
    }

    // Qt names the scope of a link-local source it read by the interface's name on Unix, by
    // its number elsewhere: both are the interface's index here.
    void aNamedScopeIsTheInterfacesIndex()
    {
        const QList<QNetworkInterface> interfaces = QNetworkInterface::allInterfaces();
        if (interfaces.isEmpty())
            QSKIP("no network interface to name");
        const QNetworkInterface &named = interfaces.front();
        QHostAddress source(QStringLiteral("fe80::1"));
        source.setScopeId(named.name());
        QCOMPARE(IpAddress::fromQHostAddress(source).scopeId(), quint32(named.index()));
        source.setScopeId(QString::number(named.index()));
        QCOMPARE(IpAddress::fromQHostAddress(source).scopeId(), quint32(named.index()));
        source.setScopeId(QStringLiteral("nosuch0"));
        QCOMPARE(IpAddress::fromQHostAddress(source).scopeId(), 0u);
    }

    void classifiesMulticastRanges()
    {
        const auto is = [](const char *text) { return *IpAddress::parse(QString::fromLatin1(text)); };
        QVERIFY(is("224.0.0.1").isMulticast());
        QVERIFY(is("239.255.255.255").isMulticast());
        QVERIFY(!is("223.255.255.255").isMulticast());
        QVERIFY(!is("240.0.0.1").isMulticast());
        QVERIFY(is("232.1.2.3").isSourceSpecificMulticast());
        QVERIFY(!is("233.1.2.3").isSourceSpecificMulticast());
        QVERIFY(is("ff35::8000:1").isSourceSpecificMulticast());
        QVERIFY(is("ff3e::1").isSourceSpecificMulticast());
        QVERIFY(!is("ff3e:30:2001:db8::1").isSourceSpecificMulticast()); // a unicast-prefix group
        QVERIFY(!is("ff0e::1").isSourceSpecificMulticast());
        QVERIFY(!is("fe80::1").isMulticast());
        QVERIFY(is("0.0.0.0").isAny());
        QVERIFY(is("::").isAny());
        QVERIFY(!IpAddress().isAny());
        QVERIFY(IpAddress().isNull());
        QCOMPARE(IpAddress().toString(), QString());
    }

    void valuesCompareAndHashByAddressAndFamily()
    {
        const IpAddress four = IpAddress::fromIPv4(1);
        const IpAddress six = *IpAddress::parse(u"::1");
        QVERIFY(four != six); // same low word, another family
        QVERIFY(four < six);
        QHash<IpAddress, int> seen;
        seen.insert(four, 4);
        seen.insert(six, 6);
        seen.insert(IpAddress::fromIPv4(1), 44);
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen.value(four), 44);
        QCOMPARE(seen.value(six), 6);
        QCOMPARE(sizeof(IpAddress), std::size_t(24));
    }

    void endpointsAndSubscriptionsAreWrittenAsTyped()
    {
        const IpAddress group = *IpAddress::parse(u"ff15::1234");
        QCOMPARE((Endpoint{group, 5001}.toString()), QStringLiteral("[ff15::1234]:5001"));
        QCOMPARE((Endpoint{IpAddress::fromIPv4(0xef010101), 5001}.toString()),
                 QStringLiteral("239.1.1.1:5001"));
        const Subscription ssm{*IpAddress::parse(u"232.1.1.1"), *IpAddress::parse(u"198.18.0.5"), 6000,
                               QStringLiteral("veth0")};
        QCOMPARE(ssm.toString(), QStringLiteral("198.18.0.5,232.1.1.1:6000@veth0"));
        QCOMPARE((Subscription{group, {}, 5001, {}}.toString()), QStringLiteral("[ff15::1234]:5001"));
    }

    void aSubscriptionCarriesItsGroupPortAndSource()
    {
        const IpAddress group = IpAddress::fromIPv4(0xe8010101);
        const IpAddress source = IpAddress::fromIPv4(0xc6120005);
        const IpAddress stranger = IpAddress::fromIPv4(0xc6120006);
        const Subscription anySource{group, {}, 6000, {}};
        QVERIFY(anySource.carries(source, {group, 6000}));
        QVERIFY(anySource.carries(stranger, {group, 6000}));
        QVERIFY(!anySource.carries(source, {group, 6001}));
        QVERIFY(!anySource.carries(source, {IpAddress::fromIPv4(0xe8010102), 6000}));
        const Subscription oneSource{group, source, 6000, {}};
        QVERIFY(oneSource.isSourceSpecific());
        QVERIFY(oneSource.carries(source, {group, 6000}));
        QVERIFY(!oneSource.carries(stranger, {group, 6000}));
    }
};

QTEST_GUILESS_MAIN(IpAddressTest)
#include "tst_ipaddress.moc"
