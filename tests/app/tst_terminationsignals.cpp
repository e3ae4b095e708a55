#include "TerminationSignals.h"

#include <QSignalSpy>
#include <QTest>

#include <csignal>

#ifdef Q_OS_WIN
#include <windows.h>
#endif

// What ends a run reaches the event loop as a Qt signal: POSIX signals on Linux, the
// console's control events on Windows (Ctrl+C, Ctrl+Break).
class TestTerminationSignals final : public QObject
{
    Q_OBJECT

private:
    // Sends this process what Ctrl+C (or, on POSIX, the given signal) would.
    static bool interrupt([[maybe_unused]] int posixSignal)
    {
#ifdef Q_OS_WIN
        // Control events go to every process of a console: a console of its own, so that
        // the one that started the test (ctest) is not sent it too.
        static const bool ownConsole = [] {
            FreeConsole();
            return AllocConsole() != 0;
        }();
        return ownConsole && GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, 0) != 0;
#else
        return ::raise(posixSignal) == 0;
#endif
    }

private slots:
    void endsTheRun_data()
    {
        QTest::addColumn<int>("posixSignal");
#ifdef Q_OS_WIN
        QTest::newRow("Ctrl+Break") << 0;
#else
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGHUP") << int(SIGHUP);
#endif
    }

    void endsTheRun()
    {
        QFETCH(int, posixSignal);
        TerminationSignals termination;
        QSignalSpy terminated(&termination, &TerminationSignals::terminationRequested);
        QSignalSpy reload(&termination, &TerminationSignals::reloadRequested);
        QVERIFY(interrupt(posixSignal));
        QTRY_COMPARE(terminated.size(), 1);
        QCOMPARE(reload.size(), 0);
    }

    // After the run, the default comes back: a second object starts afresh.
    void aSecondRunIsEndedToo()
    {
        {
            TerminationSignals first;
        }
        TerminationSignals second;
        QSignalSpy terminated(&second, &TerminationSignals::terminationRequested);
        QVERIFY(interrupt(SIGTERM));
        QTRY_COMPARE(terminated.size(), 1);
    }

    void hangUpReloadsWhereAsked()
    {
#ifdef Q_OS_WIN
        QSKIP("Windows has no hang-up signal");
#else
        TerminationSignals termination;
        termination.reloadOnHangUp();
        QSignalSpy terminated(&termination, &TerminationSignals::terminationRequested);
        QSignalSpy reload(&termination, &TerminationSignals::reloadRequested);
        QVERIFY(interrupt(SIGHUP));
        QTRY_COMPARE(reload.size(), 1);
        QCOMPARE(terminated.size(), 0);
#endif
    }
};

QTEST_GUILESS_MAIN(TestTerminationSignals)
#include "tst_terminationsignals.moc"
