#include "CommandLine.h"

#include "TestNetwork.h"

#include <QScopeGuard>
#include <QTest>

#include <utility>

using Outcome = CommandLineOptions::Outcome;
using Mode = CommandLineOptions::Mode;

namespace {

CommandLineOptions parse(QStringList arguments)
{
    arguments.prepend(QStringLiteral("mcast-monitor"));
    return CommandLine::parse(arguments);
}

} // namespace

class TestCommandLine final : public QObject
{
    Q_OBJECT

private slots:
    void defaultsToTheWindow()
    {
        const auto options = parse({});
        QCOMPARE(options.outcome, Outcome::Run);
        QCOMPARE(options.mode, Mode::Gui);
        QVERIFY(!options.group && !options.port && !options.interfaceSpec);
    }

    void readsEveryOption()
    {
        const auto options = parse({"--headless", "--group", "239.2.2.2", "--port", "6000", "--interface",
                                    "lo", "--ttl", "4", "--interval", "0.25", "--prefix", "UPS",
                                    "--count", "3", "--duration", "1.5", "--stats", "2", "--json",
                                    "--pcap", "run.pcap"});
        QCOMPARE(options.outcome, Outcome::Run);
        QCOMPARE(options.mode, Mode::Headless);
        QCOMPARE(*options.group, QHostAddress(QStringLiteral("239.2.2.2")));
        QCOMPARE(*options.port, quint16(6000));
        QCOMPARE(*options.interfaceSpec, QStringLiteral("lo"));
        QCOMPARE(*options.ttl, 4);
        QCOMPARE(qint64(options.interval->count()), qint64(250000)); // microseconds
        QCOMPARE(*options.prefix, QStringLiteral("UPS"));
        QCOMPARE(*options.count, qint64(3));
        QCOMPARE(*options.durationSeconds, 1.5);
        QCOMPARE(*options.statsSeconds, 2.0);
        QVERIFY(options.json);
        QCOMPARE(*options.pcapPath, QStringLiteral("run.pcap"));
    }

    void overridesOnlyWhatWasGiven()
    {
        ReceiveConfig receive;
        receive.interfaceSpec = QStringLiteral("eth9");
        TransmitConfig transmit;
        transmit.prefix = QStringLiteral("SAVED");
        parse({"--port", "7000", "--ttl", "9"}).applyTo(receive, transmit);
        QCOMPARE(receive.port, quint16(7000));
        QCOMPARE(transmit.port, quint16(7000));
        QCOMPARE(transmit.ttl, 9);
        QCOMPARE(receive.interfaceSpec, QStringLiteral("eth9"));
        QCOMPARE(transmit.prefix, QStringLiteral("SAVED"));
        QCOMPARE(receive.group, QHostAddress(QStringLiteral("239.1.1.1")));
    }

    void receiveBufferTakesBytesKAndM()
    {
        for (const auto &[text, bytes] : {std::pair{"65536", 65536}, std::pair{"512K", 512 * 1024},
                                          std::pair{"16M", 16 * 1024 * 1024}, std::pair{" 1024m ", 1024 * 1024 * 1024}}) {
            ReceiveConfig receive;
            TransmitConfig transmit;
            const CommandLineOptions options = parse({"--headless", "--receive-buffer", text});
            QVERIFY2(options.outcome == CommandLineOptions::Outcome::Run, qPrintable(options.message));
            options.applyTo(receive, transmit);
            QCOMPARE(receive.receiveBufferBytes, bytes);
        }
        ReceiveConfig untouched;
        TransmitConfig transmit;
        parse({"--headless"}).applyTo(untouched, transmit);
        QCOMPARE(untouched.receiveBufferBytes, ReceiveConfig{}.receiveBufferBytes);
    }

    void windowListensAtOnceWhenAsked()
    {
        QVERIFY(!parse({}).listen);
        QVERIFY(parse({"--listen"}).listen);
        QVERIFY(parse({"--stats", "1", "--duration", "5"}).listen); // the window's statistics need traffic
        QVERIFY(!parse({"--headless", "--stats", "1"}).listen);
    }

    void sendMode()
    {
        QCOMPARE(parse({"--send"}).mode, Mode::Send);
    }

