#include "net/MulticastListener.h"

#include "TestNetwork.h"

#include <QSignalSpy>
#include <QTest>

// Two veth pairs inside the private namespace: A (mcA0 ⇄ mcA1) and B (mcB0 ⇄ mcB1).
// Traffic sent out of mcA0 reaches mcA1 only; a listener joined on mcB1 must not show it.
class TestInterfaceSelection final : public QObject
{
    Q_OBJECT

private:
    static bool makePair(const QString &name, int subnet)
    {
        const QString a = name + QLatin1Char('0');
        const QString b = name + QLatin1Char('1');
        if (!TestNetwork::ip(QStringLiteral("link add %1 type veth peer name %2").arg(a, b)))
            return false;
        for (const QString &end : {a, b}) {
            const int host = end == a ? 1 : 2;
            if (!TestNetwork::ip(QStringLiteral("addr add 198.18.%1.%2/24 dev %3").arg(subnet).arg(host).arg(end))
                || !TestNetwork::ip(QStringLiteral("link set %1 up multicast on").arg(end)))
                return false;
            TestNetwork::allowLocalSources(end);
        }
        return true;
    }

    static ReceiveConfig joinedOn(const QString &interfaceSpec, quint16 port)
    {
        ReceiveConfig config;
        config.port = port;
        config.interfaceSpec = interfaceSpec;
        return config;
    }

private slots:
    void initTestCase()
    {
        REQUIRE_PRIVATE_NETWORK();
        TestNetwork::allowLocalSources(QStringLiteral("all"));
        TestNetwork::allowLocalSources(QStringLiteral("default"));
        if (!makePair(QStringLiteral("mcA"), 1) || !makePair(QStringLiteral("mcB"), 2))
            QSKIP("cannot create veth interfaces in this namespace (needs CAP_NET_ADMIN)");
        // A fresh link needs a moment to come up before it passes traffic.
        QTRY_VERIFY_WITH_TIMEOUT(QNetworkInterface::interfaceFromName(QStringLiteral("mcB1"))
                                     .flags()
                                     .testFlag(QNetworkInterface::IsRunning),
                                 5000);
    }

    void cleanupTestCase()
    {
        TestNetwork::ip(QStringLiteral("link del mcA0"));
        TestNetwork::ip(QStringLiteral("link del mcB0"));
    }

    void showsOnlyTrafficOfTheChosenInterface()
    {
        const quint16 port = TestNetwork::freshPort(11);
        MulticastListener onA;
        MulticastListener onB;
        QSignalSpy aListening(&onA, &MulticastListener::listening);
        QSignalSpy bListening(&onB, &MulticastListener::listening);
        QSignalSpy aReceived(&onA, &MulticastListener::datagramsReceived);
        QSignalSpy bReceived(&onB, &MulticastListener::datagramsReceived);
        onA.start(joinedOn(QStringLiteral("mcA1"), port));          // by name
        onB.start(joinedOn(QStringLiteral("198.18.2.2"), port));    // by address
        QVERIFY(aListening.wait(5000));
        QTRY_COMPARE(bListening.size(), 1);
        QCOMPARE(bListening.first().at(0).value<ListeningStatus>().subscriptions.front().networkInterface.name, QStringLiteral("mcB1"));

        QVERIFY(TestNetwork::sendFrom(QStringLiteral("198.18.1.1"), QStringLiteral("239.1.1.1"), port,
                                      "via A", 1, false));
        QTRY_COMPARE(aReceived.size(), 1);
        QCOMPARE(aReceived.first().at(0).value<DatagramBatch>().first().payload, QByteArray("via A"));

        QVERIFY(TestNetwork::sendFrom(QStringLiteral("198.18.2.1"), QStringLiteral("239.1.1.1"), port,
                                      "via B", 1, false));
        QTRY_COMPARE(bReceived.size(), 1);
        const DatagramBatch onlyB = bReceived.first().at(0).value<DatagramBatch>();
        QCOMPARE(onlyB.size(), 1);
        QCOMPARE(onlyB.first().payload, QByteArray("via B"));
        QCOMPARE(int(onlyB.first().interfaceIndex),
                 QNetworkInterface::interfaceIndexFromName(QStringLiteral("mcB1")));
        // Nothing of B reached A either.
        QCOMPARE(aReceived.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestInterfaceSelection)
#include "tst_interfaceselection.moc"
