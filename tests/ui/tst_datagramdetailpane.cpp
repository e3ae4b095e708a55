#include "DatagramDetailPane.h"
#include "output/DatagramText.h"
#include "output/HexDump.h"

#include "TestDatagrams.h"

#include <QLabel>
#include <QNetworkInterface>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTest>

namespace {

// From 10.1.2.3:40000 with TTL 7, at a fixed time.
ReceivedDatagram sample(const QByteArray &payload)
{
    ReceivedDatagram result =
        TestDatagrams::datagram(IpAddress::fromIPv4(0x0a010203), 40000, 1'700'000'000'123'456, payload);
    result.ttl = 7;
    return result;
}

} // namespace

class TestDatagramDetailPane final : public QObject
{
    Q_OBJECT

private:
    DatagramDetailPane m_pane;

    QString label(const char *name) const
    {
        const auto *found = m_pane.findChild<QLabel *>(QLatin1String(name));
        return found ? found->text() : QStringLiteral("<no label %1>").arg(QLatin1String(name));
    }
    bool rowShown(const char *name) const
    {
        const auto *found = m_pane.findChild<QLabel *>(QLatin1String(name));
        return found && found->isVisibleTo(&m_pane);
    }
    QPlainTextEdit *view(const char *name) const
    {
        return m_pane.findChild<QPlainTextEdit *>(QLatin1String(name));
    }

private slots:
    void init()
    {
        m_pane.clear();
    }

