#include "metrics/MetricsExposition.h"
#include "metrics/MetricsServer.h"
#include "session/ReceivePipeline.h"

#include "LoopbackFlood.h"
#include "TestNetwork.h"

#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

// The metrics server shares the event loop with the statistics, never with the receiver:
// while a scrape holds that loop, and hostile clients hang on, the receiver thread goes on
// reading, so nothing is lost.
class TestMetricsUnderLoad final : public QObject
{
    Q_OBJECT

private slots:
    void init() { REQUIRE_PRIVATE_NETWORK(); }

    void receivingGoesOnWhileAScrapeHoldsTheEventLoop()
    {
        const quint16 port = TestNetwork::freshPort(41);
        ReceivePipeline pipeline;
        QVERIFY(LoopbackFlood::startListening(pipeline, port));
        // Three times what the socket buffer holds (a small datagram takes about 1 KiB of
        // kernel memory on loopback): without a thread of its own, receiving would lose
        // at least two thirds of them while the loop is held.
        const int count = 3 * std::max(pipeline.listener().status().grantedBufferBytes / 1024, 100);

        std::atomic<bool> sending{false};
        std::thread sender;
        const auto send = [count, port, &sending] {
            QUdpSocket socket;
            socket.bind(QHostAddress::LocalHost, 0);
            socket.setMulticastInterface(TestNetwork::loopback());
            const QByteArray payload(32, 'x');
            for (int i = 0; i < count; ++i) {
                socket.writeDatagram(payload, QHostAddress(QStringLiteral("239.1.1.1")), port);
                if (i % 10 == 9) // about 10,000 a second: the receiver need not be fast, only running
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            sending = false;
        };
        MetricsServer server([&] {
            // A scrape that takes as long as the whole flood.
            sending = true;
            sender = std::thread(send);
            sender.join();
            return MetricsExposition::renderNow(pipeline.statistics());
        });
        server.setRequestTimeout(std::chrono::milliseconds(60000));
        QString reason;
        QVERIFY2(server.listen({QHostAddress::LocalHost, 0}, &reason), qPrintable(reason));

        // Clients that hang on: one that never finishes, one with an oversized head, and
        // fifty idle ones.
        std::vector<std::unique_ptr<QTcpSocket>> hostile;
        for (int i = 0; i < 52; ++i) {
            hostile.push_back(std::make_unique<QTcpSocket>());
            hostile.back()->connectToHost(QHostAddress::LocalHost, server.endpoint().port);
        }
        hostile[0]->write("GET /metrics HTTP/1.1\r\nHost:");
        hostile[1]->write("GET /metrics HTTP/1.1\r\nX: " + QByteArray(20000, 'a'));
        QTRY_VERIFY(server.connectionCount() >= 51); // the oversized one may be answered already

        QTcpSocket scraper;
        QByteArray scraped;
        connect(&scraper, &QTcpSocket::readyRead, this, [&] { scraped += scraper.readAll(); });
        scraper.connectToHost(QHostAddress::LocalHost, server.endpoint().port);
        scraper.write("GET /metrics HTTP/1.1\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(scraper.state() == QAbstractSocket::UnconnectedState, 60000);
        QVERIFY(!sending);
        QVERIFY(scraped.startsWith("HTTP/1.1 200 OK"));

        const TrafficStatistics &statistics = pipeline.statistics();
        QTRY_COMPARE_WITH_TIMEOUT(statistics.totals().packets + statistics.osDrops(), qint64(count), 10000);
        QCOMPARE(statistics.osDrops(), qint64(0));
        QCOMPARE(statistics.totals().packets, qint64(count));
    }
};

QTEST_GUILESS_MAIN(TestMetricsUnderLoad)
#include "tst_metricsunderload.moc"
