#include "output/StatsPrinter.h"

#include "output/LineSink.h"

#include "TestPipe.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <csignal>

// The statistics lines of --stats, headless and in the window, go through a LineSink: a
// reader that stops reading never holds up the thread that prints them.
class TestStatsPrinter final : public QObject
{
    Q_OBJECT

private:
    TrafficStatistics m_statistics{[] { return qint64(1'700'000'000'000'000); }};

private slots:
    // A writer left stuck in write() by close() meets a closed pipe when the test's pipe
    // goes: EPIPE then, not the end of the test program.
    void initTestCase() { std::signal(SIGPIPE, SIG_IGN); }

    // Under the old fwrite() to stdout the first line into the full pipe blocked the thread,
    // and this timer never fired again.
    void theTimerGoesOnWhileTheReaderIsStalled()
    {
        TestPipe pipe;
        pipe.fill();
        LineSink sink(pipe.writeEnd(), 4096);
        StatsPrinter printer(m_statistics, sink, true);
        printer.start(0.01);
        QTRY_VERIFY_WITH_TIMEOUT(sink.droppedLines() >= 10, 20000);
        printer.stop();
        QVERIFY(!sink.close(std::chrono::milliseconds(100)));
    }

    void linesCountTheLinesDroppedAndTheLastOneIsKept()
    {
        TestPipe pipe;
        const qsizetype filled = pipe.fill();
        LineSink sink(pipe.writeEnd(), 4096);
        StatsPrinter printer(m_statistics, sink, true);
        for (int i = 0; i < 100; ++i)
            printer.printNow();
        const qint64 dropped = sink.droppedLines();
        QVERIFY(dropped > 50);
        printer.printFinal();

        QByteArray read;
        QTRY_VERIFY_WITH_TIMEOUT((read += pipe.readAvailable(), sink.queuedBytes() == 0), 10000);
        const QList<QByteArray> lines = read.mid(filled).trimmed().split('\n');
        QCOMPARE(lines.size(), 100 - dropped + 1);
        for (const QByteArray &line : lines) {
            QJsonParseError error;
            QJsonDocument::fromJson(line, &error);
            QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
        }
        const QJsonObject first = QJsonDocument::fromJson(lines.first()).object();
        const QJsonObject final = QJsonDocument::fromJson(lines.last()).object();
        QCOMPARE(first["dropped_lines"].toInteger(), qint64(0));
        QCOMPARE(final["type"].toString(), QStringLiteral("stats"));
        QCOMPARE(final["dropped_lines"].toInteger(), dropped);
    }

    void textLinesSayHowManyLinesWereDropped()
    {
        TestPipe pipe;
        const qsizetype filled = pipe.fill();
        LineSink sink(pipe.writeEnd(), 1024);
        StatsPrinter printer(m_statistics, sink, false);
        for (int i = 0; i < 20; ++i)
            printer.printNow();
        const qint64 dropped = sink.droppedLines();
        QVERIFY(dropped > 0);
        printer.printFinal();
        QByteArray read;
        QTRY_VERIFY_WITH_TIMEOUT((read += pipe.readAvailable(), sink.queuedBytes() == 0), 10000);
        const QByteArray last = read.mid(filled).trimmed().split('\n').last();
        QVERIFY2(last.contains(", " + QByteArray::number(dropped) + " output lines dropped;"),
                 last.constData());
    }
};

QTEST_GUILESS_MAIN(TestStatsPrinter)
#include "tst_statsprinter.moc"
