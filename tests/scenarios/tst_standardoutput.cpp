#include "TestNetwork.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <atomic>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

// The real program's standard output under hostile conditions: a device that is full, a
// closed descriptor, a reader that stops reading while datagrams flood in.
namespace {

constexpr int writeErrorExitCode = 74;

// Datagrams of payload to 239.1.1.1:port on loopback, about perSecond of them, from a
// thread of its own until stopped.
class Flood final
{
public:
    Flood(quint16 port, QByteArray payload, int perSecond)
        : m_thread([this, port, payload = std::move(payload), perSecond] {
            run(port, payload, perSecond);
        })
    {
    }
    ~Flood() { stop(); }
    Flood(const Flood &) = delete;
    Flood &operator=(const Flood &) = delete;

    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    qint64 sent() const { return m_sent; }

private:
    void run(quint16 port, const QByteArray &payload, int perSecond)
    {
        const int socket = ::socket(AF_INET, SOCK_DGRAM, 0);
        in_addr loopback = {};
        loopback.s_addr = htonl(INADDR_LOOPBACK);
        ::setsockopt(socket, IPPROTO_IP, IP_MULTICAST_IF, &loopback, sizeof loopback);
        sockaddr_in group = {};
        group.sin_family = AF_INET;
        group.sin_port = htons(port);
        ::inet_pton(AF_INET, "239.1.1.1", &group.sin_addr);
        constexpr int ticksPerSecond = 100;
        auto deadline = std::chrono::steady_clock::now();
        while (!m_stop) {
            for (int i = 0; i < perSecond / ticksPerSecond; ++i) {
                if (::sendto(socket, payload.constData(), std::size_t(payload.size()), 0,
                             reinterpret_cast<const sockaddr *>(&group), sizeof group)
                    > 0)
                    ++m_sent;
            }
            deadline += std::chrono::milliseconds(1000 / ticksPerSecond);
            std::this_thread::sleep_until(deadline);
        }
        ::close(socket);
    }

    std::atomic<bool> m_stop{false};
    std::atomic<qint64> m_sent{0};
    std::thread m_thread;
};

// A named pipe the program writes its standard output to, read only when the test says so.
class Fifo final
{
public:
    explicit Fifo(const QString &path)
        : m_path(path)
    {
        if (::mkfifo(QFile::encodeName(path).constData(), 0600) == 0)
            m_read = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    }
    ~Fifo() { ::close(m_read); }
    Fifo(const Fifo &) = delete;
    Fifo &operator=(const Fifo &) = delete;

    bool isOpen() const { return m_read >= 0; }
    QString path() const { return m_path; }

    // Fills the pipe as a reader that stopped reading long ago would leave it.
    bool fill()
    {
        const int write =
            ::open(QFile::encodeName(m_path).constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (write < 0)
            return false;
        const QByteArray filler(4096, '\n');
        while (::write(write, filler.constData(), std::size_t(filler.size())) > 0) {
        }
        ::close(write);
        return true;
    }

    // Everything the pipe holds now, without waiting; *ended when its writer is gone.
    QByteArray readAvailable(bool *ended = nullptr)
    {
        QByteArray bytes;
        char buffer[65536];
        ssize_t count = 0;
        while ((count = ::read(m_read, buffer, sizeof buffer)) > 0)
            bytes.append(buffer, count);
        if (ended)
            *ended = count == 0;
        return bytes;
    }

private:
    QString m_path;
    int m_read = -1;
};

qint64 residentKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

} // namespace

class TestStandardOutput final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_directory; // the settings of these runs, and the named pipes

    void prepare(QProcess &process, const QStringList &arguments)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"),
                           m_directory.filePath(QStringLiteral("config")));
        process.setProcessEnvironment(environment);
        process.setProgram(QStringLiteral(MCAST_MONITOR_BINARY));
        process.setArguments(arguments);
    }

    static bool waitUntilListening(QProcess &process, QByteArray &errors)
    {
        return QTest::qWaitFor(
            [&] { return (errors += process.readAllStandardError()).contains("Listening to"); },
            10000);
    }

    // Reads the pipe while the process ends, until its last line.
    static QByteArray drainUntilExit(Fifo &fifo, QProcess &process)
    {
        QByteArray output;
        QElapsedTimer timer;
        timer.start();
        for (bool ended = false; timer.elapsed() < 60000;) {
            output += fifo.readAvailable(&ended);
            if (ended && process.state() == QProcess::NotRunning)
                break;
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            process.waitForFinished(5);
        }
        return output;
    }

    // Each line of output as JSON, or the first line that is not a whole JSON object.
    static QList<QJsonObject> jsonLines(const QByteArray &output, QByteArray *broken)
    {
        QList<QJsonObject> objects;
        for (const QByteArray &line : output.split('\n')) {
            if (line.isEmpty())
                continue;
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(line, &error);
            if (error.error != QJsonParseError::NoError || !document.isObject()) {
                *broken = line.left(200) + "… (" + QByteArray::number(line.size()) + " bytes)";
                return objects;
            }
            objects.append(document.object());
        }
        if (!output.isEmpty() && !output.endsWith('\n'))
            *broken = "no newline at the end";
        return objects;
    }

