#include "net/MulticastListener.h"
#include "net/Transmitter.h"
#include "net/SubscriptionSpec.h"

#include "TestNetwork.h"

#include <QSignalSpy>
#include <QTest>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

// Several subscriptions at once on real sockets, inside the private namespace: veth pairs
// mcS0 ⇄ mcS1 and mcU0 ⇄ mcU1 (traffic sent out of one end arrives at the other, where the
// listener joins), IPv4 and IPv6, any-source and source-specific, and loopback for many groups.
class TestSubscriptions final : public QObject
{
    Q_OBJECT

private:
    // Sends one datagram from `source` out of the interface named `out` to group:port.
    static bool send(const QString &source, const QString &out, const QString &group, quint16 port,
                     const QByteArray &payload)
    {
        const bool six = group.contains(QLatin1Char(':'));
        const int socket = ::socket(six ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (socket < 0)
            return false;
        const unsigned index = if_nametoindex(qPrintable(out));
        bool ok = false;
        if (six) {
            sockaddr_in6 local{};
            local.sin6_family = AF_INET6;
            local.sin6_scope_id = index; // binds a link-local source to `out` (others ignore it)
            inet_pton(AF_INET6, qPrintable(source), &local.sin6_addr);
            sockaddr_in6 to{};
            to.sin6_family = AF_INET6;
            to.sin6_port = htons(port);
            inet_pton(AF_INET6, qPrintable(group), &to.sin6_addr);
            ok = ::bind(socket, reinterpret_cast<sockaddr *>(&local), sizeof local) == 0
                 && setsockopt(socket, IPPROTO_IPV6, IPV6_MULTICAST_IF, &index, sizeof index) == 0
                 && ::sendto(socket, payload.constData(), std::size_t(payload.size()), 0,
                             reinterpret_cast<sockaddr *>(&to), sizeof to)
                        == payload.size();
        } else {
            sockaddr_in local{};
            local.sin_family = AF_INET;
            inet_pton(AF_INET, qPrintable(source), &local.sin_addr);
            sockaddr_in to{};
            to.sin_family = AF_INET;
            to.sin_port = htons(port);
            inet_pton(AF_INET, qPrintable(group), &to.sin_addr);
            ip_mreqn networkInterface{};
            networkInterface.imr_ifindex = int(index);
            ok = ::bind(socket, reinterpret_cast<sockaddr *>(&local), sizeof local) == 0
                 && setsockopt(socket, IPPROTO_IP, IP_MULTICAST_IF, &networkInterface, sizeof networkInterface) == 0
                 && ::sendto(socket, payload.constData(), std::size_t(payload.size()), 0,
                             reinterpret_cast<sockaddr *>(&to), sizeof to)
                        == payload.size();
        }
        ::close(socket);
        return ok;
    }

    static bool makePair(const QString &name, const QStringList &sendAddresses, const QString &receiveAddress)
    {
        const QString a = name + QLatin1Char('0');
        const QString b = name + QLatin1Char('1');
        if (!TestNetwork::ip(QStringLiteral("link add %1 type veth peer name %2").arg(a, b)))
            return false;
        for (const QString &address : sendAddresses) {
            const QString family = address.contains(QLatin1Char(':')) ? QStringLiteral("-6 ") : QString();
            const QString nodad = family.isEmpty() ? QString() : QStringLiteral(" nodad");
            if (!TestNetwork::ip(QStringLiteral("%1addr add %2 dev %3%4").arg(family, address, a, nodad)))
                return false;
        }
        if (!TestNetwork::ip(QStringLiteral("addr add %1 dev %2").arg(receiveAddress, b)))
            return false;
        for (const QString &end : {a, b}) {
            if (!TestNetwork::ip(QStringLiteral("link set %1 up multicast on").arg(end)))
                return false;
            TestNetwork::allowLocalSources(end);
        }
        return true;
    }

    static Subscription subscription(const QString &spec)
    {
        QString error;
        const auto parsed = SubscriptionSpec::parse(spec, {}, &error);
        if (!parsed)
            qFatal("%s", qPrintable(error));
        return *parsed;
    }

    static QList<ReceivedDatagram> collect(const QSignalSpy &spy)
    {
        QList<ReceivedDatagram> all;
        for (const QList<QVariant> &arguments : spy)
            all += arguments.at(0).value<DatagramBatch>();
        return all;
    }

    static QByteArrayList payloadsOf(const QList<ReceivedDatagram> &datagrams, int subscription)
    {
        QByteArrayList payloads;
        for (const ReceivedDatagram &datagram : datagrams) {
            if (datagram.subscription == subscription)
                payloads.append(datagram.payload);
        }
        return payloads;
    }

    static ListeningStatus listenTo(MulticastListener &listener, const QList<Subscription> &subscriptions)
    {
        QSignalSpy listening(&listener, &MulticastListener::listening);
        ReceiveConfig config;
        config.subscriptions = subscriptions;
        listener.start(config);
        if (!listening.wait(5000))
            return {};
        return listening.last().at(0).value<ListeningStatus>();
    }

private slots:
    void initTestCase()
    {
        REQUIRE_PRIVATE_NETWORK();
        TestNetwork::allowLocalSources(QStringLiteral("all"));
        TestNetwork::allowLocalSources(QStringLiteral("default"));
        const bool made =
            makePair(QStringLiteral("mcS"),
                     {QStringLiteral("198.18.20.1/24"), QStringLiteral("198.18.20.3/24"),
                      QStringLiteral("2001:db8:20::1/64"), QStringLiteral("2001:db8:20::3/64"),
                      QStringLiteral("fe80::20:1/64")},
                     QStringLiteral("198.18.20.2/24"))
            // mcU1 has the very address mcS1 has.
            && makePair(QStringLiteral("mcU"), {QStringLiteral("198.18.21.1/24")},
                        QStringLiteral("198.18.20.2/24"));
        if (!made)
            QSKIP("cannot create veth interfaces in this namespace (needs CAP_NET_ADMIN)");
        QTRY_VERIFY_WITH_TIMEOUT(QNetworkInterface::interfaceFromName(QStringLiteral("mcU1"))
                                     .flags()
                                     .testFlag(QNetworkInterface::IsRunning),
                                 5000);
    }

    void cleanupTestCase()
    {
        TestNetwork::ip(QStringLiteral("link del mcS0"));
        TestNetwork::ip(QStringLiteral("link del mcU0"));
    }

    void twoGroupsOnTwoPortsAndTwoInterfaces()
    {
        const quint16 port = TestNetwork::freshPort(40);
        MulticastListener listener;
        QSignalSpy received(&listener, &MulticastListener::datagramsReceived);
        const ListeningStatus status = listenTo(
            listener, {subscription(QStringLiteral("239.20.0.1:%1@mcS1").arg(port)),
                       subscription(QStringLiteral("239.20.0.2:%1@mcU1").arg(port + 1))});
        QCOMPARE(status.joined().size(), 2);
        QVERIFY(send(QStringLiteral("198.18.20.1"), QStringLiteral("mcS0"), QStringLiteral("239.20.0.1"), port, "one"));
        QVERIFY(send(QStringLiteral("198.18.21.1"), QStringLiteral("mcU0"), QStringLiteral("239.20.0.2"), port + 1,
                     "two"));
        // Not subscribed: the right group on the wrong port, the wrong interface.
        QVERIFY(send(QStringLiteral("198.18.20.1"), QStringLiteral("mcS0"), QStringLiteral("239.20.0.1"), port + 1,
                     "wrong port"));
        QVERIFY(send(QStringLiteral("198.18.21.1"), QStringLiteral("mcU0"), QStringLiteral("239.20.0.1"), port,
                     "wrong interface"));
        QTRY_COMPARE(collect(received).size(), 2);
        QTest::qWait(200);
        const auto datagrams = collect(received);
        QCOMPARE(payloadsOf(datagrams, 0), QByteArrayList{"one"});
        QCOMPARE(payloadsOf(datagrams, 1), QByteArrayList{"two"});
        QCOMPARE(datagrams.size(), 2);
        for (const ReceivedDatagram &datagram : datagrams)
            QCOMPARE(datagram.destinationPort, datagram.subscription == 0 ? port : quint16(port + 1));
    }

    void anIPv6Group()
    {
        const quint16 port = TestNetwork::freshPort(41);
        MulticastListener listener;
        QSignalSpy received(&listener, &MulticastListener::datagramsReceived);
        const ListeningStatus status = listenTo(listener, {subscription(QStringLiteral("[ff15::20]:%1@mcS1").arg(port))});
        QCOMPARE(status.joined().size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(
            (send(QStringLiteral("2001:db8:20::1"), QStringLiteral("mcS0"), QStringLiteral("ff15::20"), port, "six"),
             !collect(received).isEmpty()),
            5000);
        const ReceivedDatagram datagram = collect(received).first();
        QCOMPARE(datagram.payload, QByteArray("six"));
        QCOMPARE(datagram.source.toString(), QStringLiteral("2001:db8:20::1"));
        QCOMPARE(datagram.destination.toString(), QStringLiteral("ff15::20"));
        QCOMPARE(datagram.interfaceIndex, uint(if_nametoindex("mcS1")));
        QCOMPARE(datagram.ttl, 1); // the hop limit
        QCOMPARE(datagram.subscription, 0);
    }

    void sourceSpecificReceivesOnlyItsSource_data()
    {
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("joined");
        QTest::addColumn<QString>("other");
        QTest::newRow("IPv4") << "232.20.0.1" << "198.18.20.1" << "198.18.20.3";
        QTest::newRow("IPv6") << "ff35::20" << "2001:db8:20::1" << "2001:db8:20::3";
    }

    void sourceSpecificReceivesOnlyItsSource()
    {
        QFETCH(QString, group);
        QFETCH(QString, joined);
        QFETCH(QString, other);
        const quint16 port = TestNetwork::freshPort(42);
        const QString bracketed = group.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(group) : group;
        MulticastListener listener;
        QSignalSpy received(&listener, &MulticastListener::datagramsReceived);
        const ListeningStatus status =
            listenTo(listener, {subscription(QStringLiteral("%1,%2:%3@mcS1").arg(joined, bracketed).arg(port))});
        QCOMPARE(status.joined().size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(
            (send(other, QStringLiteral("mcS0"), group, port, "stranger"),
             send(joined, QStringLiteral("mcS0"), group, port, "joined"), !collect(received).isEmpty()),
            5000);
        QTest::qWait(200);
        for (const ReceivedDatagram &datagram : collect(received)) {
            QCOMPARE(datagram.payload, QByteArray("joined"));
            QCOMPARE(datagram.source.toString(), joined);
        }
    }

    // A link-local source is an address on one link only: a datagram's source is scoped to
    // the interface it came in on, so that a source-specific subscription to it matches.
    void aLinkLocalSourceIsScopedToItsInterface()
    {
        const quint16 port = TestNetwork::freshPort(50);
        const QString source =
            QStringLiteral("fe80::20:1%") + QString::number(if_nametoindex("mcS1"));
        MulticastListener listener;
        QSignalSpy received(&listener, &MulticastListener::datagramsReceived);
        const ListeningStatus status = listenTo(
            listener,
            {subscription(
                QStringLiteral("%1,[ff35::21]:%2@mcS1").arg(source, QString::number(port)))});
        QCOMPARE(status.joined().size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT((send(QStringLiteral("fe80::20:1"), QStringLiteral("mcS0"),
                                       QStringLiteral("ff35::21"), port, "linked"),
                                  !collect(received).isEmpty()),
                                 5000);
        const ReceivedDatagram datagram = collect(received).first();
        QCOMPARE(datagram.payload, QByteArray("linked"));
        QCOMPARE(datagram.source.toString(), source);
        QCOMPARE(datagram.subscription, 0);
    }

    // An any-source and a source-specific membership of one group: one socket joins a group
    // once, so each has a socket of its own and gets a copy of the joined source's datagrams.
    // Each copy goes to the membership of the socket that read it, never twice to one of them.
    void anyAndOneSourceOfOneGroupEachGetTheirOwn()
    {
        const quint16 port = TestNetwork::freshPort(49);
        MulticastListener listener;
        QSignalSpy received(&listener, &MulticastListener::datagramsReceived);
        const ListeningStatus status = listenTo(
            listener, {subscription(QStringLiteral("239.20.3.1:%1@mcS1").arg(port)),
                       subscription(QStringLiteral("198.18.20.1,239.20.3.1:%1@mcS1").arg(port))});
        QCOMPARE(status.joined().size(), 2);
        QVERIFY(send(QStringLiteral("198.18.20.1"), QStringLiteral("mcS0"),
                     QStringLiteral("239.20.3.1"), port, "joined"));
        QVERIFY(send(QStringLiteral("198.18.20.3"), QStringLiteral("mcS0"),
                     QStringLiteral("239.20.3.1"), port, "stranger"));
        QTRY_COMPARE(collect(received).size(), 3);
        QTest::qWait(200);
        const auto datagrams = collect(received);
        QCOMPARE(payloadsOf(datagrams, 0), (QByteArrayList{"joined", "stranger"}));
        QCOMPARE(payloadsOf(datagrams, 1), QByteArrayList{"joined"});
        QCOMPARE(datagrams.size(), 3);
    }

    // The transmitter sends to an IPv6 group out of an interface by index, from the
    // interface's own address, so what loops back is known to be ours.
    void theTransmitterSendsToAnIPv6Group()
    {
        const quint16 port = TestNetwork::freshPort(46);
        MulticastListener listener;
        QSignalSpy received(&listener, &MulticastListener::datagramsReceived);
        QCOMPARE(listenTo(listener, {subscription(QStringLiteral("[ff15::21]:%1@mcS1").arg(port))}).joined().size(), 1);
        TransmitConfig config;
        config.group = QHostAddress(QStringLiteral("ff15::21"));
        config.port = port;
        config.interfaceSpec = QStringLiteral("mcS0");
        config.interval = std::chrono::milliseconds(20);
        Transmitter transmitter;
        QVERIFY2(transmitter.start(config), qPrintable(transmitter.lastError()));
        QTRY_VERIFY(collect(received).size() >= 3);
        transmitter.stop();
        const ReceivedDatagram datagram = collect(received).first();
        // One of mcS0's global addresses (not link-local), and the one the transmitter bound.
        QVERIFY2((QStringList{"2001:db8:20::1", "2001:db8:20::3"}).contains(datagram.source.toString()),
                 qPrintable(datagram.source.toString()));
        QCOMPARE(datagram.destination.toString(), QStringLiteral("ff15::21"));
        QVERIFY(datagram.payload.startsWith("ATU "));
        QVERIFY(datagram.fromOwnTransmitter);
    }

    // mcS1 and mcU1 both have 198.18.20.2: joined by index, only the chosen one's traffic.
    void theSameAddressOnTwoInterfacesIsTwoInterfaces()
    {
        const quint16 port = TestNetwork::freshPort(43);
        MulticastListener listener;
        QSignalSpy received(&listener, &MulticastListener::datagramsReceived);
        const ListeningStatus status = listenTo(listener, {subscription(QStringLiteral("239.20.0.3:%1@mcU1").arg(port))});
        QCOMPARE(status.joined().size(), 1);
        QCOMPARE(status.subscriptions.front().networkInterface.name, QStringLiteral("mcU1"));
        QVERIFY(send(QStringLiteral("198.18.20.1"), QStringLiteral("mcS0"), QStringLiteral("239.20.0.3"), port, "via S"));
        QVERIFY(send(QStringLiteral("198.18.21.1"), QStringLiteral("mcU0"), QStringLiteral("239.20.0.3"), port, "via T"));
        QTRY_VERIFY(!collect(received).isEmpty());
        QTest::qWait(200);
        const auto datagrams = collect(received);
        QCOMPARE(datagrams.size(), 1);
        QCOMPARE(datagrams.front().payload, QByteArray("via T"));
    }

    // Far past the kernel's 20 memberships per socket, without touching a sysctl.
    void aThousandGroupsEachReceived()
    {
        const quint16 port = TestNetwork::freshPort(44);
        constexpr int groups = 1000;
        QList<Subscription> subscriptions;
        for (int i = 0; i < groups; ++i)
            subscriptions.append(subscription(QStringLiteral("239.21.%1.%2:%3@lo").arg(i / 250).arg(1 + i % 250).arg(port)));
        MulticastListener listener;
        QSignalSpy received(&listener, &MulticastListener::datagramsReceived);
        const ListeningStatus status = listenTo(listener, subscriptions);
        QCOMPARE(status.joined().size(), groups);
        for (int i = 0; i < groups; ++i) {
            QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"),
                                          QStringLiteral("239.21.%1.%2").arg(i / 250).arg(1 + i % 250), port,
                                          QByteArray::number(i)));
        }
        QTRY_COMPARE_WITH_TIMEOUT(collect(received).size(), groups, 10000);
        QList<bool> seen(groups, false);
        for (const ReceivedDatagram &datagram : collect(received)) {
            QVERIFY(datagram.subscription >= 0 && datagram.subscription < groups);
            QCOMPARE(datagram.payload, QByteArray::number(datagram.subscription));
            QVERIFY(!seen[datagram.subscription]);
            seen[datagram.subscription] = true;
        }
    }

    // A new list while listening: what stays is kept joined (now at its new place in the
    // list), what went is left, what came is joined; datagrams name the new places.
    void aChangedListKeepsWhatStays()
    {
        const quint16 port = TestNetwork::freshPort(47);
        const Subscription stays = subscription(QStringLiteral("239.20.1.1:%1@mcS1").arg(port));
        const Subscription goes = subscription(QStringLiteral("239.20.1.2:%1@mcS1").arg(port));
        const Subscription comes = subscription(QStringLiteral("[ff15::22]:%1@mcS1").arg(port + 1));
        MulticastListener listener;
        QSignalSpy received(&listener, &MulticastListener::datagramsReceived);
        QCOMPARE(listenTo(listener, {stays, goes}).joined().size(), 2);
        QVERIFY(send(QStringLiteral("198.18.20.1"), QStringLiteral("mcS0"), QStringLiteral("239.20.1.1"), port, "before"));
        QTRY_COMPARE(payloadsOf(collect(received), 0), QByteArrayList{"before"});

        QSignalSpy stopped(&listener, &MulticastListener::stopped);
        const ListeningStatus status = listenTo(listener, {comes, stays});
        QCOMPARE(status.subscriptions.size(), 2);
        QCOMPARE(status.subscriptions[0].subscription, comes);
        QCOMPARE(status.subscriptions[0].state, SubscriptionStatus::State::Joined);
        QCOMPARE(status.subscriptions[1].subscription, stays);
        QCOMPARE(status.subscriptions[1].state, SubscriptionStatus::State::Joined);
        QCOMPARE(status.subscriptions[1].networkInterface.name, QStringLiteral("mcS1"));
        QCOMPARE(stopped.count(), 0); // never stopped listening
        received.clear();
        QVERIFY(send(QStringLiteral("198.18.20.1"), QStringLiteral("mcS0"), QStringLiteral("239.20.1.2"), port, "left"));
        QVERIFY(send(QStringLiteral("198.18.20.1"), QStringLiteral("mcS0"), QStringLiteral("239.20.1.1"), port, "kept"));
        QTRY_VERIFY_WITH_TIMEOUT(
            (send(QStringLiteral("2001:db8:20::1"), QStringLiteral("mcS0"), QStringLiteral("ff15::22"), port + 1, "new"),
             !payloadsOf(collect(received), 0).isEmpty()),
            5000);
        QTRY_COMPARE(payloadsOf(collect(received), 1), QByteArrayList{"kept"});
        QTest::qWait(200);
        for (const ReceivedDatagram &datagram : collect(received)) {
            QVERIFY(datagram.payload != "left");
            QCOMPARE(datagram.destination, datagram.subscription == 0 ? comes.group : stays.group);
        }

        // Down to nothing that can be joined: listening fails, as a start would.
        Subscription nowhere = stays;
        nowhere.interfaceSpec = QStringLiteral("nosuch0");
        QSignalSpy failed(&listener, &MulticastListener::failed);
        ReceiveConfig config;
        config.subscriptions = {nowhere};
        listener.start(config);
        QVERIFY(failed.wait(5000));
        QVERIFY2(failed.last().at(0).toString().contains(QLatin1String("nosuch0")),
                 qPrintable(failed.last().at(0).toString()));
    }

    // A subscription's payload format is how its datagrams are read, not what is joined:
    // changing it keeps the membership.
    void aSubscriptionsFormatChangesWithoutRejoining()
    {
        const quint16 port = TestNetwork::freshPort(48);
        Subscription detected = subscription(QStringLiteral("239.20.2.1:%1@mcS1").arg(port));
        MulticastListener listener;
        QSignalSpy received(&listener, &MulticastListener::datagramsReceived);
        QSignalSpy stopped(&listener, &MulticastListener::stopped);
        QCOMPARE(listenTo(listener, {detected}).joined().size(), 1);
        const QByteArray heartbeat = "ATU 2026-11-25 19:40:01.122874";
        QVERIFY(send(QStringLiteral("198.18.20.1"), QStringLiteral("mcS0"), QStringLiteral("239.20.2.1"), port, heartbeat));
        QTRY_COMPARE(collect(received).size(), 1);
        QCOMPARE(collect(received).front().format, PayloadFormat::Atu);

        Subscription raw = detected;
        raw.format = PayloadFormat::Raw;
        const ListeningStatus status = listenTo(listener, {raw});
        QCOMPARE(status.subscriptions.size(), 1);
        QCOMPARE(status.subscriptions[0].subscription, raw);
        QCOMPARE(status.subscriptions[0].state, SubscriptionStatus::State::Joined);
        QCOMPARE(stopped.count(), 0);
        received.clear();
        QVERIFY(send(QStringLiteral("198.18.20.1"), QStringLiteral("mcS0"), QStringLiteral("239.20.2.1"), port, heartbeat));
        QTRY_COMPARE(collect(received).size(), 1);
        QCOMPARE(collect(received).front().format, PayloadFormat::Raw);
    }

    void aSubscriptionThatCannotJoinSaysWhyWhileTheOthersListen()
    {
        const quint16 port = TestNetwork::freshPort(45);
        MulticastListener listener;
        Subscription gone = subscription(QStringLiteral("239.20.0.9:%1@lo").arg(port));
        gone.interfaceSpec = QStringLiteral("nosuch0");
        const ListeningStatus status =
            listenTo(listener, {subscription(QStringLiteral("239.20.0.8:%1@lo").arg(port)), gone});
        QCOMPARE(status.subscriptions.size(), 2);
        QCOMPARE(status.subscriptions[0].state, SubscriptionStatus::State::Joined);
        QCOMPARE(status.subscriptions[1].state, SubscriptionStatus::State::Failed);
        QVERIFY2(status.subscriptions[1].reason.contains(QLatin1String("nosuch0")),
                 qPrintable(status.subscriptions[1].reason));
        QVERIFY2(status.describe().contains(QLatin1String("2 subscriptions (1 joined, 1 failed)")),
                 qPrintable(status.describe()));
    }
};

QTEST_GUILESS_MAIN(TestSubscriptions)
#include "tst_subscriptions.moc"
