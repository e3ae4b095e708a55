// Runs the real executable in window mode (on the offscreen platform unless a test takes the
// display away): time options, the start without a display, signals and options the window
// does not take.
#include "TestNetwork.h"

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
        const QByteArray reason = errors.trimmed().split('\n').last();
        QVERIFY2(reason.startsWith("mcast-monitor: ")
                     && reason.contains("'" + value.toUtf8() + "'"),
                 errors.constData());
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
