// Runs the real executable in window mode (on the offscreen platform unless a test takes the
// display away): time options, the start without a display, signals and options the window
// does not take.
#include "TestNetwork.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

class TestWindowProcess final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_config; // keeps the user's saved settings out of the test

    QProcessEnvironment environment() const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        return environment;
    }

    void prepare(QProcess &process, const QStringList &arguments,
                 const QProcessEnvironment &environment)
    {
        process.setProcessEnvironment(environment);
        process.setProgram(QStringLiteral(MCAST_MONITOR_BINARY));
        process.setArguments(arguments);
    }

    // Runs to the end; the exit code, or -1 when it did not end normally within 10 s.
    int runToEnd(const QStringList &arguments, QByteArray *errors,
                 const QProcessEnvironment &environment)
    {
        QProcess process;
        prepare(process, arguments, environment);
        process.start();
        if (!process.waitForFinished(10000) || process.exitStatus() != QProcess::NormalExit)
            return -1;
        *errors = process.readAllStandardError();
        return process.exitCode();
    }

    // No X11 or Wayland display, and no Qt platform chosen: a server or an ssh session.
    QProcessEnvironment withoutDisplay() const
    {
        QProcessEnvironment environment = this->environment();
        for (const char *name :
             {"DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE", "QT_QPA_PLATFORM"})
            environment.remove(QString::fromLatin1(name));
        return environment;
    }

    QString freshPort(int offset) const
    {
        return QString::number(TestNetwork::freshPort(60 + offset));
    }

