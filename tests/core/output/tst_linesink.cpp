#include "output/LineSink.h"

#include "TestPipe.h"

#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <numeric>
#include <sys/resource.h>

namespace {

// Line `index` of a test: its number, padded so that every line has `size` bytes.
QByteArray numberedLine(int index, int size = 100)
{
    return QByteArray::number(index).leftJustified(size - 1, '.') + '|';
}

// The lines in bytes, or an empty list when any is not a whole numbered line.
QList<int> wholeLineNumbers(const QByteArray &bytes, int size = 100)
{
    if (!bytes.endsWith('\n'))
        return {};
    QList<int> numbers;
    for (const QByteArray &line : bytes.chopped(1).split('\n')) {
        bool ok = false;
        const int number = line.left(line.indexOf('.')).toInt(&ok);
        if (!ok || line != numberedLine(number, size))
            return {};
        numbers.append(number);
    }
    return numbers;
}

} // namespace

class TestLineSink final : public QObject
{
    Q_OBJECT

private slots:
    // A writer left stuck in write() by close() meets a closed pipe when the test's pipe
    // goes: EPIPE then, not the end of the test program.
    void initTestCase() { std::signal(SIGPIPE, SIG_IGN); }

    void writesEveryLineInOrder()
    {
        TestPipe pipe;
        QVERIFY(pipe.isOpen());
        LineSink sink(pipe.writeEnd());
        QByteArray read;
        QList<int> expected;
        for (int i = 0; i < 5000; ++i) {
            QVERIFY(sink.writeLine(numberedLine(i)));
            expected.append(i);
            if (i % 100 == 0)
                read += pipe.readAvailable(); // a reader that keeps up
        }
        QTRY_COMPARE_WITH_TIMEOUT((read += pipe.readAvailable(), sink.writtenLines()), qint64(5000),
                                  10000);
        QVERIFY(sink.close());
        read += pipe.readAvailable();
        QCOMPARE(wholeLineNumbers(read), expected);
        QCOMPARE(sink.droppedLines(), qint64(0));
        QVERIFY(!sink.hasFailed());
    }

    // The stalled reader: writeLine() never waits, the queue stays within its capacity,
    // whole lines are dropped and counted, and close() gives up instead of hanging.
    void aReaderThatNeverReadsCostsBoundedMemoryAndWholeLines()
    {
        constexpr qsizetype capacity = 64 * 1024;
        constexpr int total = 100'000; // 10 MB of lines, 150 times the capacity
        TestPipe pipe;
        LineSink sink(pipe.writeEnd(), capacity);
        QSignalSpy dropping(&sink, &LineSink::droppingStarted);
        qint64 accepted = 0;
        qsizetype mostQueued = 0;
        for (int i = 0; i < total; ++i) {
            accepted += sink.writeLine(numberedLine(i)) ? 1 : 0;
            mostQueued = std::max(mostQueued, sink.queuedBytes());
        }
        QVERIFY2(mostQueued <= capacity, qPrintable(QString::number(mostQueued)));
        QCOMPARE(sink.droppedLines(), total - accepted);
        QVERIFY(sink.droppedLines() > total / 2);
        QCOMPARE(dropping.size(), 1); // said once, not per line

        QVERIFY(!sink.close(std::chrono::milliseconds(200)));
        QCOMPARE(sink.droppedLines() + sink.writtenLines(), qint64(total));
        QVERIFY(!sink.writeLine(QByteArray("after close")));
        // What reached the pipe is whole lines, from the first, in order.
        const QList<int> numbers = wholeLineNumbers(pipe.readAvailable());
        QVERIFY(!numbers.isEmpty());
        QCOMPARE(numbers.first(), 0);
        QVERIFY(std::is_sorted(numbers.cbegin(), numbers.cend()));
    }