    void emptyPrefixIsAPrefix()
    {
        ReceiveConfig receive;
        TransmitConfig transmit;
        const auto options = parse({"--send", "--prefix", ""});
        QCOMPARE(options.outcome, Outcome::Run);
        options.applyTo(receive, transmit);
        QCOMPARE(transmit.prefix, QString());
        QCOMPARE(receive.atuPrefix, QString());
    }

    void refusesBadArguments_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("reasonContains");
        QTest::newRow("unicast group") << QStringList{"--group", "10.0.0.1"} << "not a multicast";
        QTest::newRow("broadcast group") << QStringList{"--group", "255.255.255.255"} << "not a multicast";
        QTest::newRow("short group") << QStringList{"--group", "239.1.1"} << "not an IPv4";
        QTest::newRow("word group") << QStringList{"--group", "abc"} << "an IPv4 address is four numbers";
        QTest::newRow("port 0") << QStringList{"--port", "0"} << "between 1 and 65535";
        QTest::newRow("port 65536") << QStringList{"--port", "65536"} << "between 1 and 65535";
        QTest::newRow("port -1") << QStringList{"--port", "-1"} << "between 1 and 65535";
        QTest::newRow("port x") << QStringList{"--port", "x"} << "between 1 and 65535";
        QTest::newRow("unknown interface") << QStringList{"--interface", "nosuch0"} << "nosuch0";
        QTest::newRow("unknown address") << QStringList{"--interface", "192.0.2.77"} << "192.0.2.77";
        QTest::newRow("ttl 256") << QStringList{"--ttl", "256"} << "between 0 and 255";
        QTest::newRow("ttl -1") << QStringList{"--ttl", "-1"} << "between 0 and 255";
        QTest::newRow("receive buffer 12") << QStringList{"--receive-buffer", "12"} << "'12' must be bytes from 65536";
        QTest::newRow("receive buffer 2G") << QStringList{"--receive-buffer", "2048M"} << "'2048M' must be";
        QTest::newRow("receive buffer words") << QStringList{"--receive-buffer", "big"} << "'big' must be";
        QTest::newRow("receive buffer to send") << QStringList{"--send", "--receive-buffer", "8M"}
                                                << "--send receives nothing";
        QTest::newRow("interval 0") << QStringList{"--interval", "0"} << "above 0";
        QTest::newRow("interval negative") << QStringList{"--interval", "-2"} << "above 0";
        QTest::newRow("interval two days") << QStringList{"--interval", "172800"} << "longer than a day";
        QTest::newRow("huge prefix") << QStringList{"--prefix", QString(70000, QLatin1Char('A'))} << "65507";
        QTest::newRow("count 0") << QStringList{"--send", "--count", "0"} << "--count";
        QTest::newRow("count in the window") << QStringList{"--count", "5"} << "--count '5' is for --headless and --send";
        QTest::newRow("pcap in the window") << QStringList{"--pcap", "x.pcap"} << "--pcap is for --headless";
        QTest::newRow("pcap with --send") << QStringList{"--send", "--pcap", "x.pcap"} << "--pcap is for --headless";
        QTest::newRow("pcap without a name") << QStringList{"--headless", "--pcap", ""} << "--pcap needs a file name";
        QTest::newRow("duration x") << QStringList{"--duration", "x"} << "--duration 'x'";
        // Time options: every value either works as written or is refused, naming the value.
        QTest::newRow("duration 0") << QStringList{"--duration", "0"} << "'0' must be a number of seconds above 0";
        QTest::newRow("duration negative") << QStringList{"--duration", "-1"} << "'-1' must be";
        QTest::newRow("duration nan") << QStringList{"--duration", "nan"} << "'nan' must be";
        QTest::newRow("duration inf") << QStringList{"--duration", "inf"} << "'inf' must be a finite number";
        QTest::newRow("duration 1e300") << QStringList{"--duration", "1e300"} << "'1e300' is longer than 100 years";
        QTest::newRow("duration past a century") << QStringList{"--duration", "3155760001"} << "100 years";
        QTest::newRow("duration 0.1 ms") << QStringList{"--duration", "0.0001"} << "'0.0001' is below 1 ms";
        QTest::newRow("stats 0.1 ms") << QStringList{"--stats", "0.0001"} << "--stats '0.0001' is below 0.01 s";
        QTest::newRow("stats inf") << QStringList{"--stats", "inf"} << "--stats 'inf' must be a finite number";
        QTest::newRow("stats 1e300") << QStringList{"--stats", "1e300"} << "longer than 100 years";
        QTest::newRow("stats 0") << QStringList{"--stats", "0"} << "above 0";
        QTest::newRow("interval inf") << QStringList{"--send", "--interval", "inf"} << "'inf' must be a finite number";
        QTest::newRow("interval nan") << QStringList{"--send", "--interval", "nan"} << "'nan' must be";
        QTest::newRow("interval 0.5 ms") << QStringList{"--send", "--interval", "0.0005"} << "below the 1 ms";
        QTest::newRow("unknown format") << QStringList{"--headless", "--format", "h264"}
                                        << "--format 'h264' must be auto, raw, atu, rtp";
        QTest::newRow("format in capitals") << QStringList{"--headless", "--format", "RTP"} << "'RTP'";
        QTest::newRow("unknown option") << QStringList{"--frobnicate"} << "frobnicate";
        QTest::newRow("stray argument") << QStringList{"extra"} << "extra";
        QTest::newRow("both modes") << QStringList{"--headless", "--send"} << "cannot be combined";
        QTest::newRow("missing value") << QStringList{"--group"} << "group";
        QTest::newRow("octal-looking group") << QStringList{"--group", "239.010.1.1"} << "leading zeros";
        QTest::newRow("leading zero names the value") << QStringList{"--group", "239.1.1.08"} << "'239.1.1.08'";
        QTest::newRow("SSM without source")
            << QStringList{"--headless", "--group", "232.1.1.1:5001"} << "source-specific group (232.0.0.0/8)";
        QTest::newRow("source of the other family")
            << QStringList{"--headless", "--group", "198.18.0.5,[ff35::1]:6000"} << "not of the same address family";
        QTest::newRow("IPv6 link-local without interface")
            << QStringList{"--headless", "--interface", "lo", "--group", "[ff02::1]:6000@"} << "no interface after @";
        QTest::newRow("spec on an unknown interface")
            << QStringList{"--headless", "--group", "239.1.1.2@nosuch0"} << "nosuch0";
        QTest::newRow("bad spec port") << QStringList{"--headless", "--group", "239.1.1.2:0"} << "port \"0\"";
        QTest::newRow("several groups to --send")
            << QStringList{"--send", "--group", "239.1.1.2", "--group", "239.1.1.3"} << "--send takes one --group";
        // The window validates its subscriptions as headless does.
        QTest::newRow("SSM without source, plain")
            << QStringList{"--group", "232.1.1.1"} << "--group 232.1.1.1 is a source-specific group";
        QTest::newRow("SSM without source in the window")
            << QStringList{"--group", "239.1.1.2", "--group", "232.1.1.1:5001"}
            << "\"232.1.1.1:5001\": 232.1.1.1 is a source-specific group";
        QTest::newRow("IPv6 SSM without source") << QStringList{"--group", "[ff35::1]:6000@lo"}
                                                 << "ff35::1 is a source-specific group (ff3x::/32)";
        QTest::newRow("IPv4 source for an IPv6 group in the window")
            << QStringList{"--group", "127.0.0.1,[ff15::1]:6000@lo"}
            << "source 127.0.0.1 and group ff15::1 are not of the same address family";
        QTest::newRow("IPv6 source for an IPv4 group")
            << QStringList{"--headless", "--group", "2001:db8::5,239.1.1.1"}
            << "source 2001:db8::5 and group 239.1.1.1 are not of the same address family";
        QTest::newRow("octal-looking group in a spec")
            << QStringList{"--group", "239.010.1.1:5000"} << "group \"239.010.1.1\": leading zeros";
        QTest::newRow("octal-looking source")
            << QStringList{"--group", "10.0.0.05,232.1.1.1"} << "source \"10.0.0.05\": leading zeros";
        QTest::newRow("link-local IPv6 group, no interface named")
            << QStringList{"--group", "[ff02::1]:6000"} << "ff02::1 is link-local: give its interface";
        QTest::newRow("link-local IPv6 group in brackets only")
            << QStringList{"--headless", "--group", "[ff12::5]"} << "ff12::5 is link-local";
        QTest::newRow("interface-local IPv6 group")
            << QStringList{"--headless", "--group", "[ff11::5]:6000"} << "ff11::5 is link-local";
        QTest::newRow("spec on an unknown interface in the window")
            << QStringList{"--group", "[ff15::1]:6000@nosuch0"} << "nosuch0";
        QTest::newRow("unknown IPv6 interface address")
            << QStringList{"--interface", "2001:db8::77"} << "--interface: no interface named or addressed 2001:db8::77";
        // Test streams: each refusal names the value.
        QTest::newRow("unknown format") << QStringList{"--send", "--format", "h264"} << "--format 'h264' is not a format";
        QTest::newRow("format not sendable") << QStringList{"--send", "--format", "raw"} << "--format raw cannot be sent";
        QTest::newRow("rate 0") << QStringList{"--send", "--format", "rtp", "--rate", "0"}
                                << "--rate 0 is not between 1 and 1000000";
        QTest::newRow("rate negative") << QStringList{"--send", "--format", "iperf2", "--rate", "-5"} << "--rate -5";
        QTest::newRow("rate absurd") << QStringList{"--send", "--format", "iperf2", "--rate", "50000000"}
                                     << "--rate 50000000 is not between";
        QTest::newRow("rate fraction") << QStringList{"--send", "--format", "iperf2", "--rate", "2.5"}
                                       << "--rate '2.5' must be a whole number";
        QTest::newRow("rate too slow for TS") << QStringList{"--send", "--format", "mpegts", "--rate", "10"}
                                              << "70 TS packets/s";
        QTest::newRow("size not TS packets") << QStringList{"--send", "--format", "mpegts", "--size", "1000"}
                                             << "--size 1000 is not a whole number of 188-byte TS packets";
        QTest::newRow("size below iperf's header") << QStringList{"--send", "--format", "iperf2", "--size", "12"}
                                                   << "--size 12 is below 20";
        QTest::newRow("size above IPv4") << QStringList{"--send", "--format", "iperf2", "--size", "65508"}
                                         << "--size 65508 is above 65507";
        QTest::newRow("size above IPv6")
            << QStringList{"--send", "--format", "iperf2", "--group", "[ff15::1]:5001@lo", "--size", "65528"}
            << "--size 65528 is above 65527";
        QTest::newRow("size 0") << QStringList{"--send", "--format", "iperf2", "--size", "0"} << "--size '0'";
        QTest::newRow("size for ATU") << QStringList{"--send", "--size", "100"} << "--size is for the streams";
        QTest::newRow("rate for ATU") << QStringList{"--send", "--format", "atu", "--rate", "100"}
                                      << "--rate is for the streams";
        QTest::newRow("interval for a stream") << QStringList{"--send", "--format", "rtp", "--interval", "0.1"}
                                               << "--interval is for --format atu";
        QTest::newRow("prefix for a stream") << QStringList{"--send", "--format", "rtp", "--prefix", "X"}
                                             << "--prefix is for --format atu";
        QTest::newRow("rate without --send") << QStringList{"--headless", "--rate", "100"} << "--rate is for --send";
        QTest::newRow("size in the window") << QStringList{"--size", "100"} << "--size is for --send";
    }

    void refusesBadArguments()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, reasonContains);
        const auto options = parse(arguments);
        QCOMPARE(options.outcome, Outcome::Error);
        QVERIFY2(options.message.contains(reasonContains), qPrintable(options.message));
        QVERIFY(!options.message.contains(QLatin1Char('\n')));
    }

    void readsThePayloadFormat()
    {
        ReceiveConfig receive;
        TransmitConfig transmit;
        parse({"--headless", "--format", "iperf2"}).applyTo(receive, transmit);
        QCOMPARE(receive.format, FormatChoice(PayloadFormat::Iperf2));
        parse({"--headless", "--format", "rtp-mpegts"}).applyTo(receive, transmit);
        QCOMPARE(receive.format, FormatChoice(PayloadFormat::RtpMpegTs));
        parse({"--headless", "--format", "auto"}).applyTo(receive, transmit);
        QCOMPARE(receive.format, FormatChoice());
        QCOMPARE(parse({"--headless"}).format, FormatChoice()); // detected by default
    }

    void readsSeveralSubscriptionsForHeadless()
    {
        const CommandLineOptions options = CommandLine::parse(
            {"mcast-monitor", "--headless", "--port", "6000", "--interface", "lo", "--group", "239.1.1.1",
             "--group", "239.1.1.2:5002@lo", "--group", "[ff15::1234]:5001@lo", "--group",
             "2001:db8::5,[ff35::1]:6001"});
        QCOMPARE(options.outcome, CommandLineOptions::Outcome::Run);
        ReceiveConfig receive;
        TransmitConfig transmit;
        options.applyTo(receive, transmit);
        const QList<Subscription> joined = receive.joined();
        QCOMPARE(joined.size(), 4);
        QCOMPARE(joined[0].toString(), QStringLiteral("239.1.1.1:6000@lo")); // --port and --interface fill in
        QCOMPARE(joined[1].toString(), QStringLiteral("239.1.1.2:5002@lo"));
        QCOMPARE(joined[2].toString(), QStringLiteral("[ff15::1234]:5001@lo"));
        QCOMPARE(joined[3].toString(), QStringLiteral("2001:db8::5,[ff35::1]:6001@lo"));
    }

    // The window joins any number of specs, IPv6 and source-specific ones included, as
    // headless does; they replace its saved list for the run.
    void readsSeveralSubscriptionsForTheWindow()
    {
        const auto options = parse({"--port", "6000", "--group", "239.1.1.1", "--group",
                                    "[ff15::1234]:5001@lo", "--group", "127.0.0.1,232.1.1.9:5002",
                                    "--group", "[ff02::1]:7000@::1"});
        QCOMPARE(options.outcome, Outcome::Run);
        QCOMPARE(options.mode, Mode::Gui);
        QVERIFY(options.namesSubscriptions());
        ReceiveConfig receive;
        receive.interfaceSpec = QStringLiteral("lo");
        TransmitConfig transmit;
        options.applyTo(receive, transmit);
        QCOMPARE(receive.joined().size(), 4);
        QCOMPARE(receive.joined()[0].toString(), QStringLiteral("239.1.1.1:6000@lo"));
        QCOMPARE(receive.joined()[1].toString(), QStringLiteral("[ff15::1234]:5001@lo"));
        QCOMPARE(receive.joined()[2].toString(), QStringLiteral("127.0.0.1,232.1.1.9:5002@lo"));
        QCOMPARE(receive.joined()[3].toString(), QStringLiteral("[ff02::1]:7000@::1"));
        QCOMPARE(transmit.group, QHostAddress(QString::fromLatin1(defaultGroup))); // several: not one to aim at

        // One IPv4 group in a spec is today's --group --port --interface, transmit panel too.
        const auto one = parse({"--group", "239.1.1.7:5007@lo"});
        QCOMPARE(one.outcome, Outcome::Run);
        QVERIFY(one.namesSubscriptions());
        ReceiveConfig oneReceive;
        TransmitConfig oneTransmit;
        one.applyTo(oneReceive, oneTransmit);
        QCOMPARE(oneReceive.joined().size(), 1);
        QCOMPARE(oneReceive.joined().front().toString(), QStringLiteral("239.1.1.7:5007@lo"));
        QCOMPARE(oneTransmit.group, QHostAddress(QStringLiteral("239.1.1.7")));
        QCOMPARE(oneTransmit.port, quint16(5007));

        // Without --group, --port or --interface the window shows its saved list.
        QVERIFY(!parse({"--listen"}).namesSubscriptions());
        QVERIFY(parse({"--port", "7000"}).namesSubscriptions());
    }

    // --interface is the default for the specs that name none: a name or any address of
    // an interface, IPv6 ones included.
    void takesAnInterfaceByIPv6Address()
    {
        const auto options = parse({"--headless", "--interface", "::1", "--group", "[ff15::1]:5001"});
        QCOMPARE(options.outcome, Outcome::Run);
        ReceiveConfig receive;
        TransmitConfig transmit;
        options.applyTo(receive, transmit);
        QCOMPARE(receive.joined().front().toString(), QStringLiteral("[ff15::1]:5001@::1"));
        // The loopback interface has an IPv4 address too: the default IPv4 group can use it.
        QCOMPARE(parse({"--interface", "::1"}).outcome, Outcome::Run);
    }

