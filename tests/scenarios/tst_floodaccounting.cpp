#include "session/ReceivePipeline.h"

#include "LoopbackFlood.h"
#include "TestNetwork.h"

#include <QTest>

#include <vector>

// Every datagram sent on loopback is accounted for, as received or as dropped by the
// operating system (functional, not timed: LoopbackFlood).
class TestFloodAccounting final : public QObject
{
    Q_OBJECT

private slots:
    void init() { REQUIRE_PRIVATE_NETWORK(); }

    void everyDatagramIsReceivedOrCountedAsDropped()
    {
        constexpr int total = 100'000;
        const quint16 port = TestNetwork::freshPort(31);
        ReceivePipeline pipeline;
        std::vector<bool> seen(total, false);
        int duplicates = 0;
        connect(&pipeline, &ReceivePipeline::batchRecorded, this, [&](const DatagramBatch &batch) {
            for (const ReceivedDatagram &datagram : batch) {
                const int sequence = datagram.payload.left(8).toInt(nullptr, 16);
                duplicates += seen[std::size_t(sequence)] ? 1 : 0;
                seen[std::size_t(sequence)] = true;
            }
        });
        QVERIFY(LoopbackFlood::startListening(pipeline, port));

        QUdpSocket sender;
        QVERIFY(sender.bind(QHostAddress(QStringLiteral("127.0.0.1")), 0));
        sender.setMulticastInterface(TestNetwork::loopback());
        const QHostAddress group(QStringLiteral("239.1.1.1"));
        QByteArray payload(64, 'x');
        LoopbackFlood flood(pipeline);
        flood.run(total, [&](int n) {
            payload.replace(0, 8, QByteArray::number(n, 16).rightJustified(8, '0'));
            QCOMPARE(sender.writeDatagram(payload, group, port), qint64(payload.size()));
        });
        if (QTest::currentTestFailed())
            return;
        const qint64 received = pipeline.statistics().totals().packets;
        QCOMPARE(received + pipeline.statistics().osDrops(), qint64(total));
        QCOMPARE(duplicates, 0);
        QCOMPARE(qint64(std::count(seen.begin(), seen.end(), true)), received);
        QCOMPARE(pipeline.statistics().totals().bytes, received * 64);
    }
};

QTEST_GUILESS_MAIN(TestFloodAccounting)
#include "tst_floodaccounting.moc"
