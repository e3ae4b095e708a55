#include "TestNetwork.h"
#include "TransmitPanel.h"
#include "net/Transmitter.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>

namespace {

struct Harness
{
    Harness()
        : panel(transmitter)
    {
        panel.show();
    }

    template<typename T> T *find(const char *name)
    {
        T *child = panel.findChild<T *>(QLatin1String(name));
        if (!child)
            qFatal("no %s", name);
        return child;
    }

    void clickTransmit() { QTest::mouseClick(find<QPushButton>("transmitButton"), Qt::LeftButton); }

    // Types into a line edit and confirms with Return, as a user does.
    void type(const char *name, const QString &text)
    {
        auto *edit = find<QLineEdit>(name);
        edit->clear();
        QTest::keyClicks(edit, text);
        QTest::keyClick(edit, Qt::Key_Return);
    }

    Transmitter transmitter;
    TransmitPanel panel;
};

TransmitConfig loopbackConfig(quint16 port)
{
    TransmitConfig config;
    config.port = port;
    config.interfaceSpec = QStringLiteral("127.0.0.1");
    config.interval = std::chrono::milliseconds(20);
    return config;
}

} // namespace

class TestTransmitPanel final : public QObject
{
    Q_OBJECT

private slots:
    void showsTheDefaults()
    {
        Harness harness;
        harness.panel.setConfig(TransmitConfig{});
        QCOMPARE(harness.find<QLineEdit>("transmitGroupEdit")->text(), QStringLiteral("239.1.1.1"));
        QCOMPARE(harness.find<QSpinBox>("transmitPortSpin")->value(), 5001);
        QCOMPARE(harness.find<QSpinBox>("ttlSpin")->value(), 1);
        QCOMPARE(harness.find<QSpinBox>("ttlSpin")->maximum(), 255);
        QCOMPARE(harness.find<QCheckBox>("loopbackCheck")->isChecked(), true);
        QCOMPARE(harness.find<QDoubleSpinBox>("intervalSpin")->value(), 1.0);
        QCOMPARE(harness.find<QDoubleSpinBox>("intervalSpin")->minimum(), 0.001);
        QCOMPARE(harness.find<QDoubleSpinBox>("intervalSpin")->maximum(), 86400.0);
        QCOMPARE(harness.find<QDoubleSpinBox>("intervalSpin")->text(), QStringLiteral("1 s"));
        QCOMPARE(harness.find<QLineEdit>("prefixEdit")->text(), QStringLiteral("ATU"));
        QCOMPARE(harness.find<QPushButton>("transmitButton")->text(),
                 QStringLiteral("Start &sending"));
        QCOMPARE(harness.find<QLabel>("lastMessageLabel")->textFormat(), Qt::PlainText);
        QCOMPARE(harness.find<QLabel>("lastErrorLabel")->textFormat(), Qt::PlainText);
    }

    void fieldsMakeTheConfiguration()
    {
        Harness harness;
        TransmitConfig config = loopbackConfig(6001);
        config.group = QHostAddress(QStringLiteral("239.7.7.7"));
        config.ttl = 9;
        config.loopback = false;
        config.interval = std::chrono::milliseconds(50);
        config.prefix = QStringLiteral("HB");
        harness.panel.setConfig(config);
        const auto read = harness.panel.validatedConfig();
        QVERIFY(read);
        QCOMPARE(read->group, config.group);
        QCOMPARE(read->port, config.port);
        QCOMPARE(read->interfaceSpec, config.interfaceSpec);
        QCOMPARE(read->ttl, 9);
        QCOMPARE(read->loopback, false);
        QCOMPARE(read->interval, std::chrono::milliseconds(50));
        QCOMPARE(read->prefix, QStringLiteral("HB"));
    }

    // The command line's interval is kept to the microsecond: 1.5 ms is not 2 ms.
    void intervalsKeepTheirMicroseconds()
    {
        Harness harness;
        TransmitConfig config = loopbackConfig(6001);
        config.interval = std::chrono::microseconds(1500);
        harness.panel.setConfig(config);
        QCOMPARE(harness.find<QDoubleSpinBox>("intervalSpin")->text(), QStringLiteral("0.0015 s"));
        const auto read = harness.panel.validatedConfig();
        QVERIFY(read);
        QCOMPARE(qint64(read->interval.count()), qint64(1500));
    }