#ifdef Q_OS_LINUX
    // An interface with no IPv4 address carries IPv6 groups; an IPv4 group on it is refused,
    // naming the interface.
    void takesAnIPv6OnlyInterfaceByName()
    {
        if (qEnvironmentVariableIsEmpty("MCAST_MONITOR_NETNS")
            || !TestNetwork::ip(QStringLiteral("link add mcV6only type veth peer name mcV6peer")))
            QSKIP("needs a network namespace of its own to add a veth pair in");
        const auto removePair = qScopeGuard([] { TestNetwork::ip(QStringLiteral("link del mcV6only")); });
        QVERIFY(TestNetwork::ip(QStringLiteral("link set mcV6only up")));

        const auto ipv6 = parse({"--interface", "mcV6only", "--group", "[ff02::1234]:5001"});
        QCOMPARE(ipv6.outcome, Outcome::Run);
        QVERIFY2(ipv6.message.isEmpty(), qPrintable(ipv6.message));
        const auto headless = parse({"--headless", "--group", "[ff15::1]:5001@mcV6only"});
        QCOMPARE(headless.outcome, Outcome::Run);
        QCOMPARE(parse({"--send", "--interface", "mcV6only", "--group", "[ff15::1]:5001"}).outcome, Outcome::Run);

        const auto ipv4 = parse({"--interface", "mcV6only"});
        QCOMPARE(ipv4.outcome, Outcome::Error);
        QVERIFY2(ipv4.message.contains(QStringLiteral("mcV6only has no IPv4 address")), qPrintable(ipv4.message));
        const auto ipv4Spec = parse({"--headless", "--group", "239.1.1.1:5001@mcV6only"});
        QCOMPARE(ipv4Spec.outcome, Outcome::Error);
        QVERIFY2(ipv4Spec.message.contains(QStringLiteral("239.1.1.1:5001@mcV6only")), qPrintable(ipv4Spec.message));
    }
