#include "output/PayloadFormatter.h"

#include <QTest>

class TestPayloadFormatter final : public QObject
{
    Q_OBJECT

private slots:
    void keepsPrintableText()
    {
        QCOMPARE(PayloadFormatter::escapedText("ATU 2022-02-13 09:05:07.123456"),
                 QStringLiteral("ATU 2022-02-13 09:05:07.123456"));
        QCOMPARE(PayloadFormatter::escapedText("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"),
                 QString::fromUtf8("café € 😀"));
    }

    void escapesControlBytes()
    {
        QCOMPARE(PayloadFormatter::escapedText(QByteArray("a\nb\r\tc\\d\x1b[31m\x7f", 14)),
                 QStringLiteral("a\\nb\\r\\tc\\\\d\\x1b[31m\\x7f"));
        QCOMPARE(PayloadFormatter::escapedText(QByteArray("\0x\0", 3)), QStringLiteral("\\x00x\\x00"));
    }

    void escapesInvalidUtf8ByteByByte_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("lone continuation") << QByteArray("\x80") << QStringLiteral("\\x80");
        QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << QStringLiteral("\\xc0\\xaf");
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << QStringLiteral("\\xed\\xa0\\x80");
        QTest::newRow("truncated") << QByteArray("\xe2\x82") << QStringLiteral("\\xe2\\x82");
        QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80")
                                        << QStringLiteral("\\xf4\\x90\\x80\\x80");
        QTest::newRow("latin-1") << QByteArray("caf\xe9") << QStringLiteral("caf\\xe9");
    }

    void escapesInvalidUtf8ByteByByte()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QCOMPARE(PayloadFormatter::escapedText(bytes), expected);
    }

    void escapesInvisibleAndDirectionalCharacters()
    {
        // U+202E RIGHT-TO-LEFT OVERRIDE, U+200B ZERO WIDTH SPACE, U+2028 LINE SEPARATOR
        QCOMPARE(PayloadFormatter::escapedText("a\xe2\x80\xae" "b\xe2\x80\x8b" "c\xe2\x80\xa8"),
                 QStringLiteral("a\\u{202e}b\\u{200b}c\\u{2028}"));
    }

    void leavesMarkupAsText()
    {
        QCOMPARE(PayloadFormatter::escapedText("<b>x</b><img src=a>"), QStringLiteral("<b>x</b><img src=a>"));
    }

    void truncatesWithAMarker()
    {
        QCOMPARE(PayloadFormatter::escapedText("abcdef", 3), QStringLiteral("abc…"));
        QCOMPARE(PayloadFormatter::hex("\x01\x02\x03\x04", 2), QStringLiteral("01 02…"));
        QCOMPARE(PayloadFormatter::escapedText("abc", 3), QStringLiteral("abc"));
    }

    void showsBinaryAsHex()
    {
        const QByteArray binary("\x00\x01\x02\x03\xff", 5);
        QVERIFY(PayloadFormatter::looksBinary(binary));
        QCOMPARE(PayloadFormatter::forDisplay(binary, 100), QStringLiteral("00 01 02 03 ff"));
        QVERIFY(!PayloadFormatter::looksBinary("plain text\n"));
        QVERIFY(!PayloadFormatter::looksBinary("caf\xc3\xa9 cr\xc3\xa8" "me br\xc3\xbb" "l\xc3\xa9" "e"));
        // Random high bytes are mostly invalid UTF-8 even without control bytes.
        QVERIFY(PayloadFormatter::looksBinary("\x86g\xb7\xb2\xb4\xdd\xf7\xaa\xcb\xfe"));
        QVERIFY(!PayloadFormatter::looksBinary(QByteArray()));
        QCOMPARE(PayloadFormatter::forDisplay("plain\ttext", 100), QStringLiteral("plain\\ttext"));
    }
};

QTEST_APPLESS_MAIN(TestPayloadFormatter)
#include "tst_payloadformatter.moc"
