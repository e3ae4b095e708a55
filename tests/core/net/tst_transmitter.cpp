#include "decoders/AtuMessage.h"
#include "net/Transmitter.h"

#include "TestNetwork.h"
#include "time/WallClock.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

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
        const auto due = [](qint64 next, std::chrono::nanoseconds elapsed,
                            std::chrono::nanoseconds interval) {
            const Cadence::DueTicks ticks =
                Cadence::everyInterval(interval).dueTicks(next, elapsed, Transmitter::catchUpLimit);
            return qMakePair(ticks.first, ticks.last);
        };
        using Ticks = QPair<qint64, qint64>;
        // Tick k is due at k × interval after the first. On time or a little late: that one.
        QCOMPARE(due(1, 1'003ms, 1s), Ticks(1, 1));
        QCOMPARE(due(10, 10'000ms, 1s), Ticks(10, 10));
        // Woken before the deadline: nothing yet.
        QCOMPARE(due(2, 1'999ms, 1s), Ticks(2, 1));
        // Deadlines to the microsecond: 1.5 ms, woken by a whole-millisecond timer at 3 ms.
        QCOMPARE(due(1, 3ms, 1500us), Ticks(1, 2));
        QCOMPARE(due(3, 4'600us, 1500us), Ticks(3, 3));
        // Held up 40 ms at 1 ms: the 40 owed go at once.
        QCOMPARE(due(10, 50ms, 1ms), Ticks(10, 50));
        // Held up past the catch-up limit: only what is less than a second overdue...
        QCOMPARE(due(0, 3'000ms, 1ms), Ticks(2'000, 3'000));
        QCOMPARE(due(3, 7'300ms, 1s), Ticks(7, 7));
        // ...and always the last one due, however overdue: a stall ends with one message.
        QCOMPARE(due(1, 25s, 10s), Ticks(2, 2));
    }

    // 1.5 ms is not a whole number of the timer's milliseconds: every deadline is kept
    // anyway (it once rounded to 2 ms, and 1 ms lost ~10 %). Counted over a run time, so
    // that a busy machine's late timers change when messages go out, not how many.
    void keepsACadenceBelowTwoMilliseconds()
    {
        using namespace std::chrono;
        Transmitter transmitter;
        QSignalSpy stopped(&transmitter, &Transmitter::stopped);
        TransmitConfig config;
        config.port = TestNetwork::freshPort(54);
        config.interval = microseconds(1500);
        QVERIFY(transmitter.start(config, milliseconds(600)));
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 10'000);
        QCOMPARE(transmitter.sentCount(), qint64(400)); // 0, 1.5, …, 598.5 ms
        QCOMPARE(transmitter.skippedCount(), qint64(0));
        QCOMPARE(transmitter.errorCount(), qint64(0));
    }

    // --send --duration: every deadline before the end and none after, whenever the
    // millisecond timer happens to fire.
    void endsAfterItsRunTimeWithEveryDeadlineBeforeIt()
    {
        using namespace std::chrono;
        Transmitter transmitter;
        QSignalSpy stopped(&transmitter, &Transmitter::stopped);
        TransmitConfig config;
        config.port = TestNetwork::freshPort(56);
        config.interval = microseconds(1500);
        QVERIFY(transmitter.start(config, milliseconds(30)));
        QTRY_COMPARE(stopped.size(), 1);
        QVERIFY(!transmitter.isRunning());
        QCOMPARE(transmitter.sentCount(), qint64(20)); // 0, 1.5, …, 28.5 ms
        QVERIFY(transmitter.runningTime() >= milliseconds(30));
    }

    void catchesUpAfterAStallAndSkipsWhatIsTooOld()
    {
        using namespace std::chrono;
        Transmitter transmitter;
        QSignalSpy skipped(&transmitter, &Transmitter::skipped);
        TransmitConfig config;
        config.port = TestNetwork::freshPort(55);
        config.interval = milliseconds(100);
        QVERIFY(transmitter.start(config));
        QThread::msleep(1550); // the event loop held up: ticks 1 to 15 are owed
        QTest::qWait(50);
        transmitter.stop();
        const qint64 due = transmitter.runningTime() / config.interval + 1;
        // Ticks 1–5 were more than a second overdue; 6–15 went out in a burst.
        QCOMPARE(skipped.size(), 1);
        QVERIFY2(transmitter.skippedCount() >= 4 && transmitter.skippedCount() <= 6,
                 qPrintable(QString::number(transmitter.skippedCount())));
        QVERIFY2(qAbs(transmitter.sentCount() + transmitter.skippedCount() - due) <= 1,
                 qPrintable(QStringLiteral("%1 sent, %2 skipped, %3 due")
                                .arg(transmitter.sentCount())
                                .arg(transmitter.skippedCount())
                                .arg(due)));
    }

    void neverSendsEarly()
    {
        Transmitter transmitter;
        TransmitConfig config;
        config.port = TestNetwork::freshPort(52);
        config.interval = std::chrono::milliseconds(50);
        QElapsedTimer clock;
        qint64 twentyFirstAtMs = 0;
        connect(&transmitter, &Transmitter::sent, this, [&](const QString &, qint64 count) {
            if (count == 21)
                twentyFirstAtMs = clock.elapsed();
        });
        clock.start();
        QVERIFY(transmitter.start(config));
        QTRY_VERIFY_WITH_TIMEOUT(transmitter.sentCount() >= 21, 5000);
        // 20 intervals after the first send: no drift accumulates from the send's own cost.
        // (Only a lower bound: a busy machine may be late, never early.)
        QVERIFY2(twentyFirstAtMs >= 999, qPrintable(QString::number(twentyFirstAtMs)));
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
