#include "net/MulticastListener.h"

#include "TestNetwork.h"

#include <QSignalSpy>
#include <QTest>

// The joined interface goes down, comes back, disappears and is created again: the
// listener says so each time and joins again by itself.
class TestInterfaceWatch final : public QObject
{
    Q_OBJECT

private:
    static bool createPair()
    {
        if (!TestNetwork::ip(QStringLiteral("link add mcW0 type veth peer name mcW1")))
            return false;
        const bool ok = TestNetwork::ip(QStringLiteral("addr add 198.18.9.1/24 dev mcW0"))
                        && TestNetwork::ip(QStringLiteral("addr add 198.18.9.2/24 dev mcW1"))
                        && TestNetwork::ip(QStringLiteral("link set mcW0 up multicast on"))
                        && TestNetwork::ip(QStringLiteral("link set mcW1 up multicast on"));
        TestNetwork::allowLocalSources(QStringLiteral("mcW0"));
        TestNetwork::allowLocalSources(QStringLiteral("mcW1"));
        return ok;
    }

    static bool isRunning()
    {
        return QNetworkInterface::interfaceFromName(QStringLiteral("mcW1")).flags().testFlag(QNetworkInterface::IsRunning);
    }

    // Sends until one arrives: a fresh link takes a moment before it passes traffic.
    static bool deliversThrough(QSignalSpy &received, const QByteArray &payload, quint16 port)
    {
        for (int attempt = 0; attempt < 50; ++attempt) {
            TestNetwork::sendFrom(QStringLiteral("198.18.9.1"), QStringLiteral("239.1.1.1"), port, payload, 1, false);
            for (int wait = 0; wait < 10; ++wait) {
                QTest::qWait(10);
                for (const QList<QVariant> &arguments : received) {
                    for (const ReceivedDatagram &datagram : arguments.at(0).value<DatagramBatch>())
                        if (datagram.payload == payload)
                            return true;
                }
            }
        }
        return false;
    }

private slots:
    void initTestCase()
    {
        REQUIRE_PRIVATE_NETWORK();
        TestNetwork::allowLocalSources(QStringLiteral("all"));
        TestNetwork::allowLocalSources(QStringLiteral("default"));
        if (!createPair())
            QSKIP("cannot create veth interfaces in this namespace (needs CAP_NET_ADMIN)");
        QTRY_VERIFY_WITH_TIMEOUT(isRunning(), 5000);
    }

    void cleanupTestCase() { TestNetwork::ip(QStringLiteral("link del mcW0")); }

    void rejoinsWhenTheInterfaceReturns()
    {
        const quint16 port = TestNetwork::freshPort(41);
        MulticastListener listener;
        QSignalSpy listening(&listener, &MulticastListener::listening);
        QSignalSpy lost(&listener, &MulticastListener::interfaceLost);
        QSignalSpy received(&listener, &MulticastListener::datagramsReceived);
        ReceiveConfig config;
        config.port = port;
        config.interfaceSpec = QStringLiteral("mcW1");
        listener.start(config);
        QVERIFY(listening.wait(5000));
        QVERIFY(deliversThrough(received, "before", port));

        // Down: said, then back up: joined again without anyone asking.
        QVERIFY(TestNetwork::ip(QStringLiteral("link set mcW1 down")));
        QTRY_COMPARE_WITH_TIMEOUT(lost.size(), 1, 5000);
        QVERIFY2(lost.first().at(0).toString().contains(QStringLiteral("down")), qPrintable(lost.first().at(0).toString()));
        QVERIFY(!listener.isListening());
        QVERIFY(TestNetwork::ip(QStringLiteral("link set mcW1 up")));
        QTRY_COMPARE_WITH_TIMEOUT(listening.size(), 2, 5000);
        QVERIFY(listener.isListening());
        QVERIFY(deliversThrough(received, "after up", port));

        // Deleted: said, then created again (a new index): joined again.
        QVERIFY(TestNetwork::ip(QStringLiteral("link del mcW0")));
        QTRY_COMPARE_WITH_TIMEOUT(lost.size(), 2, 5000);
        QVERIFY2(lost.last().at(0).toString().contains(QStringLiteral("gone")), qPrintable(lost.last().at(0).toString()));
        QVERIFY(createPair());
        QTRY_COMPARE_WITH_TIMEOUT(listening.size(), 3, 5000);
        QCOMPARE(listening.last().at(0).value<ListeningStatus>().subscriptions.front().networkInterface.index,
                 QNetworkInterface::interfaceIndexFromName(QStringLiteral("mcW1")));
        QVERIFY(deliversThrough(received, "after re-add", port));
    }
};

QTEST_GUILESS_MAIN(TestInterfaceWatch)
#include "tst_interfacewatch.moc"