    void showsTheMetadata()
    {
        m_pane.setDatagram(sample("ATU 2022-02-13 09:00:00.123456"));
        QCOMPARE(label("sourceValue"), QStringLiteral("10.1.2.3:40000"));
        QCOMPARE(label("destinationValue"), QStringLiteral("239.1.1.1:5001"));
        QCOMPARE(label("sizeValue"), QStringLiteral("30 bytes"));
        QCOMPARE(label("ttlValue"), QStringLiteral("7"));
        QCOMPARE(label("interfaceValue"), QStringLiteral("not reported"));
        QCOMPARE(label("arrivalValue"), DatagramText::isoTime(1'700'000'000'123'456)
                                            .replace(QLatin1Char('T'), QLatin1Char(' ')));
        QVERIFY(label("arrivalValue").contains(QStringLiteral(".123")));
        QVERIFY(!rowShown("atuTimeValue"));
        QVERIFY(!rowShown("originValue"));
    }

    void namesTheInterface()
    {
        ReceivedDatagram loopback = sample("x");
        loopback.interfaceIndex = 1;
        loopback.ttl = -1;
        m_pane.setDatagram(loopback);
        const QString name = QNetworkInterface::interfaceNameFromIndex(1);
        QVERIFY(label("interfaceValue").contains(QStringLiteral("index 1")));
        if (!name.isEmpty())
            QVERIFY(label("interfaceValue").startsWith(name));
        QCOMPARE(label("ttlValue"), QStringLiteral("not reported"));
        QCOMPARE(label("sizeValue"), QStringLiteral("1 byte"));
    }

    void showsTheAtuTimeAndItsOffset()
    {
        ReceivedDatagram atu = sample("ATU 2023-11-14 23:13:20.100000");
        atu.atuTimeUs = atu.arrivalUs - 23'456; // 23.456 ms in flight
        atu.fromOwnTransmitter = true;
        m_pane.setDatagram(atu);
        QVERIFY(rowShown("atuTimeValue"));
        QCOMPARE(
            label("atuTimeValue"),
            DatagramText::isoTimeUs(*atu.atuTimeUs).replace(QLatin1Char('T'), QLatin1Char(' ')));
        QCOMPARE(label("atuOffsetValue"), QStringLiteral("23.456 ms"));
        const auto *offset = m_pane.findChild<QLabel *>(QStringLiteral("atuOffsetValue"));
        QVERIFY(offset->toolTip().contains(QStringLiteral("local time")));
        QVERIFY(rowShown("originValue"));
        QCOMPARE(label("originValue"), QStringLiteral("from our transmitter"));

        m_pane.setDatagram(sample("plain"));
        QVERIFY(!rowShown("atuOffsetValue"));
        QVERIFY(!rowShown("originValue"));
    }

    void showsThePayloadAsHexAndText()
    {
        const QByteArray payload("ATU 2022-02-13 09:00:00.123456\r\n\x01", 33);
        m_pane.setDatagram(sample(payload));
        QCOMPARE(view("hexView")->toPlainText(), HexDump::format(payload, 16, 4));
        QVERIFY(view("hexView")->toPlainText().startsWith(QStringLiteral("0000  41 54 55 20")));
        QCOMPARE(view("textView")->toPlainText(),
                 QStringLiteral("ATU 2022-02-13 09:00:00.123456\\r\\n\\x01"));
        QVERIFY(view("hexView")->isReadOnly());
        QVERIFY(view("textView")->isReadOnly());
        QVERIFY(view("hexView")->textInteractionFlags() & Qt::TextSelectableByMouse);
        // Every character as wide as any other, so the columns line up.
        const QFontMetrics metrics(view("hexView")->font());
        const int advance = metrics.horizontalAdvance(QLatin1Char('i'));
        for (const char character : {'.', '0', 'W', '|', ' '})
            QCOMPARE(metrics.horizontalAdvance(QLatin1Char(character)), advance);
    }

    void showsMarkupLiterally()
    {
        m_pane.setDatagram(sample("<b>x</b>"));
        QCOMPARE(view("textView")->toPlainText(), QStringLiteral("<b>x</b>"));
        QVERIFY(view("hexView")->toPlainText().endsWith(QStringLiteral("|<b>x</b>|")));
        for (const QLabel *each : m_pane.findChildren<QLabel *>())
            QCOMPARE(each->textFormat(), Qt::PlainText);
    }

    void showsTheLargestDatagramWhole()
    {
        m_pane.setDatagram(sample(QByteArray(65'507, 'z')));
        QCOMPARE(view("hexView")->blockCount(), 4095);
        QCOMPARE(label("sizeValue"), QStringLiteral("65507 bytes"));
        QCOMPARE(view("textView")->toPlainText().size(), 65'507);
    }

    void narrowPaneDumpsEightBytesALine()
    {
        const QByteArray payload(32, 'a');
        m_pane.resize(1000, 700);
        m_pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&m_pane));
        m_pane.setDatagram(sample(payload));
        QCOMPARE(m_pane.bytesPerLine(), 16);
        QCOMPARE(view("hexView")->toPlainText(), HexDump::format(payload, 16, 4));
        QCOMPARE(view("hexView")->horizontalScrollBar()->maximum(), 0);
        m_pane.resize(m_pane.minimumSizeHint().width(), 700);
        QCOMPARE(m_pane.bytesPerLine(), 8);
        QCOMPARE(view("hexView")->toPlainText(), HexDump::format(payload, 8, 4));
        // At its narrowest a whole line is in view, its characters too: nothing to scroll.
        QPlainTextEdit *hex = view("hexView");
        QTRY_COMPARE(hex->horizontalScrollBar()->maximum(), 0);
        const QFontMetrics metrics(hex->font());
        const int lineWidth =
            metrics.horizontalAdvance(hex->toPlainText().section(QLatin1Char('\n'), 0, 0));
        QVERIFY(lineWidth + 2 * hex->document()->documentMargin() <= hex->viewport()->width());
        m_pane.resize(1000, 700);
        QCOMPARE(view("hexView")->toPlainText(), HexDump::format(payload, 16, 4));
        m_pane.hide();
    }

    // Long enough for a vertical scroll bar: the lines still fit beside it.
    void aLongPayloadNeedsNoSidewaysScrolling()
    {
        m_pane.resize(m_pane.minimumSizeHint().width(), 500);
        m_pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&m_pane));
        m_pane.setDatagram(sample(QByteArray(1400, '\x7f')));
        QPlainTextEdit *hex = view("hexView");
        QVERIFY(hex->verticalScrollBar()->maximum() > 0);
        QTRY_COMPARE(hex->horizontalScrollBar()->maximum(), 0);
        m_pane.hide();
    }

    void clearEmptiesEverything()
    {
        m_pane.setDatagram(sample("hello"));
        m_pane.clear();
        QCOMPARE(label("sourceValue"), QStringLiteral("–"));
        QVERIFY(view("hexView")->toPlainText().isEmpty());
        QVERIFY(view("textView")->toPlainText().isEmpty());
    }
};

QTEST_MAIN(TestDatagramDetailPane)
#include "tst_datagramdetailpane.moc"
