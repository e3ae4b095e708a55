#include "session/ReceivePipeline.h"
#include "SenderTableModel.h"

#include "LoopbackFlood.h"
#include "TestNetwork.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <numeric>

#ifdef Q_OS_LINUX
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

// Datagrams from 100,000 source addresses, as a spoofed flood would bring them: the
// statistics and the senders table stay within their cap, the rest is folded into the
// "other senders" row, nothing is lost from the totals and memory does not follow the
// number of addresses. Functional, not timed (LoopbackFlood).
namespace {

constexpr int senderCount = 100'000;
constexpr int payloadSize = 32;

#ifdef Q_OS_LINUX
// Sender n's address: 127.0.1.1 onwards, skipping .0 and .255. Inside the test namespace
// all of 127.0.0.0/8 is local, so a socket can bind any of them.
quint32 senderAddress(int n)
{
    return 0x7f000000u | quint32(1 + n / 254) << 8 | quint32(1 + n % 254);
}

// Sends one datagram from source (bound, port 0) to group:port out of loopback. A plain
// socket rather than a QUdpSocket: 100,000 of them one after another take a second or two.
bool sendFrom(quint32 source, quint32 group, quint16 port, const QByteArray &payload)
{
    const int socket = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (socket < 0)
        return false;
    sockaddr_in local{};
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = htonl(source);
    const in_addr loopback{htonl(INADDR_LOOPBACK)};
    sockaddr_in destination{};
    destination.sin_family = AF_INET;
    destination.sin_addr.s_addr = htonl(group);
    destination.sin_port = htons(port);
    const bool sent =
        ::bind(socket, reinterpret_cast<const sockaddr *>(&local), sizeof local) == 0
        && ::setsockopt(socket, IPPROTO_IP, IP_MULTICAST_IF, &loopback, sizeof loopback) == 0
        && ::sendto(socket, payload.constData(), std::size_t(payload.size()), 0,
                    reinterpret_cast<const sockaddr *>(&destination), sizeof destination)
               == payload.size();
    ::close(socket);
    return sent;
}

// Resident memory of this process in kB, from /proc (0 where there is none).
qint64 residentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return 0;
}
#endif

} // namespace

class TestSenderFlood final : public QObject
{
    Q_OBJECT

private slots:
    void init() { REQUIRE_PRIVATE_NETWORK(); }

    void manySendersStayWithinTheCap()
    {
#ifndef Q_OS_LINUX
        QSKIP("binds 100,000 loopback addresses: Linux network namespace only");
#else
        const quint16 port = TestNetwork::freshPort(71);
        constexpr quint32 group = 0xef010101; // 239.1.1.1

        ReceivePipeline pipeline;
        TrafficStatistics &statistics = pipeline.statistics();
        SenderTableModel model(statistics);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        int appeared = 0;
        connect(&pipeline, &ReceivePipeline::batchRecorded, &model, [&] { model.update(); });
        connect(&pipeline, &ReceivePipeline::livenessChanged, this,
                [&](const QList<LivenessEvent> &events) {
                    appeared += int(std::count_if(
                        events.cbegin(), events.cend(), [](const LivenessEvent &event) {
                            return event.kind == LivenessEvent::Kind::Appeared;
                        }));
                });
        QVERIFY(LoopbackFlood::startListening(pipeline, port));

        const qint64 residentBefore = residentKb();
        QElapsedTimer timer;
        timer.start();
        const QByteArray payload(payloadSize, 'f');
        constexpr auto cap = std::size_t(TrafficStatistics::defaultMaxSenders);
        LoopbackFlood flood(pipeline);
        flood.run(
            senderCount,
            [&](int n) {
                QVERIFY2(sendFrom(senderAddress(n), group, port, payload),
                         qPrintable(QHostAddress(senderAddress(n)).toString() + QStringLiteral(": ")
                                    + QString::fromLocal8Bit(std::strerror(errno))));
            },
            [&] {
                QVERIFY(statistics.senders().size() <= cap);
                QVERIFY(model.rowCount() <= int(cap));
            });
        if (QTest::currentTestFailed())
            return;
        model.refresh();
        const qint64 residentAfter = residentKb();
        qInfo("%d senders in %lld ms, %lld dropped by the OS; resident memory %lld kB before, "
              "%lld kB after (+%lld kB)",
              senderCount, qlonglong(timer.elapsed()), qlonglong(statistics.osDrops()),
              qlonglong(residentBefore), qlonglong(residentAfter),
              qlonglong(residentAfter - residentBefore));

        const auto &senders = statistics.senders();
        const qint64 received = statistics.totals().packets;
        QCOMPARE(received + statistics.osDrops(), qint64(senderCount));
        QCOMPARE(statistics.totals().bytes, received * payloadSize);
        QCOMPARE(
            std::accumulate(senders.cbegin(), senders.cend(), qint64(0),
                            [](qint64 sum, const auto &sender) { return sum + sender.packets; }),
            received);
        QCOMPARE(std::accumulate(senders.cbegin(), senders.cend(), qint64(0),
                                 [](qint64 sum, const auto &sender) { return sum + sender.bytes; }),
                 statistics.totals().bytes);

        // The first cap - 1 addresses have rows of their own; the last row holds the rest.
        QCOMPARE(senders.size(), cap);
        QCOMPARE(model.rowCount(), int(cap));
        const auto &others = senders.back();
        QVERIFY(others.other);
        QVERIFY(std::none_of(senders.cbegin(), senders.cend() - 1, [](const auto &s) { return s.other; }));
        QCOMPARE(appeared, int(cap) - 1);
        for (std::size_t i = 0; i + 1 < cap; ++i)
            QCOMPARE(senders[i].packets, qint64(1));
        QCOMPARE(others.packets, received - qint64(cap - 1));
        if (statistics.osDrops() == 0) {
            for (std::size_t i = 0; i + 1 < cap; ++i)
                QCOMPARE(senders[i].address, IpAddress::fromIPv4(senderAddress(int(i))));
            QCOMPARE(others.packets, qint64(senderCount) - qint64(cap - 1));
        }
        QCOMPARE(model.data(model.index(0, SenderTableModel::Source)).toString(),
                 senders.front().address.toString());

        // A row for every address would take far more than the limit.
        constexpr qint64 limitKb = 100 * 1024;
        QVERIFY(qint64(senderCount * sizeof(TrafficStatistics::Sender)) / 1024 > 2 * limitKb);
        if (residentBefore > 0)
            QVERIFY2(
                residentAfter - residentBefore < limitKb,
                qPrintable(QStringLiteral("grew by %1 kB").arg(residentAfter - residentBefore)));
#endif
    }
};

QTEST_MAIN(TestSenderFlood)
#include "tst_senderflood.moc"
