#include "session/ReceivePipeline.h"

#include "TestNetwork.h"

#include <QSignalSpy>
#include <QTest>

#include <vector>

// Functional, not timed: every datagram sent on loopback is accounted for, as received
// or as dropped by the operating system. Bursts wait for the receiver to catch up, so the
// outcome does not depend on how busy the machine is.
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
        QSignalSpy listening(&pipeline.listener(), &MulticastListener::listening);
        ReceiveConfig config;
        config.port = port;
        pipeline.listener().start(config);
        QVERIFY(listening.wait(5000));
        // A burst fits the granted buffer with room to spare (a small datagram takes about
        // 1 KiB of kernel memory on loopback), so the kernel has no reason to drop.
        const int granted = listening.first().at(0).value<ListeningStatus>().grantedBufferBytes;
        const int burst = std::clamp(granted / 2048, 50, 2000);

        QUdpSocket sender;
        QVERIFY(sender.bind(QHostAddress(QStringLiteral("127.0.0.1")), 0));
        sender.setMulticastInterface(TestNetwork::loopback());
        const QHostAddress group(QStringLiteral("239.1.1.1"));
        QByteArray payload(64, 'x');
        const auto accounted = [&] {
            return pipeline.statistics().totals().packets + pipeline.statistics().osDrops();
        };
        for (int sent = 0; sent < total;) {
            for (int i = 0; i < burst; ++i, ++sent) {
                payload.replace(0, 8, QByteArray::number(sent, 16).rightJustified(8, '0'));
                QCOMPARE(sender.writeDatagram(payload, group, port), qint64(payload.size()));
            }
            QTRY_COMPARE_WITH_TIMEOUT(accounted(), qint64(sent), 10000);
        }
        const qint64 received = pipeline.statistics().totals().packets;
        QCOMPARE(received + pipeline.statistics().osDrops(), qint64(total));
        QCOMPARE(duplicates, 0);
        QCOMPARE(qint64(std::count(seen.begin(), seen.end(), true)), received);
        QCOMPARE(pipeline.statistics().totals().bytes, received * 64);
    }
};

QTEST_GUILESS_MAIN(TestFloodAccounting)
#include "tst_floodaccounting.moc"
