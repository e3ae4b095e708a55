#include "generators/StreamFormats.h"
#include "generators/StreamWriter.h"

#include <QTest>

class TestStreamFormats final : public QObject
{
    Q_OBJECT

private slots:
    void defaultsFitAnEthernetFrame()
    {
        QCOMPARE(StreamFormats::defaultSize(PayloadFormat::Rtp), 1328);
        QCOMPARE(StreamFormats::defaultSize(PayloadFormat::MpegTs), 1316);
        QCOMPARE(StreamFormats::defaultSize(PayloadFormat::Iperf2), 1470);
        for (const PayloadFormat format : {PayloadFormat::Rtp, PayloadFormat::MpegTs, PayloadFormat::Iperf2}) {
            const int size = StreamFormats::defaultSize(format);
            QVERIFY(!StreamFormats::sizeError(format, size, false));
            QVERIFY(!StreamFormats::rateError(format, StreamFormats::defaultRate, size));
            const auto writer = StreamFormats::createWriter(format, size, StreamFormats::defaultRate);
            QVERIFY(writer);
            QCOMPARE(writer->datagramSize(), size);
        }
    }

    void whatCanBeSent()
    {
        QVERIFY(StreamFormats::isSendable(PayloadFormat::Atu));
        QVERIFY(!StreamFormats::isStream(PayloadFormat::Atu));
        QVERIFY(StreamFormats::isStream(PayloadFormat::RtpMpegTs));
        QVERIFY(!StreamFormats::isSendable(PayloadFormat::Raw));
        QVERIFY(!StreamFormats::isSendable(PayloadFormat::Mcjoin));
        QVERIFY(!StreamFormats::createWriter(PayloadFormat::Atu, 100, 1));
    }

    void sizesAreChecked_data()
    {
        QTest::addColumn<PayloadFormat>("format");
        QTest::addColumn<int>("size");
        QTest::addColumn<bool>("ipv6");
        QTest::addColumn<QString>("error"); // empty: accepted

        const auto ts = PayloadFormat::MpegTs;
        const auto rtp = PayloadFormat::Rtp;
        const auto iperf = PayloadFormat::Iperf2;
        QTest::newRow("one TS packet") << ts << 188 << false << "";
        QTest::newRow("TS below a packet") << ts << 187 << false << "size 187 is not a whole number of 188-byte TS packets";
        QTest::newRow("TS not whole") << ts << 1000 << false << "(188, 376, … 65424; 1316 holds 7)";
        QTest::newRow("TS largest") << ts << 65424 << false << "";
        QTest::newRow("RTP one packet") << rtp << 200 << false << "";
        QTest::newRow("RTP without header") << rtp << 1316 << false
                                            << "a 12-byte RTP header and a whole number of 188-byte TS packets";
        QTest::newRow("RTP largest") << rtp << 65436 << true << "";
        QTest::newRow("iperf smallest") << iperf << 20 << false << "";
        QTest::newRow("iperf too small") << iperf << 19 << false << "size 19 is below 20, iperf 2's header";
        QTest::newRow("IPv4 largest") << iperf << 65507 << false << "";
        QTest::newRow("IPv4 too large") << iperf << 65508 << false
                                        << "size 65508 is above 65507, the most a UDP datagram holds over IPv4";
        QTest::newRow("IPv6 largest") << iperf << 65527 << true << "";
        QTest::newRow("IPv6 too large") << iperf << 65528 << true << "above 65527";
    }

    void sizesAreChecked()
    {
        QFETCH(PayloadFormat, format);
        QFETCH(int, size);
        QFETCH(bool, ipv6);
        QFETCH(QString, error);
        const auto reason = StreamFormats::sizeError(format, size, ipv6);
        if (error.isEmpty()) {
            QVERIFY2(!reason, qPrintable(reason.value_or(QString())));
            return;
        }
        QVERIFY(reason);
        QVERIFY2(reason->contains(error), qPrintable(*reason));
    }

    void ratesAreChecked()
    {
        QVERIFY(StreamFormats::rateError(PayloadFormat::Iperf2, 0, 1470));
        QVERIFY(StreamFormats::rateError(PayloadFormat::Iperf2, -5, 1470));
        QVERIFY(StreamFormats::rateError(PayloadFormat::Iperf2, 1'000'001, 1470));
        QVERIFY(!StreamFormats::rateError(PayloadFormat::Iperf2, 1, 1470));
        QVERIFY(!StreamFormats::rateError(PayloadFormat::Iperf2, 1'000'000, 1470));
        // A transport stream needs room for its tables and audio: 100 TS packets/s.
        const auto slow = StreamFormats::rateError(PayloadFormat::MpegTs, 14, 1316);
        QVERIFY(slow);
        QVERIFY2(slow->contains(QStringLiteral("98 TS packets/s")), qPrintable(*slow));
        QVERIFY(!StreamFormats::rateError(PayloadFormat::MpegTs, 15, 1316));
        QVERIFY(StreamFormats::rateError(PayloadFormat::Rtp, 99, 200));
        QVERIFY(!StreamFormats::rateError(PayloadFormat::Rtp, 100, 200));
    }
};

QTEST_GUILESS_MAIN(TestStreamFormats)
#include "tst_streamformats.moc"
