#include "TestNetwork.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// Runs the real executable with its settings folder where no folder can be: inside a file
// (which stops root too). The window saves settings and says on stderr that it cannot;
// headless runs save nothing and say nothing about it.
class TestSettingsNotSaved final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_blocker;

    // Runs the program to its end; returns its stderr lines that are about settings.
    QStringList settingsErrors(const QStringList &arguments)
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"),
                           m_blocker + QStringLiteral("/config"));
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(MCAST_MONITOR_BINARY), arguments);
        if (!process.waitForFinished(10000) || process.exitCode() != 0)
            return {QStringLiteral("did not finish with exit code 0")};
        QStringList lines;
        for (const QString &line : QString::fromUtf8(process.readAllStandardError()).split(u'\n')) {
            if (line.contains(QLatin1String("settings")))
                lines.append(line);
        }
        return lines;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_blocker = m_dir.filePath(QStringLiteral("not-a-folder"));
        QFile file(m_blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }

    void theWindowSaysSoInOneLine()
    {
        const QString path = m_blocker + QStringLiteral("/config/mcast-monitor/mcast-monitor.conf");
        QCOMPARE(settingsErrors({QStringLiteral("--duration"), QStringLiteral("0.3")}),
                 QStringList{QStringLiteral("mcast-monitor: cannot save settings to %1: %2 is a "
                                            "file, not a folder")
                                 .arg(QDir::toNativeSeparators(path),
                                      QDir::toNativeSeparators(m_blocker))});
    }

    void headlessRunsSaveNothingAndSayNothing()
    {
        REQUIRE_PRIVATE_NETWORK();
        QCOMPARE(settingsErrors({QStringLiteral("--headless"), QStringLiteral("--duration"),
                                 QStringLiteral("0.3"), QStringLiteral("--port"),
                                 QString::number(TestNetwork::freshPort(41))}),
                 QStringList());
    }
};

QTEST_GUILESS_MAIN(TestSettingsNotSaved)
#include "tst_settingsnotsaved.moc"
