#include "CommandLine.h"
#include "settings/ConfigFile.h"

#include <QTemporaryDir>
#include <QTest>

using Outcome = CommandLineOptions::Outcome;
using Mode = CommandLineOptions::Mode;

// --config FILE and --metrics, as the command line reads them.
class TestConfigArguments final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QByteArray &text)
    {
        const QString path = m_dir.filePath(QStringLiteral("probe.conf"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        file.write(text);
        return path;
    }

    static CommandLineOptions parse(QStringList arguments)
    {
        arguments.prepend(QStringLiteral("mcast-monitor"));
        return CommandLine::parse(arguments);
    }

private slots:
    void metricsTakesAnAddressAndPort()
    {
        auto options = parse({"--headless", "--metrics", "9300"});
        QCOMPARE(options.outcome, Outcome::Run);
        QCOMPARE(options.metrics->toString(), QStringLiteral("127.0.0.1:9300"));
        options = parse({"--metrics", "[::1]:9301"});
        QCOMPARE(options.outcome, Outcome::Run);
        QCOMPARE(options.metrics->metricsUrl(), QStringLiteral("http://[::1]:9301/metrics"));
        options = parse({"--headless", "--metrics", "99999"});
        QCOMPARE(options.outcome, Outcome::Error);
        QVERIFY2(options.message.startsWith(QStringLiteral("--metrics '99999'")), qPrintable(options.message));
        options = parse({"--send", "--metrics", "9300"});
        QCOMPARE(options.outcome, Outcome::Error);
        QVERIFY(!parse({"--headless"}).metrics);
    }

    void fileLinesReadAsKeysAndValues()
    {
        QString error;
        const auto entries = ConfigFile::parse("# a probe\n\n  port = 6000  \nprefix = \"  A \\\"B\\\\ \"\r\n"
                                               "group=239.1.1.2:5002@lo\nprefix = \"\"\n",
                                               QStringLiteral("p.conf"), &error);
        QVERIFY2(entries, qPrintable(error));
        QCOMPARE(entries->size(), 4);
        QCOMPARE(entries->at(0).key, QStringLiteral("port"));
        QCOMPARE(entries->at(0).value, QStringLiteral("6000"));
        QCOMPARE(entries->at(0).line, 3);
        QCOMPARE(entries->at(1).value, QStringLiteral("  A \"B\\ "));
        QVERIFY(entries->at(1).quoted);
        QCOMPARE(entries->at(2).value, QStringLiteral("239.1.1.2:5002@lo"));
        QCOMPARE(entries->at(3).value, QString());
    }

    void fileSyntaxErrorsNameTheLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("no equals") << QByteArray("port 6000\n") << "p.conf:1: expected KEY = VALUE, found 'port 6000'";
        QTest::newRow("bad key") << QByteArray("\n--port = 1\n") << "p.conf:2: '--port' is not a key";
        QTest::newRow("unclosed quote") << QByteArray("prefix = \"ab\n") << "p.conf:1: the value of prefix opens a quote";
        QTest::newRow("text after quote") << QByteArray("prefix = \"a\" b\n") << "p.conf:1: the value of prefix opens a quote";
    }

    void fileSyntaxErrorsNameTheLine()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, error);
        QString reason;
        QVERIFY(!ConfigFile::parse(text, QStringLiteral("p.conf"), &reason));
        QVERIFY2(reason.startsWith(error), qPrintable(reason));
    }

    void fileSettingsUnderTheCommandLine()
    {
        const QString path = write("metrics = 9300\nport = 6000\nstats = 5\njson = true\n"
                                   "group = 239.1.1.2:5002@lo\ngroup = 239.1.1.3\ndatagrams = false\n");
        auto options = parse({"--headless", "--config", path});
        QCOMPARE(options.outcome, Outcome::Run);
        QCOMPARE(options.configFile, path);
        QCOMPARE(options.metrics->port, quint16(9300));
        QCOMPARE(*options.port, quint16(6000));
        QCOMPARE(*options.statsSeconds, 5.0);
        QVERIFY(options.json);
        QVERIFY(!options.datagrams);
        QCOMPARE(options.subscriptionSpecs,
                 (QStringList{QStringLiteral("239.1.1.2:5002@lo"), QStringLiteral("239.1.1.3")}));

        // The command line wins; its groups replace the file's.
        options = parse({"--headless", "--config", path, "--port", "7000", "--metrics", "0.0.0.0:9400",
                         "--group", "239.9.9.9"});
        QCOMPARE(options.outcome, Outcome::Run);
        QCOMPARE(*options.port, quint16(7000));
        QCOMPARE(options.metrics->toString(), QStringLiteral("0.0.0.0:9400"));
        QCOMPARE(*options.group, QHostAddress(QStringLiteral("239.9.9.9")));
        QVERIFY(options.subscriptionSpecs.isEmpty());
    }

    void modeMayComeFromTheFile()
    {
        const QString path = write("headless = true\ncount = 3\n");
        const auto options = parse({"--config", path});
        QCOMPARE(options.outcome, Outcome::Run);
        QCOMPARE(options.mode, Mode::Headless);
        QCOMPARE(*options.count, qint64(3));
    }

    // A stream's rate and size fit with the file's format, whichever line comes first.
    void streamSettingsFromTheFile()
    {
        auto options = parse({"--config", write("send = true\nrate = 5000\nsize = 100\nformat = iperf2\n")});
        QCOMPARE(options.outcome, Outcome::Run);
        QCOMPARE(options.format, PayloadFormat::Iperf2);
        QCOMPARE(*options.rate, qint64(5000));
        QCOMPARE(*options.size, 100);

        const QString path = write("send = true\ninterval = 0.5\nformat = rtp\n");
        options = parse({"--config", path});
        QCOMPARE(options.outcome, Outcome::Error);
        QVERIFY2(options.message.startsWith(path + QStringLiteral(":2: --interval is for --format atu")),
                 qPrintable(options.message));
        // The command line's format wins over the file's, for the check too.
        options = parse({"--send", "--format", "atu", "--config", path});
        QCOMPARE(options.outcome, Outcome::Run);
        QCOMPARE(options.format, PayloadFormat::Atu);
    }

    void badValuesNameFileAndLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("error"); // after "PATH:"
        QTest::newRow("port") << QByteArray("# probe\nport = 70000\n") << "2: port '70000' is not between 1 and 65535";
        QTest::newRow("unknown key") << QByteArray("colour = red\n") << "1: Unknown option 'colour'";
        QTest::newRow("switch") << QByteArray("\n\njson = yes\n") << "3: json is a switch: write json = true or json = false";
        QTest::newRow("metrics") << QByteArray("metrics = localhost:1\n") << "1: --metrics 'localhost:1'";
        QTest::newRow("group") << QByteArray("group = 10.0.0.1\n") << "1: group 10.0.0.1 is not a multicast address";
        QTest::newRow("nested config") << QByteArray("config = other.conf\n") << "1: 'config' is for the command line";
        QTest::newRow("syntax") << QByteArray("port\n") << "1: expected KEY = VALUE";
    }

    void badValuesNameFileAndLine()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, error);
        const QString path = write(text);
        const auto options = parse({"--headless", "--config", path});
        QCOMPARE(options.outcome, Outcome::Error);
        QVERIFY2(options.message.startsWith(path + QLatin1Char(':') + error), qPrintable(options.message));
    }

    void aMissingFileIsAnError()
    {
        const auto options = parse({"--headless", "--config", m_dir.filePath(QStringLiteral("absent.conf"))});
        QCOMPARE(options.outcome, Outcome::Error);
        QVERIFY2(options.message.contains(QStringLiteral("absent.conf")), qPrintable(options.message));
    }
};

QTEST_GUILESS_MAIN(TestConfigArguments)
#include "tst_configarguments.moc"