#endif

    // One spec with a port and an interface is today's --group --port --interface.
    void oneIPv4SpecSetsGroupPortAndInterface()
    {
        const CommandLineOptions options =
            CommandLine::parse({"mcast-monitor", "--send", "--group", "239.1.1.7:5007@lo"});
        QCOMPARE(options.outcome, CommandLineOptions::Outcome::Run);
        ReceiveConfig receive;
        TransmitConfig transmit;
        options.applyTo(receive, transmit);
        QCOMPARE(transmit.group, QHostAddress(QStringLiteral("239.1.1.7")));
        QCOMPARE(transmit.port, quint16(5007));
        QCOMPARE(transmit.interfaceSpec, QStringLiteral("lo"));
    }

    void sendsToAnIPv6Group()
    {
        const CommandLineOptions options =
            CommandLine::parse({"mcast-monitor", "--send", "--group", "[ff15::1]:5009@lo"});
        QCOMPARE(options.outcome, CommandLineOptions::Outcome::Run);
        ReceiveConfig receive;
        TransmitConfig transmit;
        options.applyTo(receive, transmit);
        QCOMPARE(transmit.group, QHostAddress(QStringLiteral("ff15::1")));
        QCOMPARE(transmit.port, quint16(5009));
    }

    void sendsTheStreamAskedFor()
    {
        ReceiveConfig receive;
        TransmitConfig transmit;
        parse({"--send", "--format", "mpegts", "--rate", "100000", "--size", "188"}).applyTo(receive, transmit);
        QCOMPARE(transmit.format, PayloadFormat::MpegTs);
        QCOMPARE(transmit.rate, qint64(100000));
        QCOMPARE(transmit.size, 188);

        // Not given: ATU, and a stream's defaults (the size its format's, said by 0) —
        // whatever the transmit panel last sent.
        TransmitConfig saved;
        saved.format = PayloadFormat::Iperf2;
        saved.rate = 5;
        saved.size = 100;
        TransmitConfig atu = saved;
        parse({"--send"}).applyTo(receive, atu);
        QCOMPARE(atu.format, PayloadFormat::Atu);
        TransmitConfig rtp = saved;
        parse({"--send", "--format", "rtp"}).applyTo(receive, rtp);
        QCOMPARE(rtp.format, PayloadFormat::Rtp);
        QCOMPARE(rtp.rate, qint64(1000));
        QCOMPARE(rtp.size, 0);

        // Over IPv6 a datagram may be 20 bytes longer.
        const auto ipv6 = parse({"--send", "--format", "iperf2", "--group", "[ff15::1]:5001@lo", "--size", "65527"});
        QCOMPARE(ipv6.outcome, Outcome::Run);
        QCOMPARE(parse({"--send", "--format", "rtp", "--size", "65436"}).outcome, Outcome::Run);
        QCOMPARE(parse({"--send", "--format", "rtp", "--rate", "1000000", "--size", "200"}).outcome, Outcome::Run);
    }

    void keepsTheIntervalToTheMicrosecond()
    {
        QCOMPARE(qint64(parse({"--send", "--interval", "0.0015"}).interval->count()), qint64(1500));
        QCOMPARE(qint64(parse({"--send", "--interval", "0.001"}).interval->count()), qint64(1000));
        QCOMPARE(qint64(parse({"--send", "--interval", "86400"}).interval->count()),
                 qint64(86'400'000'000));
    }

    void acceptsTimesWithinTheirBounds_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<double>("seconds");
        // 2147484 s is past QTimer's INT_MAX ms; 4294968 s once wrapped around to 0.7 s.
        QTest::newRow("duration past INT_MAX ms") << QStringList{"--duration", "2147484"} << 2147484.0;
        QTest::newRow("duration past UINT_MAX ms") << QStringList{"--duration", "4294968"} << 4294968.0;
        QTest::newRow("duration 100 years") << QStringList{"--duration", "3155760000"} << 3155760000.0;
        QTest::newRow("duration 1 ms") << QStringList{"--duration", "0.001"} << 0.001;
        QTest::newRow("stats 10 ms") << QStringList{"--stats", "0.01"} << 0.01;
        QTest::newRow("stats 100 years") << QStringList{"--stats", "3155760000"} << 3155760000.0;
    }

    void acceptsTimesWithinTheirBounds()
    {
        QFETCH(QStringList, arguments);
        QFETCH(double, seconds);
        const auto options = parse(arguments);
        QCOMPARE(options.outcome, Outcome::Run);
        QCOMPARE(arguments.first() == "--duration" ? *options.durationSeconds : *options.statsSeconds, seconds);
    }

    void warnsAboutLinkLocalGroups()
    {
        const auto options = parse({"--group", "224.0.0.251"});
        QCOMPARE(options.outcome, Outcome::Run);
        QCOMPARE(options.warnings.size(), 1);
        QVERIFY(options.warnings.first().contains(QStringLiteral("never forward")));
        QVERIFY(parse({"--group", "239.0.0.1"}).warnings.isEmpty());
    }

    void helpAndVersion()
    {
        const auto help = parse({"--help"});
        QCOMPARE(help.outcome, Outcome::ShowHelp);
        QVERIFY(help.message.contains(QStringLiteral("--headless")));
        QVERIFY(help.message.startsWith(QStringLiteral("Usage: ")));
        QVERIFY(!help.message.contains(QStringLiteral("<executable_name>")));
        QCOMPARE(parse({"--version"}).outcome, Outcome::ShowVersion);
        QCOMPARE(parse({"--help-all"}).outcome, Outcome::ShowHelp); // not the window
    }

    // QApplication takes these out of the arguments, but only after the parser has run.
    void acceptsQtsWindowOptions()
    {
        const auto options = parse({"-platform", "offscreen", "-style=Fusion", "-reverse",
                                    "--qwindowtitle", "Lab", "--port", "6000"});
        QCOMPARE(options.outcome, Outcome::Run);
        QVERIFY(options.platformChosen);
        QCOMPARE(*options.port, quint16(6000));
        QVERIFY(!parse({"-style", "Fusion"}).platformChosen);
        // One dash names a long option now; the short ones still work.
        QCOMPARE(parse({"-h"}).outcome, Outcome::ShowHelp);
        QCOMPARE(parse({"-v"}).outcome, Outcome::ShowVersion);
        QCOMPARE(parse({"-headless"}).mode, Mode::Headless);
        QVERIFY(!parse({"--help"}).message.contains(QStringLiteral("--platform"))); // hidden
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