    // Once full, lines are dropped until the queue has drained to half, then taken again.
    void takesLinesAgainOnceTheReaderCatchesUp()
    {
        constexpr qsizetype capacity = 64 * 1024;
        TestPipe pipe;
        const qsizetype filled = pipe.fill();
        LineSink sink(pipe.writeEnd(), capacity);
        int next = 0;
        while (sink.writeLine(numberedLine(next)))
            ++next;
        QCOMPARE(next, int(capacity / 101));
        QVERIFY(!sink.writeLine(numberedLine(next + 1))); // still dropping
        QByteArray read;
        QTRY_VERIFY_WITH_TIMEOUT((read += pipe.readAvailable(), sink.queuedBytes() == 0), 10000);
        QVERIFY(sink.writeLine(numberedLine(next + 2)));
        QTRY_VERIFY_WITH_TIMEOUT(
            (read += pipe.readAvailable()).endsWith(numberedLine(next + 2) + '\n'), 10000);
        QCOMPARE(sink.droppedLines(), qint64(2));
        QList<int> expected(next);
        std::iota(expected.begin(), expected.end(), 0);
        expected.append(next + 2);
        QCOMPARE(wholeLineNumbers(read.mid(filled)), expected);
    }

    void theLastLineIsQueuedEvenWhenFull()
    {
        TestPipe pipe;
        pipe.fill();
        LineSink sink(pipe.writeEnd(), 64 * 1024);
        while (sink.writeLine(QByteArray(100, 'x'))) {
        }
        int made = 0;
        QVERIFY(!sink.writeLine([&] { return ++made, QByteArray(100, 'y'); }));
        QCOMPARE(made, 0); // not formatted while dropping
        QVERIFY(sink.writeLine(QByteArray("final"), LineSink::WhenFull::Queue));
        QByteArray read;
        QTRY_VERIFY_WITH_TIMEOUT((read += pipe.readAvailable()).endsWith("\nfinal\n"), 10000);
        QVERIFY(sink.close());
    }

    void aFullDeviceIsReportedOnce()
    {
        QFile full(QStringLiteral("/dev/full"));
        if (!full.open(QIODevice::WriteOnly))
            QSKIP("no /dev/full");
        LineSink sink(full.handle());
        QSignalSpy failed(&sink, &LineSink::failed);
        QVERIFY(sink.writeLine(QByteArray("one")));
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().toString(), qt_error_string(ENOSPC));
        QVERIFY(sink.hasFailed());
        QCOMPARE(sink.errorString(), qt_error_string(ENOSPC));
        QVERIFY(!sink.writeLine(QByteArray("two"))); // writing has stopped
        QVERIFY(!sink.close());
        QCOMPARE(failed.size(), 1);
        QCOMPARE(sink.writtenLines(), qint64(0));
        QCOMPARE(sink.droppedLines(), qint64(0)); // lost to the error, not to a slow reader
    }

    void aClosedDescriptorIsReported()
    {
        LineSink sink(-1);
        QSignalSpy failed(&sink, &LineSink::failed);
        sink.writeLine(QByteArray("one"));
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().toString(), qt_error_string(EBADF));
    }

    // A file system that fills up in the middle of a line (here: a file size limit, which
    // fails the same way, with a short write and then an error): the file keeps only whole
    // lines.
    void aFileThatFillsUpEndsInWholeLines()
    {
        QTemporaryDir directory;
        QFile file(directory.filePath(QStringLiteral("out")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        rlimit previous = {};
        QCOMPARE(::getrlimit(RLIMIT_FSIZE, &previous), 0);
        const auto restore = qScopeGuard([&] { ::setrlimit(RLIMIT_FSIZE, &previous); });
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = previous;
        limit.rlim_cur = 12 * 1024 + 50;
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &limit), 0);

        LineSink sink(file.handle());
        QSignalSpy failed(&sink, &LineSink::failed);
        for (int i = 0; i < 200; ++i)
            sink.writeLine(numberedLine(i));
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().toString(), qt_error_string(EFBIG));
        sink.close();
        file.close();

        QFile written(file.fileName());
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray contents = written.readAll();
        QCOMPARE(contents.size(), (12 * 1024 + 50) / 101 * 101);
        const QList<int> numbers = wholeLineNumbers(contents);
        QCOMPARE(numbers.size(), contents.size() / 101);
        QCOMPARE(sink.writtenLines(), qint64(numbers.size()));
    }
};

QTEST_GUILESS_MAIN(TestLineSink)
#include "tst_linesink.moc"
