#include "output/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestJsonWriter final : public QObject
{
    Q_OBJECT

private slots:
    void keepsKeysInTheOrderWritten()
    {
        JsonWriter json;
        json.beginObject().key("z").value(1).key("a").value("x").key("list").beginArray()
            .value(1).value(2).endArray().key("none").null().key("yes").value(true).endObject();
        QCOMPARE(json.bytes(), QByteArray(R"({"z":1,"a":"x","list":[1,2],"none":null,"yes":true})"));
    }

    void writesNumbersPlainly()
    {
        JsonWriter json;
        json.beginArray().value(12.5).value(0.0).value(-0.0001).value(1.0 / 3.0)
            .value(qInf()).value(qQNaN()).value(std::optional<double>()).value(qint64(1) << 40).endArray();
        QCOMPARE(json.bytes(), QByteArray("[12.5,0.0,0.0,0.333,null,null,null,1099511627776]"));
    }

    void escapesEveryStringSoTheResultParses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("quotes and backslash") << QStringLiteral(R"(say "hi" \ bye)");
        QTest::newRow("controls") << QString::fromLatin1("\x01\x1b[2J\n\r\t\x7f", 8);
        QTest::newRow("nul") << QString(QChar(0));
        QTest::newRow("non-ascii") << QString::fromUtf8("café € 😀");
        QTest::newRow("line separator") << QString(QChar(0x2028));
        QTest::newRow("markup") << QStringLiteral("<script>alert(1)</script>");
    }

    void escapesEveryStringSoTheResultParses()
    {
        QFETCH(QString, text);
        JsonWriter json;
        json.beginObject().key("s").value(text).endObject();
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(json.bytes(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(object.value(QStringLiteral("s")).toString(), text);
        QVERIFY(!json.bytes().contains('\n'));
    }

    // Characters that split or hide a line in some reader stay escapes in the output bytes.
    void escapesInvisibleAndLineBreakingCharacters_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("written");
        QTest::newRow("DEL") << QString(QChar(0x7f)) << QByteArray(R"("\u007f")");
        QTest::newRow("C1 NEL") << QString(QChar(0x85)) << QByteArray(R"("\u0085")");
        QTest::newRow("C1 CSI") << QString(QChar(0x9b)) << QByteArray(R"("\u009b")");
        QTest::newRow("line separator") << QString(QChar(0x2028)) << QByteArray(R"("\u2028")");
        QTest::newRow("paragraph separator") << QString(QChar(0x2029)) << QByteArray(R"("\u2029")");
        QTest::newRow("byte-order mark") << QString(QChar(0xfeff)) << QByteArray(R"("\ufeff")");
        QTest::newRow("ESC") << QString(QChar(0x1b)) << QByteArray(R"("\u001b")");
        QTest::newRow("after C1: plain") << QString(QChar(0xa0)) << QByteArray("\"\xc2\xa0\"");
    }

    void escapesInvisibleAndLineBreakingCharacters()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, written);
        JsonWriter json;
        json.value(text);
        QCOMPARE(json.bytes(), written);
        QCOMPARE(QJsonDocument::fromJson("[" + json.bytes() + "]").array().at(0).toString(), text);
    }

    void replacesLoneSurrogates()
    {
        JsonWriter json;
        json.value(QString(QChar(0xd800)) + QLatin1Char('x'));
        QCOMPARE(json.bytes(), QByteArray(R"("\ufffdx")"));
    }
};

QTEST_APPLESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
