#include "net/MulticastListener.h"
#include "net/Transmitter.h"

#include "TestNetwork.h"

#include <QSignalSpy>
#include <QTest>

namespace {

constexpr auto group = "239.1.1.1";

ReceiveConfig configFor(quint16 port)
{
    ReceiveConfig config;
    config.port = port;
    config.interfaceSpec = QStringLiteral("127.0.0.1");
    return config;
}

DatagramBatch collect(const QSignalSpy &spy)
{
    DatagramBatch all;
    for (const QList<QVariant> &arguments : spy)
        all += arguments.at(0).value<DatagramBatch>();
    return all;
}

bool containsPayload(const DatagramBatch &batch, const QByteArray &payload)
{
    return std::any_of(batch.cbegin(), batch.cend(),
                       [&](const ReceivedDatagram &d) { return d.payload == payload; });
}

} // namespace

class TestMulticastReceiver final : public QObject
{
    Q_OBJECT

private slots:
    void init() { REQUIRE_PRIVATE_NETWORK(); }

    void receivesWhatIsSentOnLoopback()
    {
        const quint16 port = TestNetwork::freshPort(1);
        MulticastListener listener;
        QSignalSpy listening(&listener, &MulticastListener::listening);
        QSignalSpy received(&listener, &MulticastListener::datagramsReceived);
        listener.start(configFor(port));
        QVERIFY(listening.wait(5000));
        const auto status = listening.first().at(0).value<ListeningStatus>();
        QCOMPARE(status.subscriptions.front().subscription.port, port);
        QCOMPARE(status.subscriptions.front().networkInterface.name, TestNetwork::loopback().name());
        QVERIFY(status.grantedBufferBytes > 0);
        QVERIFY(listener.isListening());

        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QLatin1String(group), port,
                                      "ATU 2022-02-13 09:05:07.123456", 3));
        QTRY_VERIFY(!collect(received).isEmpty());
        const ReceivedDatagram datagram = collect(received).first();
        QCOMPARE(datagram.payload, QByteArray("ATU 2022-02-13 09:05:07.123456"));
        QCOMPARE(datagram.source, IpAddress::fromIPv4(0x7f000001));
        QVERIFY(datagram.sourcePort != 0);
        QCOMPARE(datagram.destination.toString(), QLatin1String(group));
        QCOMPARE(datagram.destinationPort, port);
        QCOMPARE(datagram.ttl, 3);
        QCOMPARE(int(datagram.interfaceIndex), TestNetwork::loopback().index());
        QVERIFY(datagram.arrivalUs > 0);
        QVERIFY(!datagram.fromOwnTransmitter);
    }

    void ignoresOtherGroupsOnTheSamePort()
    {
        const quint16 port = TestNetwork::freshPort(2);
        // Someone else on this host listens to another group on our port.
        QUdpSocket other;
        QVERIFY(other.bind(QHostAddress::AnyIPv4, port, QAbstractSocket::ShareAddress | QAbstractSocket::ReuseAddressHint));
        QVERIFY(other.joinMulticastGroup(QHostAddress(QStringLiteral("239.9.9.9")), TestNetwork::loopback()));

        MulticastListener listener;
        QSignalSpy listening(&listener, &MulticastListener::listening);
        QSignalSpy received(&listener, &MulticastListener::datagramsReceived);
        listener.start(configFor(port));
        QVERIFY(listening.wait(5000));

        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QStringLiteral("239.9.9.9"), port, "other group"));
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QLatin1String(group), port, "our group"));
        QTRY_VERIFY(containsPayload(collect(received), "our group"));
        // The other listener did get its datagram: it was delivered to this host.
        QTRY_VERIFY(other.hasPendingDatagrams());
        QCOMPARE(other.receiveDatagram().data(), QByteArray("other group"));
        QVERIFY(!containsPayload(collect(received), "other group"));
        QCOMPARE(collect(received).size(), 1);
    }

    void sharesThePortWithOtherListeners()
    {
        const quint16 port = TestNetwork::freshPort(3);
        MulticastListener first;
        MulticastListener second;
        QSignalSpy firstListening(&first, &MulticastListener::listening);
        QSignalSpy secondListening(&second, &MulticastListener::listening);
        QSignalSpy firstReceived(&first, &MulticastListener::datagramsReceived);
        QSignalSpy secondReceived(&second, &MulticastListener::datagramsReceived);
        first.start(configFor(port));
        second.start(configFor(port));
        QVERIFY(firstListening.wait(5000));
        QTRY_COMPARE(secondListening.size(), 1);
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QLatin1String(group), port, "to both"));
        QTRY_VERIFY(containsPayload(collect(firstReceived), "to both"));
        QTRY_VERIFY(containsPayload(collect(secondReceived), "to both"));
    }

    void rejoinsWhenThePortChanges()
    {
        const quint16 firstPort = TestNetwork::freshPort(4);
        const quint16 secondPort = TestNetwork::freshPort(5);
        MulticastListener listener;
        QSignalSpy listening(&listener, &MulticastListener::listening);
        QSignalSpy received(&listener, &MulticastListener::datagramsReceived);
        listener.start(configFor(firstPort));
        QVERIFY(listening.wait(5000));
        listener.start(configFor(secondPort));
        QTRY_COMPARE(listening.size(), 2);
        QCOMPARE(listener.status().subscriptions.front().subscription.port, secondPort);
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QLatin1String(group), firstPort, "old port"));
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QLatin1String(group), secondPort, "new port"));
        QTRY_VERIFY(containsPayload(collect(received), "new port"));
        QVERIFY(!containsPayload(collect(received), "old port"));
    }

    void marksDatagramsFromOurOwnTransmitter()
    {
        const quint16 port = TestNetwork::freshPort(6);
        MulticastListener listener;
        QSignalSpy listening(&listener, &MulticastListener::listening);
        QSignalSpy received(&listener, &MulticastListener::datagramsReceived);
        listener.start(configFor(port));
        QVERIFY(listening.wait(5000));

        Transmitter transmitter;
        TransmitConfig transmit;
        transmit.port = port;
        transmit.interval = std::chrono::milliseconds(50);
        QVERIFY(transmitter.start(transmit));
        QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QLatin1String(group), port, "foreign"));
        QTRY_VERIFY(collect(received).size() >= 3);
        transmitter.stop();
        int own = 0;
        for (const ReceivedDatagram &datagram : collect(received)) {
            QCOMPARE(datagram.fromOwnTransmitter, datagram.payload != "foreign");
            own += datagram.fromOwnTransmitter ? 1 : 0;
        }
        QVERIFY(own >= 2);
    }

    void forwardsDrainedAndStoppedOnItsOwnThread()
    {
        MulticastListener listener;
        QSignalSpy listening(&listener, &MulticastListener::listening);
        QSignalSpy drained(&listener, &MulticastListener::drained);
        QSignalSpy stopped(&listener, &MulticastListener::stopped);
        bool elsewhere = false;
        connect(&listener, &MulticastListener::drained, this, [&elsewhere] {
            elsewhere = elsewhere || QThread::currentThread() != qApp->thread();
        });
        listener.start(configFor(TestNetwork::freshPort(9)));
        QVERIFY(listening.wait(5000));
        // An idle socket is drained every MulticastReceiver::drainIntervalMs.
        QTRY_VERIFY(drained.size() >= 2);
        QVERIFY(drained.last().at(0).toLongLong() > 0);
        QVERIFY(!elsewhere);
        listener.stop();
        QVERIFY(stopped.wait(5000));
        QVERIFY(!listener.isListening());
    }

    void reportsABindFailure()
    {
        const quint16 port = TestNetwork::freshPort(7);
        // Held without address sharing: nobody else may bind the port.
        QUdpSocket holder;
        QVERIFY(holder.bind(QHostAddress::AnyIPv4, port, QAbstractSocket::DontShareAddress));
        MulticastListener listener;
        QSignalSpy failed(&listener, &MulticastListener::failed);
        listener.start(configFor(port));
        QVERIFY(failed.wait(5000));
        QVERIFY2(failed.first().at(0).toString().contains(QString::number(port)),
                 qPrintable(failed.first().at(0).toString()));
        QVERIFY(!listener.isListening());
        holder.close();
        QSignalSpy listening(&listener, &MulticastListener::listening);
        listener.start(configFor(port));
        QVERIFY(listening.wait(5000));
    }

    void reportsAnUnknownInterface()
    {
        MulticastListener listener;
        QSignalSpy failed(&listener, &MulticastListener::failed);
        ReceiveConfig config = configFor(TestNetwork::freshPort(8));
        config.interfaceSpec = QStringLiteral("nosuch0");
        listener.start(config);
        QVERIFY(failed.wait(5000));
        QVERIFY(failed.first().at(0).toString().contains(QStringLiteral("nosuch0")));
    }
};

QTEST_GUILESS_MAIN(TestMulticastReceiver)
#include "tst_multicastreceiver.moc"
