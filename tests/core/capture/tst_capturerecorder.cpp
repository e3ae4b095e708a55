#include "capture/CaptureRecorder.h"

#include "PcapReader.h"
#include "TestDatagrams.h"
#include "TestPipe.h"

#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <poll.h>
#include <sys/resource.h>
#include <thread>

namespace {

// count datagrams of size bytes, numbered from first in their payload's first bytes.
DatagramBatch numbered(int first, int count, int size = 20)
{
    DatagramBatch batch;
    for (int i = first; i < first + count; ++i)
        batch.append(TestDatagrams::datagram(IpAddress::fromIPv4(0x7f000001), 40000, 1'000'000 + i,
                                             QByteArray::number(i).leftJustified(size, '.')));
    return batch;
}

QList<int> numbersIn(const PcapReader::Capture &capture)
{
    QList<int> numbers;
    for (const PcapReader::Record &record : capture.records) {
        const auto udp = PcapReader::udpOf(record.packet);
        numbers.append(udp ? udp->payload.left(udp->payload.indexOf('.')).toInt() : -1);
    }
    return numbers;
}

QList<int> range(int first, int count)
{
    QList<int> numbers;
    for (int i = first; i < first + count; ++i)
        numbers.append(i);
    return numbers;
}

} // namespace

class TestCaptureRecorder final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        std::signal(SIGPIPE, SIG_IGN);
    }

    void recordsWhatItIsGivenInOrderAndFlushesAsItGoes()
    {
        const QString path = m_dir.filePath(QStringLiteral("run.pcap"));
        CaptureRecorder recorder;
        QVERIFY(recorder.open(path));
        QCOMPARE(PcapReader::read(path).records.size(), 0); // the header is on disk at once
        recorder.record(numbered(0, 3));
        recorder.record(numbered(3, 4), 2); // a count cuts a batch: the rest was not asked for
        recorder.record(numbered(100, 2), 0);
        // Still open: a reader finds every batch so far, whole.
        QTRY_COMPARE(numbersIn(PcapReader::read(path)), range(0, 5));
        QVERIFY(PcapReader::read(path).whole);
        recorder.record(numbered(5, 1));
        QVERIFY(recorder.close());
        QCOMPARE(numbersIn(PcapReader::read(path)), range(0, 6));
        QCOMPARE(recorder.writtenCount(), 6);
        QCOMPARE(recorder.droppedCount(), 0);
        recorder.record(numbered(6, 1)); // closed: taken no more
        QCOMPARE(numbersIn(PcapReader::read(path)), range(0, 6));
    }

    void aPathThatCannotBeWrittenIsRefusedAtOpen()
    {
        CaptureRecorder recorder;
        QVERIFY(!recorder.open(m_dir.filePath(QStringLiteral("no/such/folder.pcap"))));
        QVERIFY(!recorder.isOpen());
        QVERIFY2(recorder.errorString().contains(QStringLiteral("No such file")),
                 qPrintable(recorder.errorString()));
        QVERIFY(!recorder.open(QStringLiteral("/dev/full")));
        QVERIFY2(recorder.errorString().contains(QStringLiteral("No space left")),
                 qPrintable(recorder.errorString()));
    }

    // A disk that stops taking data (here a pipe nobody reads) holds up only the writer
    // thread: record() returns at once, and batches beyond the queue's bound are dropped
    // whole and counted. What was queued is written once the disk takes it again.
    void aStalledDiskDropsWholeBatchesAndNeverWaits()
    {
        TestPipe pipe;
        QVERIFY(pipe.isOpen());
        CaptureRecorder recorder(64 * 1024);
        QVERIFY(recorder.open(QStringLiteral("/proc/self/fd/%1").arg(pipe.writeEnd())));
        const qsizetype filled = pipe.fill();
        QVERIFY(filled > 0);

        // 300 kB each: more than the file's buffer, so the writer is held up by the first
        // batch it takes; the queue then takes one more, and the rest are dropped.
        for (int batch = 0; batch < 4; ++batch)
            recorder.record(numbered(batch * 300, 300, 1000));
        QVERIFY(recorder.droppedCount() >= 600);

        pipe.closeWriteEnd(); // the recorder's own descriptor is what remains open
        QByteArray drained;
        std::thread reader([&] {
            char buffer[65536];
            for (;;) {
                pollfd readable{-1, POLLIN, 0};
                const ssize_t count = ::read(pipe.readEnd(), buffer, sizeof buffer);
                if (count > 0) {
                    drained.append(buffer, count);
                } else if (count == 0) {
                    return;
                } else {
                    readable.fd = pipe.readEnd();
                    ::poll(&readable, 1, 1000);
                }
            }
        });
        const bool closed = recorder.close();
        reader.join();
        QVERIFY(!closed); // not everything handed over was written
        QCOMPARE(recorder.writtenCount() + recorder.droppedCount(), 1200);
        // The header, the bytes that filled the pipe, then the records.
        const auto capture = PcapReader::parse(drained.remove(24, filled));
        QVERIFY(capture.whole);
        const QList<int> numbers = numbersIn(capture);
        QCOMPARE(numbers.size(), recorder.writtenCount());
        QCOMPARE(numbers.mid(0, 300), range(0, 300));
        QVERIFY(std::is_sorted(numbers.begin(), numbers.end()));
    }

    // The first write error stops recording and is reported once, from the writer thread.
    void aWriteErrorIsReportedOnce()
    {
        QFile file(m_dir.filePath(QStringLiteral("limited.pcap")));
        rlimit previous = {};
        QCOMPARE(::getrlimit(RLIMIT_FSIZE, &previous), 0);
        const auto restore = qScopeGuard([&] { ::setrlimit(RLIMIT_FSIZE, &previous); });
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = previous;
        limit.rlim_cur = 4096;
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &limit), 0);

        CaptureRecorder recorder;
        QSignalSpy failed(&recorder, &CaptureRecorder::failed);
        QVERIFY(recorder.open(file.fileName()));
        recorder.record(numbered(0, 100, 100)); // ~15 kB
        QVERIFY(failed.wait(5000));
        recorder.record(numbered(100, 100, 100));
        QVERIFY(!recorder.close());
        QCOMPARE(failed.size(), 1);
        QVERIFY(recorder.hasFailed());
        QVERIFY2(recorder.errorString().contains(QStringLiteral("too large")), qPrintable(recorder.errorString()));
        QCOMPARE(failed.first().first().toString(), recorder.errorString());
    }
};

QTEST_GUILESS_MAIN(TestCaptureRecorder)
#include "tst_capturerecorder.moc"
