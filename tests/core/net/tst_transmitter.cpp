#include "decoders/AtuMessage.h"
#include "net/Transmitter.h"

#include "TestNetwork.h"
#include "time/WallClock.h"

#include <QSignalSpy>
#include <QTest>

class TestTransmitter final : public QObject
{
    Q_OBJECT

private slots:
    void init() { REQUIRE_PRIVATE_NETWORK(); }

    void sendsTheSeedsMessageAtOnceThenEveryInterval()
    {
        const quint16 port = TestNetwork::freshPort(51);
        QUdpSocket receiver;
        QVERIFY(receiver.bind(QHostAddress::AnyIPv4, port, QAbstractSocket::ShareAddress | QAbstractSocket::ReuseAddressHint));
        QVERIFY(receiver.joinMulticastGroup(QHostAddress(QStringLiteral("239.1.1.1")), TestNetwork::loopback()));

        Transmitter transmitter;
        QSignalSpy sent(&transmitter, &Transmitter::sent);
        TransmitConfig config;
        config.port = port;
        config.ttl = 7;
        config.interval = std::chrono::milliseconds(100);
        QVERIFY(transmitter.start(config));
        QCOMPARE(sent.size(), 1); // the first one goes out at once, like the seed's
        QTRY_VERIFY(receiver.hasPendingDatagrams());
        const QNetworkDatagram first = receiver.receiveDatagram();
        QCOMPARE(first.hopLimit(), 7);
        QCOMPARE(first.senderAddress(), QHostAddress(QStringLiteral("127.0.0.1")));
        const auto decoded = AtuMessage::parse(first.data(), QStringLiteral("ATU"));
        QVERIFY2(decoded.has_value(), first.data().constData());
        QVERIFY(qAbs(decoded->timeUs - WallClock::nowUs()) < 5'000'000);
        QCOMPARE(sent.first().at(0).toString(), QString::fromUtf8(first.data()));

        QTRY_VERIFY(sent.size() >= 6);
        transmitter.stop();
        const qsizetype stoppedAt = sent.size();
        QTest::qWait(250);
        QCOMPARE(sent.size(), stoppedAt);
        QCOMPARE(transmitter.sentCount(), qint64(stoppedAt));
    }

    void schedulesOnAbsoluteDeadlines()
    {
        using namespace std::chrono_literals;
        // On time or a little late: the next tick, whose deadline is first + (tick+1) × interval,
        // so a late send does not push the ones after it.
        QCOMPARE(Transmitter::nextTick(0, 3ms, 1s), qint64(1));
        QCOMPARE(Transmitter::nextTick(1, 1'020ms, 1s), qint64(2));
        QCOMPARE(Transmitter::nextTick(9, 9'999ms, 1s), qint64(10));
        // Fell behind by several intervals (a suspended machine): skip to the next one ahead.
        QCOMPARE(Transmitter::nextTick(2, 7'300ms, 1s), qint64(8));
        QCOMPARE(Transmitter::nextTick(2, 3'000ms, 1s), qint64(4));
    }

    void neverSendsEarly()
    {
        Transmitter transmitter;
        TransmitConfig config;
        config.port = TestNetwork::freshPort(52);
        config.interval = std::chrono::milliseconds(50);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(transmitter.start(config));
        QTRY_COMPARE_WITH_TIMEOUT(transmitter.sentCount(), qint64(21), 5000);
        // 20 intervals after the first send: no drift accumulates from the send's own cost.
        // (Only a lower bound: a busy machine may be late, never early.)
        QVERIFY2(clock.elapsed() >= 999, qPrintable(QString::number(clock.elapsed())));
    }

    void refusesAnUnknownInterface()
    {
        Transmitter transmitter;
        QSignalSpy failed(&transmitter, &Transmitter::failed);
        TransmitConfig config;
        config.interfaceSpec = QStringLiteral("nosuch0");
        QVERIFY(!transmitter.start(config));
        QCOMPARE(failed.size(), 1);
        QVERIFY(transmitter.lastError().contains(QStringLiteral("nosuch0")));
        QVERIFY(!transmitter.isRunning());
    }

    void countsSendErrorsAndGoesOnWhenTheInterfaceReturns()
    {
        if (!TestNetwork::ip(QStringLiteral("link add mcT0 type veth peer name mcT1")))
            QSKIP("cannot create veth interfaces in this namespace (needs CAP_NET_ADMIN)");
        const auto bringUp = [] {
            return TestNetwork::ip(QStringLiteral("addr add 198.18.7.1/24 dev mcT0")) && TestNetwork::ip(QStringLiteral("link set mcT0 up"))
                   && TestNetwork::ip(QStringLiteral("link set mcT1 up"));
        };
        QVERIFY(bringUp());
        Transmitter transmitter;
        QSignalSpy failures(&transmitter, &Transmitter::sendFailed);
        TransmitConfig config;
        config.port = TestNetwork::freshPort(53);
        config.interfaceSpec = QStringLiteral("mcT0");
        config.interval = std::chrono::milliseconds(50);
        QVERIFY(transmitter.start(config));
        QTRY_VERIFY(transmitter.sentCount() >= 2);

        QVERIFY(TestNetwork::ip(QStringLiteral("link del mcT0")));
        QTRY_VERIFY_WITH_TIMEOUT(failures.size() >= 3, 5000); // one per tick: still ticking
        QVERIFY(transmitter.isRunning());
        QCOMPARE(transmitter.errorCount(), qint64(failures.size()));
        QVERIFY(!transmitter.lastError().isEmpty());

        QVERIFY(TestNetwork::ip(QStringLiteral("link add mcT0 type veth peer name mcT1")));
        QVERIFY(bringUp());
        const qint64 sentBefore = transmitter.sentCount();
        QTRY_VERIFY_WITH_TIMEOUT(transmitter.sentCount() >= sentBefore + 3, 5000);
        transmitter.stop();
        TestNetwork::ip(QStringLiteral("link del mcT0"));
    }
};

QTEST_GUILESS_MAIN(TestTransmitter)
#include "tst_transmitter.moc"