    void invalidGroupIsRefusedInline()
    {
        Harness harness;
        harness.panel.setConfig(loopbackConfig(6002));
        QSignalSpy accepted(&harness.panel, &TransmitPanel::configAccepted);
        harness.type("transmitGroupEdit", QStringLiteral("239.1.1"));
        harness.clickTransmit();
        auto *error = harness.find<QLabel>("transmitGroupErrorLabel");
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("not an IPv4 address")),
                 qPrintable(error->text()));
        QVERIFY(!harness.transmitter.isRunning());
        QCOMPARE(accepted.count(), 0);
        QCOMPARE(harness.find<QPushButton>("transmitButton")->text(),
                 QStringLiteral("Start &sending"));
    }

    void linkLocalGroupIsAWarningOnly()
    {
        Harness harness;
        harness.panel.setConfig(loopbackConfig(6003));
        QSignalSpy accepted(&harness.panel, &TransmitPanel::configAccepted);
        harness.type("transmitGroupEdit", QStringLiteral("224.0.0.99"));
        QVERIFY(harness.find<QLabel>("transmitGroupErrorLabel")
                    ->text()
                    .contains(QStringLiteral("link-local")));
        QCOMPARE(accepted.count(), 1);
        QCOMPARE(accepted.at(0).at(0).value<TransmitConfig>().group,
                 QHostAddress(QStringLiteral("224.0.0.99")));
        QVERIFY(!harness.transmitter.isRunning()); // an edit is not a start
    }

    void missingInterfaceIsRefusedInline()
    {
        Harness harness;
        TransmitConfig config = loopbackConfig(6004);
        config.interfaceSpec = QStringLiteral("nosuch0");
        harness.panel.setConfig(config);
        harness.clickTransmit();
        QVERIFY(harness.find<QLabel>("transmitInterfaceErrorLabel")->isVisible());
        QVERIFY(!harness.transmitter.isRunning());
    }

    void transmitterFailureIsShown()
    {
        Harness harness;
        TransmitConfig config = loopbackConfig(6005);
        config.interfaceSpec = QStringLiteral("nosuch0");
        QVERIFY(!harness.transmitter.start(config)); // fails before any socket exists
        auto *error = harness.find<QLabel>("lastErrorLabel");
        QVERIFY2(error->text().contains(QStringLiteral("nosuch0")), qPrintable(error->text()));
    }

    void sendsAndStops()
    {
        REQUIRE_PRIVATE_NETWORK();
        Harness harness;
        harness.panel.setConfig(loopbackConfig(TestNetwork::freshPort(10)));
        QSignalSpy accepted(&harness.panel, &TransmitPanel::configAccepted);
        harness.clickTransmit();
        QVERIFY(harness.transmitter.isRunning());
        QCOMPARE(accepted.count(), 1);
        QCOMPARE(harness.find<QPushButton>("transmitButton")->text(),
                 QStringLiteral("Stop &sending"));
        auto *sent = harness.find<QLabel>("sentCountLabel");
        QTRY_VERIFY(sent->text().toInt() >= 3);
        QVERIFY(
            harness.find<QLabel>("lastMessageLabel")->text().startsWith(QStringLiteral("ATU ")));

        harness.clickTransmit();
        QVERIFY(!harness.transmitter.isRunning());
        QCOMPARE(sent->text().toLongLong(), harness.transmitter.sentCount());
        QCOMPARE(harness.find<QPushButton>("transmitButton")->text(),
                 QStringLiteral("Start &sending"));
    }

    void editsApplyWhileSending()
    {
        REQUIRE_PRIVATE_NETWORK();
        Harness harness;
        harness.panel.setConfig(loopbackConfig(TestNetwork::freshPort(11)));
        harness.clickTransmit();
        QTRY_VERIFY(harness.transmitter.sentCount() >= 1);
        QSignalSpy restarted(&harness.transmitter, &Transmitter::started);
        harness.type("prefixEdit", QStringLiteral("HB"));
        QCOMPARE(restarted.count(), 1);
        QVERIFY(harness.transmitter.isRunning());
        QTRY_VERIFY(harness.transmitter.lastMessage().startsWith(QStringLiteral("HB ")));
        harness.clickTransmit();
    }
};

QTEST_MAIN(TestTransmitPanel)
#include "tst_transmitpanel.moc"