private slots:
    void init() { REQUIRE_PRIVATE_NETWORK(); }

    void timeOptionsOutOfRangeExitTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("value");
        QTest::newRow("duration inf") << QStringList{"--duration", "inf"} << "inf";
        QTest::newRow("duration 1e300") << QStringList{"--duration", "1e300"} << "1e300";
        QTest::newRow("stats 0.0001") << QStringList{"--stats", "0.0001"} << "0.0001";
        QTest::newRow("stats inf") << QStringList{"--stats", "inf"} << "inf";
        QTest::newRow("interval inf") << QStringList{"--interval", "inf"} << "inf";
    }

    void timeOptionsOutOfRangeExitTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, value);
        QByteArray errors;
        QCOMPARE(runToEnd(arguments, &errors, environment()), 2);
        QCOMPARE(errors.count('\n'), 1);
        QVERIFY2(errors.startsWith("mcast-monitor: ")
                     && errors.contains("'" + value.toUtf8() + "'"),
                 errors.constData());
    }

    // --count (messages to send, datagrams to receive) was once ignored by the window.
    void theWindowRefusesACount()
    {
        QByteArray errors;
        QCOMPARE(runToEnd({"--count", "5"}, &errors, environment()), 2);
        QCOMPARE(errors, QByteArray("mcast-monitor: --count '5' is for --headless and --send; the "
                                    "window has no count\n"));
    }

    // It once aborted in QApplication (exit 134, "Reinstalling the application may fix this
    // problem").
    void withoutADisplayOneLineAndExitFour()
    {
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
        QByteArray errors;
        QCOMPARE(runToEnd({"--port", freshPort(2)}, &errors, withoutDisplay()), 4);
        QCOMPARE(errors, QByteArray("mcast-monitor: no display: set DISPLAY or use --headless\n"));
#else
        QSKIP("Windows and macOS always have a display");
#endif
    }

    // The argument error was never seen: the abort came first.
    void argumentErrorsComeBeforeTheDisplay()
    {
        QByteArray errors;
        QCOMPARE(runToEnd({"--port", "0"}, &errors, withoutDisplay()), 2);
        QCOMPARE(errors, QByteArray("mcast-monitor: port '0' is not between 1 and 65535\n"));
    }

    // A display that is set but cannot be reached, or a platform that cannot start: Qt says
    // why, then one line of ours instead of the abort.
    void aPlatformThatCannotStartIsNoDisplayToo()
    {
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
        QProcessEnvironment environment = withoutDisplay();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        QByteArray errors;
        QCOMPARE(runToEnd({"--port", freshPort(3)}, &errors, environment), 4);
        QVERIFY2(errors.trimmed().split('\n').last().startsWith("mcast-monitor: no display: "),
                 errors.constData());
        QVERIFY2(!errors.contains("Reinstalling"), errors.constData());
#else
        QSKIP("xcb is X11's");
#endif
    }

    void needsNoDisplayForWhatOpensNoWindow_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("help") << QStringList{"--help"};
        QTest::newRow("version") << QStringList{"--version"};
        QTest::newRow("headless") << QStringList{"--headless", "--duration", "0.2", "--port",
                                                 freshPort(4)};
        QTest::newRow("send") << QStringList{"--send", "--count", "1", "--port", freshPort(4)};
        // Qt's own option chooses a platform that needs no display.
        QTest::newRow("-platform offscreen")
            << QStringList{"-platform", "offscreen", "--duration", "0.3", "--port", freshPort(4)};
    }

    void needsNoDisplayForWhatOpensNoWindow()
    {
        QFETCH(QStringList, arguments);
        QByteArray errors;
        QCOMPARE(runToEnd(arguments, &errors, withoutDisplay()), 0);
        QVERIFY2(!errors.contains("no display"), errors.constData());
    }

    // The window once died of these (exit 143, 130) without its final statistics line. Now
    // it ends as when it is closed — layout saved — with the final line, and exits 0 like a
    // headless run.
    void endsCleanlyOnSignals_data()
    {
        QTest::addColumn<int>("signal");
#ifdef Q_OS_UNIX
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGHUP") << int(SIGHUP);
#else
        QTest::newRow("console control events") << 0;
#endif
    }

    void endsCleanlyOnSignals()
    {
#ifdef Q_OS_UNIX
        QFETCH(int, signal);
        const QString settingsFile =
            m_config.filePath(QStringLiteral("mcast-monitor/mcast-monitor.conf"));
        QFile::remove(settingsFile);
        QProcess window;
        prepare(window, {"--stats", "0.2", "--json", "--port", freshPort(5)}, environment());
        window.start();
        QByteArray output;
        QTRY_VERIFY_WITH_TIMEOUT((output += window.readAllStandardOutput()).contains('\n'), 10000);
        const qsizetype linesBefore = output.count('\n');
        QCOMPARE(::kill(pid_t(window.processId()), signal), 0);
        QVERIFY(window.waitForFinished(5000));
        QCOMPARE(window.exitStatus(), QProcess::NormalExit);
        QCOMPARE(window.exitCode(), 0);
        output += window.readAllStandardOutput();
        QVERIFY2(output.count('\n') > linesBefore, output.constData());
        const QJsonObject last =
            QJsonDocument::fromJson(output.trimmed().split('\n').last()).object();
        QCOMPARE(last["type"].toString(), QStringLiteral("stats"));
        QVERIFY(last.contains("gui_max_stall_ms"));
        QFile settings(settingsFile);
        QVERIFY(settings.open(QIODevice::ReadOnly));
        QVERIFY(settings.readAll().contains("geometry="));
#else
        QSKIP("POSIX signals; a window on Windows is closed by WM_CLOSE (QProcess::terminate()), "
              "which the offscreen platform these tests run on has no window to receive");
#endif
    }

    // 4294968 s once closed the window after 0.7 s, and 2147484 s gave a Qt warning.
    void longDurationsKeepTheWindowOpen_data()
    {
        QTest::addColumn<QString>("duration");
        QTest::newRow("past INT_MAX ms") << "2147484";
        QTest::newRow("past UINT_MAX ms") << "4294968";
    }

    void longDurationsKeepTheWindowOpen()
    {
        QFETCH(QString, duration);
        QProcess window;
        prepare(window, {"--duration", duration, "--stats", "0.2", "--port", freshPort(1)},
                environment());
        window.start();
        QVERIFY(window.waitForStarted());
        QTest::qWait(1500);
        QCOMPARE(window.state(), QProcess::Running);
        QVERIFY(window.readAllStandardOutput().count('\n') >= 3); // statistics every 0.2 s
        window.kill();
        QVERIFY(window.waitForFinished(5000));
        const QByteArray errors = window.readAllStandardError();
        QVERIFY2(!errors.contains("Timer") && !errors.contains("QObject"), errors.constData());
    }
};

QTEST_GUILESS_MAIN(TestWindowProcess)
#include "tst_windowprocess.moc"