private slots:
    void init() { REQUIRE_PRIVATE_NETWORK(); }

    void aWriteErrorEndsTheRunAtOnce_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("sendsDatagram");
        QTest::addColumn<bool>("closed"); // standard output closed, else /dev/full
        QTest::addColumn<QString>("reason");
        const QString noSpace = qt_error_string(ENOSPC);
        const QString badDescriptor = qt_error_string(EBADF);
        // Each would run for a minute or for ever if the error did not end it.
        const QStringList receive{"--headless", "--port",
                                  QString::number(TestNetwork::freshPort(81))};
        const QStringList stats{"--headless", "--stats",
                                "0.2",        "--json",
                                "--port",     QString::number(TestNetwork::freshPort(82))};
        const QStringList send{"--send",
                               "--count",
                               "300",
                               "--interval",
                               "0.2",
                               "--port",
                               QString::number(TestNetwork::freshPort(83))};
        QTest::newRow("datagram lines, full") << receive << true << false << noSpace;
        QTest::newRow("statistics, full") << stats << false << false << noSpace;
        QTest::newRow("sent lines, full") << send << false << false << noSpace;
        QTest::newRow("datagram lines, closed") << receive << true << true << badDescriptor;
        QTest::newRow("sent lines, closed") << send << false << true << badDescriptor;
    }

    void aWriteErrorEndsTheRunAtOnce()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, sendsDatagram);
        QFETCH(bool, closed);
        QFETCH(QString, reason);
        if (!closed && !QFile::exists(QStringLiteral("/dev/full")))
            QSKIP("no /dev/full");
        QProcess process;
        prepare(process, arguments);
        if (closed)
            process.setChildProcessModifier([] { ::close(STDOUT_FILENO); });
        else
            process.setStandardOutputFile(QStringLiteral("/dev/full"));
        process.start();
        QVERIFY(process.waitForStarted());
        QByteArray errors;
        if (sendsDatagram) {
            QVERIFY2(waitUntilListening(process, errors), errors.constData());
            QVERIFY(TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QStringLiteral("239.1.1.1"),
                                          quint16(arguments.last().toInt()), "hello"));
        }
        QVERIFY(process.waitForFinished(20000));
        errors += process.readAllStandardError();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), writeErrorExitCode);
        const QByteArray expected =
            "mcast-monitor: cannot write to standard output: " + reason.toUtf8() + '\n';
        QVERIFY2(errors.contains(expected), errors.constData());
        QCOMPARE(errors.count(expected), 1);
    }

    // Nobody reads standard output while datagrams of 1400 bytes flood in: memory stays
    // bounded, lines are dropped whole and counted, and once the reader reads again the
    // run ends with a final statistics line that says how many.
    void aStalledReaderCostsLinesNotMemory()
    {
        Fifo fifo(m_directory.filePath(QStringLiteral("stalled")));
        QVERIFY(fifo.isOpen());
        const quint16 port = TestNetwork::freshPort(84);
        QProcess process;
        prepare(process, {"--headless", "--json", "--stats", "1", "--datagrams", "--port",
                          QString::number(port)});
        process.setStandardOutputFile(fifo.path());
        process.start();
        QVERIFY(process.waitForStarted());
        QByteArray errors;
        QVERIFY2(waitUntilListening(process, errors), errors.constData());
        const qint64 before = residentKiB(process.processId());

        // An unbounded queue would hold every datagram that arrives once the pipe is full:
        // 250,000 of them are 350 MB. Bounded, the output queue takes 4 MiB; the rest of the
        // bound is room for a loaded machine, where the receiver's batches wait longer for
        // the main thread.
        constexpr qint64 boundKiB = 96 * 1024;
        qint64 mostKiB = before;
        {
            Flood flood(port, QByteArray(1400, 'x'), 50'000);
            QElapsedTimer timer;
            timer.start();
            while (flood.sent() < 250'000 && timer.elapsed() < 30000) {
                QTest::qWait(100);
                mostKiB = std::max(mostKiB, residentKiB(process.processId()));
            }
            flood.stop();
            qInfo("%lld datagrams sent in %lld ms; resident memory %lld kB before, at most %lld kB",
                  flood.sent(), timer.elapsed(), before, mostKiB);
        }
        QVERIFY2(mostKiB - before < boundKiB, qPrintable(QString::number(mostKiB - before)));
        QTRY_VERIFY_WITH_TIMEOUT(
            (errors += process.readAllStandardError()).contains("dropping whole lines"), 10000);

        ::kill(pid_t(process.processId()), SIGTERM);
        const QByteArray output = drainUntilExit(fifo, process);
        errors += process.readAllStandardError();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);

        QByteArray broken;
        const QList<QJsonObject> lines = jsonLines(output, &broken);
        QVERIFY2(broken.isEmpty(), broken.constData());
        QVERIFY(!lines.isEmpty());
        const QJsonObject final = lines.last();
        QCOMPARE(final["type"].toString(), QStringLiteral("stats"));
        const qint64 received = final["total"].toObject()["packets"].toInteger();
        const qint64 dropped = final["dropped_lines"].toInteger();
        qint64 datagramLines = 0;
        for (const QJsonObject &line : lines)
            datagramLines += line["type"].toString() == QStringLiteral("datagram") ? 1 : 0;
        qInfo("%lld datagrams received, %lld printed, %lld lines dropped", received, datagramLines,
              dropped);
        // The flood did reach it: held in memory, what it received would break the bound.
        QVERIFY2(received * 1400 > 2 * boundKiB * 1024, qPrintable(QString::number(received)));
        // Every datagram is printed or counted as dropped; the count also holds the few
        // statistics and event lines dropped.
        const QString accounting =
            QStringLiteral("%1 + %2 for %3").arg(datagramLines).arg(dropped).arg(received);
        QVERIFY(dropped > 0);
        QVERIFY2(datagramLines + dropped >= received, qPrintable(accounting));
        QVERIFY2(datagramLines + dropped <= received + 100, qPrintable(accounting));
        QCOMPARE(errors.count("dropping whole lines"), 1);
        QVERIFY2(errors.contains(" lines dropped: standard output was not read fast enough\n"),
                 errors.constData());
    }

    // The reader never reads again: SIGTERM still ends the run, within the give-up time,
    // and what the pipe got is whole lines.
    void sigtermEndsARunWhoseReaderNeverReads()
    {
        Fifo fifo(m_directory.filePath(QStringLiteral("never")));
        QVERIFY(fifo.isOpen());
        const quint16 port = TestNetwork::freshPort(85);
        QProcess process;
        prepare(process, {"--headless", "--json", "--port", QString::number(port)});
        process.setStandardOutputFile(fifo.path());
        process.start();
        QVERIFY(process.waitForStarted());
        QByteArray errors;
        QVERIFY2(waitUntilListening(process, errors), errors.constData());
        {
            // Lines of about 3.3 kB, under PIPE_BUF, so each reaches the pipe whole or not at all.
            Flood flood(port, QByteArray(1000, 'x'), 20'000);
            QTRY_VERIFY_WITH_TIMEOUT(
                (errors += process.readAllStandardError()).contains("dropping whole lines"), 20000);
        }
        QElapsedTimer sinceTerm;
        sinceTerm.start();
        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(15000));
        qInfo("ended %lld ms after SIGTERM", sinceTerm.elapsed());
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        errors += process.readAllStandardError();
        QVERIFY2(errors.contains(" lines dropped: standard output was not read fast enough\n"),
                 errors.constData());

        QByteArray broken;
        const QList<QJsonObject> lines = jsonLines(fifo.readAvailable(), &broken);
        QVERIFY2(broken.isEmpty(), broken.constData());
        QVERIFY(!lines.isEmpty());
    }

    // The window's --stats into a pipe nobody reads: under fwrite() the first line blocked
    // the GUI thread, and the window never reached its --duration.
    void theWindowsStatisticsDoNotHoldItsEventLoop()
    {
        Fifo fifo(m_directory.filePath(QStringLiteral("window")));
        QVERIFY(fifo.isOpen());
        QVERIFY(fifo.fill());
        QProcess process;
        prepare(process, {"--stats", "0.05", "--json", "--duration", "2", "--port",
                          QString::number(TestNetwork::freshPort(86))});
        process.setStandardOutputFile(fifo.path());
        process.start();
        QVERIFY(process.waitForStarted());
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        const QByteArray errors = process.readAllStandardError();
        QVERIFY2(errors.contains(" lines dropped: standard output was not read fast enough\n"),
                 errors.constData());
    }
};

QTEST_GUILESS_MAIN(TestStandardOutput)
#include "tst_standardoutput.moc"
