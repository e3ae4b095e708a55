#include "DatagramTableModel.h"
#include "output/DatagramText.h"
#include "output/HexDump.h"
#include "output/PayloadFormatter.h"
#include "session/ReceivePipeline.h"

#include "LoopbackFlood.h"
#include "TestDatagrams.h"
#include "TestNetwork.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

#include <algorithm>
#include <numeric>

#include <memory>
#include <optional>

// Hostile payloads sent through loopback to the receive pipeline, the way a datagram from
// anyone on the network arrives: every byte is kept, and every way of showing them (table,
// tool tip, console line, JSON, the headless program's output) is inert text.
namespace {

const QByteArray largestPayload = [] {
    QByteArray bytes;
    while (bytes.size() < 65507)
        bytes += "<b>x</b>\x1b[2J\x9b\xe2\x80\xae ";
    bytes.truncate(65507); // the largest UDP payload over IPv4
    return bytes;
}();

// Raw bytes a terminal could act on: C0 controls (newlines between lines when allowed),
// DEL, 0x9b (C1 CSI; no payload here has a character whose UTF-8 holds that byte) and the
// right-to-left override.
QByteArray activeBytesIn(const QByteArray &text, bool allowNewline = false)
{
    QByteArray found;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && !(allowNewline && byte == '\n')) || byte == 0x7f || byte == 0x9b)
            found += "\\x" + QByteArray::number(byte, 16);
    }
    if (text.contains("\xe2\x80\xae"))
        found += " U+202E";
    return found;
}

// Control and format characters in text meant for a widget.
bool isInert(const QString &text)
{
    for (const char32_t codePoint : text.toUcs4()) {
        const auto category = QChar::category(codePoint);
        if (category == QChar::Other_Control || category == QChar::Other_Format
            || category == QChar::Separator_Line || category == QChar::Separator_Paragraph)
            return false;
    }
    return true;
}

// What a tool tip shows once Qt has read it as rich text, newlines aside (long lines wrap).
QString renderedToolTip(const QString &toolTip)
{
    QTextDocument document;
    document.setHtml(toolTip);
    return document.toPlainText().remove(QLatin1Char('\n'));
}

QJsonObject parsedJson(const QByteArray &line)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qWarning("not a JSON object: %s", line.left(200).constData());
    return document.object();
}

} // namespace

class TestUntrustedPayloads final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ReceivePipeline> m_pipeline;
    std::unique_ptr<DatagramTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    quint16 m_port = 0;
    DatagramBatch m_received;
    QTemporaryDir m_config; // keeps the user's saved settings out of the headless runs

    // Sends payload on loopback and returns it as the pipeline received it.
    std::optional<ReceivedDatagram> sendAndReceive(const QByteArray &payload)
    {
        const auto before = m_received.size();
        if (!TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QStringLiteral("239.1.1.1"), m_port,
                                   payload))
            return std::nullopt;
        if (!QTest::qWaitFor([&] { return m_received.size() > before; }, 5000)
            || m_received.size() != before + 1)
            return std::nullopt;
        return m_received.last();
    }

    // Runs the real program with arguments while hostile payloads arrive; returns stdout.
    QByteArray runHeadless(QStringList arguments, const QList<QByteArray> &payloads)
    {
        const quint16 port = TestNetwork::freshPort(62);
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
        process.setProcessEnvironment(environment);
        arguments << "--headless"
                  << "--count" << QString::number(payloads.size()) << "--port"
                  << QString::number(port);
        process.start(QStringLiteral(MCAST_MONITOR_BINARY), arguments);
        QByteArray errors;
        if (!QTest::qWaitFor(
                [&] { return (errors += process.readAllStandardError()).contains("Listening to"); },
                5000))
            return "not listening: " + errors;
        for (const QByteArray &payload : payloads)
            TestNetwork::sendFrom(QStringLiteral("127.0.0.1"), QStringLiteral("239.1.1.1"), port,
                                  payload);
        if (!process.waitForFinished(10000) || process.exitCode() != 0)
            return "did not finish with exit code 0";
        return process.readAllStandardOutput();
    }

    static QList<QByteArray> hostilePayloads()
    {
        return {"\x1b[2J\x1b[H",
                "\x1b]0;owned title\x07",
                "carriage\rreturn",
                "back\b\b\b\bspace",
                QByteArray("nul\0byte", 8),
                "\x9b"
                "31mC1 CSI",
                "\xc2\x9b"
                "31mC1 CSI as UTF-8",
                "\xe2\x80\xae"
                "fdp.exe",
                "<b>x</b><img src=x>",
                "caf\xe9 \xc0\xaf \xed\xa0\x80",
                ""};
    }

private slots:
    void initTestCase()
    {
        REQUIRE_PRIVATE_NETWORK();
        QVERIFY(m_config.isValid());
        m_port = TestNetwork::freshPort(61);
        m_pipeline = std::make_unique<ReceivePipeline>();
        m_model = std::make_unique<DatagramTableModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        connect(m_pipeline.get(), &ReceivePipeline::batchRecorded, this,
                [this](const DatagramBatch &batch) {
                    m_received.append(batch);
                    m_model->appendBatch(batch);
                });
        QVERIFY(LoopbackFlood::startListening(*m_pipeline, m_port));
    }

    void cleanupTestCase()
    {
        m_tester.reset();
        m_model.reset();
        m_pipeline.reset();
    }

    void arrivesExactAndShowsAsInertText_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("escaped"); // PayloadFormatter::escapedText
        QTest::addColumn<QString>("cell");    // the table's Payload column

        QTest::newRow("bold markup")
            << QByteArray("<b>x</b>") << QStringLiteral("<b>x</b>") << QStringLiteral("<b>x</b>");
        QTest::newRow("image markup") << QByteArray("<img src=x onerror=alert(1)>")
                                      << QStringLiteral("<img src=x onerror=alert(1)>")
                                      << QStringLiteral("<img src=x onerror=alert(1)>");
        QTest::newRow("clear screen")
            << QByteArray("\x1b[2J\x1b[Hhello") << QStringLiteral("\\x1b[2J\\x1b[Hhello")
            << QStringLiteral("\\x1b[2J\\x1b[Hhello");
        QTest::newRow("terminal title")
            << QByteArray("\x1b]0;owned\x07") << QStringLiteral("\\x1b]0;owned\\x07")
            << QStringLiteral("\\x1b]0;owned\\x07");
        QTest::newRow("line tricks") << QByteArray("ok\rEVIL\b\b\b\bnew\nline")
                                     << QStringLiteral("ok\\rEVIL\\x08\\x08\\x08\\x08new\\nline")
                                     << QStringLiteral("ok\\rEVIL\\x08\\x08\\x08\\x08new\\nline");
        QTest::newRow("NUL bytes")
            << QByteArray("nul\0in\0the middle", 17) << QStringLiteral("nul\\x00in\\x00the middle")
            << QStringLiteral("nul\\x00in\\x00the middle");
        QTest::newRow("C1 CSI") << QByteArray("\x9b"
                                              "31mred \xc2\x9b"
                                              "0m")
                                << QStringLiteral("\\x9b31mred \\u{009b}0m")
                                << QStringLiteral("\\x9b31mred \\u{009b}0m");
        QTest::newRow("right-to-left override") << QByteArray("invoice\xe2\x80\xae"
                                                              "fdp.exe")
                                                << QStringLiteral("invoice\\u{202e}fdp.exe")
                                                << QStringLiteral("invoice\\u{202e}fdp.exe");
        QTest::newRow("invalid UTF-8")
            << QByteArray("caf\xe9 \xc0\xaf \xed\xa0\x80 \xff")
            << QStringLiteral("caf\\xe9 \\xc0\\xaf \\xed\\xa0\\x80 \\xff")
            << QStringLiteral("63 61 66 e9 20 c0 af 20 ed a0 80 20 ff");
        QTest::newRow("empty") << QByteArray() << QString() << QString();
    }

    void arrivesExactAndShowsAsInertText()
    {
        QFETCH(QByteArray, payload);
        QFETCH(QString, escaped);
        QFETCH(QString, cell);
        const qint64 bytesBefore = m_pipeline->statistics().totals().bytes;

        const auto received = sendAndReceive(payload);
        QVERIFY(received);
        const ReceivedDatagram &datagram = *received;
        QCOMPARE(datagram.payload, payload);
        QCOMPARE(m_pipeline->statistics().totals().bytes - bytesBefore, qint64(payload.size()));
        QCOMPARE(PayloadFormatter::escapedText(datagram.payload), escaped);
        QCOMPARE(PayloadFormatter::forDisplay(datagram.payload,
                                              DatagramTableModel::displayedPayloadBytes),
                 cell);

        const QByteArray console = DatagramText::consoleLine(datagram);
        QVERIFY2(activeBytesIn(console).isEmpty(), activeBytesIn(console).constData());
        QVERIFY2(console.endsWith(" bytes " + escaped.toUtf8()), console.constData());
        QVERIFY(console.contains(" " + QByteArray::number(payload.size()) + " bytes"));

        const QByteArray json = DatagramText::jsonLine(datagram);
        QVERIFY2(activeBytesIn(json).isEmpty(), activeBytesIn(json).constData());
        const QJsonObject object = parsedJson(json);
        QCOMPARE(object.size(), 14);
        QCOMPARE(object["size"].toInt(-1), payload.size());
        QCOMPARE(object["payload"].toString(), escaped);
        QVERIFY(isInert(object["payload"].toString()));
        QCOMPARE(QByteArray::fromHex(object["payload_hex"].toString().toLatin1()), payload);
        QCOMPARE(object["payload_hex"].toString().size(), 2 * payload.size());

        // The same datagram in the window's table: the cell is plain text as above, and the
        // tool tip, which Qt reads as rich text, shows the escaped payload literally.
        const int row = m_model->rowCount() - 1;
        QCOMPARE(m_model->data(m_model->index(row, DatagramTableModel::Payload)).toString(), cell);
        QCOMPARE(m_model
                     ->data(m_model->index(row, DatagramTableModel::Payload),
                            DatagramTableModel::PayloadRole)
                     .toByteArray(),
                 payload);
        const QString toolTip =
            m_model->data(m_model->index(row, DatagramTableModel::Payload), Qt::ToolTipRole)
                .toString();
        QVERIFY(isInert(QString(toolTip).remove(QLatin1Char('\n'))));
        if (!PayloadFormatter::looksBinary(payload))
            QCOMPARE(renderedToolTip(toolTip),
                     QStringLiteral("%1 bytes").arg(payload.size()) + escaped);
        if (Qt::mightBeRichText(toolTip))
            QVERIFY2(!toolTip.contains(QLatin1String("<b>x"))
                         && !toolTip.contains(QLatin1String("<img")),
                     qPrintable(toolTip));
    }

    void onlyWellFormedAtuMessagesAreDecoded_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<bool>("decoded");
        QTest::newRow("well formed") << QByteArray("ATU 2022-02-13 09:05:07.123456") << true;
        QTest::newRow("no fraction") << QByteArray("ATU 2022-02-13 09:05:07") << true;
        // Found by fuzzing: a year that is not four digits read as 1 BC, and a leading
        // byte-order mark that QString::fromUtf8() hid from the prefix comparison.
        QTest::newRow("year not digits") << QByteArray("ATU ab12-02-13 09:05:07") << false;
        QTest::newRow("byte-order mark") << QByteArray("\xef\xbb\xbf"
                                                       "ATU 2022-02-13 09:05:07")
                                         << false;
        QTest::newRow("zero fraction") << QByteArray("ATU 2022-02-13 09:05:07.000000") << false;
        QTest::newRow("NUL in prefix") << QByteArray("AT\0U 2022-02-13 09:05:07", 24) << false;
    }

    void onlyWellFormedAtuMessagesAreDecoded()
    {
        QFETCH(QByteArray, payload);
        QFETCH(bool, decoded);
        const auto received = sendAndReceive(payload);
        QVERIFY(received);
        QCOMPARE(received->payload, payload);
        QCOMPARE(received->atuTimeUs.has_value(), decoded);
        const QJsonObject object = parsedJson(DatagramText::jsonLine(*received));
        QCOMPARE(object["atu_time"].isString(), decoded);
        QCOMPARE(object["atu_offset_ms"].isDouble(), decoded);
    }

    void markupIsLiteralInTheTableModel()
    {
        // Without sockets: the model alone, for every markup Qt's rich-text guess would take.
        DatagramTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        const QList<QByteArray> payloads{"<b>x</b>", "<img src=x>", "<qt>plain?</qt>",
                                         "<!DOCTYPE html><html><body>x", "&lt;b&gt;"};
        DatagramBatch batch;
        for (const QByteArray &payload : payloads)
            batch.append(
                TestDatagrams::datagram(IpAddress::fromIPv4(0x7f000001), 40000, 1'700'000'000'000'000, payload));
        model.appendBatch(batch);
        for (int row = 0; row < payloads.size(); ++row) {
            const QModelIndex index = model.index(row, DatagramTableModel::Payload);
            const QString text = QString::fromLatin1(payloads[row]);
            QCOMPARE(model.data(index, Qt::DisplayRole).toString(), text);
            const QString toolTip = model.data(index, Qt::ToolTipRole).toString();
            // Either plain text, or rich text whose markup is all escaped.
            QVERIFY2(!Qt::mightBeRichText(toolTip) || !toolTip.contains(text), qPrintable(toolTip));
            QCOMPARE(renderedToolTip(toolTip), QStringLiteral("%1 bytes").arg(text.size()) + text);
        }
    }

    void largestDatagramArrivesWhole()
    {
        const qint64 bytesBefore = m_pipeline->statistics().totals().bytes;
        const auto received = sendAndReceive(largestPayload);
        QVERIFY(received);
        const ReceivedDatagram &datagram = *received;
        QCOMPARE(datagram.payload.size(), 65507);
        QCOMPARE(datagram.payload, largestPayload);
        QCOMPARE(m_pipeline->statistics().totals().bytes - bytesBefore, qint64(65507));
        // Earlier payloads that decode as ATU are a flow of their own; the rest is one raw flow.
        const auto &senders = m_pipeline->statistics().senders();
        QVERIFY(senders.size() <= std::size_t(2));
        QCOMPARE(std::accumulate(senders.cbegin(), senders.cend(), qint64(0),
                                 [](qint64 sum, const auto &sender) { return sum + sender.bytes; }),
                 m_pipeline->statistics().totals().bytes);
        QCOMPARE(std::count_if(senders.cbegin(), senders.cend(),
                               [](const auto &sender) { return sender.format == PayloadFormat::Raw; }),
                 1);

        const QJsonObject object = parsedJson(DatagramText::jsonLine(datagram));
        QCOMPARE(object["size"].toInt(), 65507);
        QCOMPARE(object["payload_hex"].toString().size(), 131014);
        QCOMPARE(QByteArray::fromHex(object["payload_hex"].toString().toLatin1()), largestPayload);
        QVERIFY(isInert(object["payload"].toString()));
        QVERIFY(activeBytesIn(DatagramText::consoleLine(datagram)).isEmpty());

        const QString cell = PayloadFormatter::forDisplay(
            datagram.payload, DatagramTableModel::displayedPayloadBytes);
        QVERIFY2(cell.endsWith(QStringLiteral("…")), qPrintable(cell));
        QCOMPARE(cell, PayloadFormatter::escapedText(
                           largestPayload.left(DatagramTableModel::displayedPayloadBytes))
                           + QStringLiteral("…"));
        const int row = m_model->rowCount() - 1;
        QCOMPARE(m_model->data(m_model->index(row, DatagramTableModel::Payload)).toString(), cell);
        QCOMPARE(m_model->data(m_model->index(row, DatagramTableModel::Size)).toString(),
                 QStringLiteral("65507"));

        const QString dump = HexDump::format(datagram.payload);
        QCOMPARE(dump.count(QLatin1Char('\n')) + 1, 4095); // 65507 / 16, rounded up
        QVERIFY(isInert(QString(dump).remove(QLatin1Char('\n'))));
    }

    void headlessConsoleOutputIsInert()
    {
        const QList<QByteArray> payloads = hostilePayloads();
        const QByteArray output = runHeadless({}, payloads);
        QVERIFY2(activeBytesIn(output, true).isEmpty(), activeBytesIn(output, true).constData());
        QVERIFY(QString::fromUtf8(output).toUtf8() == output); // UTF-8 throughout
        QList<QByteArray> lines = output.trimmed().split('\n');
        lines.removeIf([](const QByteArray &line) { return line.contains(" event: "); });
        QCOMPARE(lines.size(), payloads.size());
        for (int i = 0; i < payloads.size(); ++i) {
            const QByteArray escaped = PayloadFormatter::escapedText(payloads[i]).toUtf8();
            QVERIFY2(lines[i].endsWith(" bytes " + escaped)
                         || (payloads[i].isEmpty() && lines[i].endsWith(" 0 bytes")),
                     lines[i].constData());
        }
    }

    void headlessJsonOutputIsInert()
    {
        const QList<QByteArray> payloads = hostilePayloads();
        const QByteArray output = runHeadless({"--json"}, payloads);
        QVERIFY2(activeBytesIn(output, true).isEmpty(), activeBytesIn(output, true).constData());
        QList<QByteArray> sent;
        for (const QByteArray &line : output.trimmed().split('\n')) {
            const QJsonObject object = parsedJson(line);
            QVERIFY2(!object.isEmpty(), line.constData());
            if (object["type"].toString() != QLatin1String("datagram"))
                continue;
            QVERIFY(isInert(object["payload"].toString()));
            sent.append(QByteArray::fromHex(object["payload_hex"].toString().toLatin1()));
            QCOMPARE(object["size"].toInt(-1), sent.last().size());
        }
        QCOMPARE(sent, payloads);
    }
};

QTEST_MAIN(TestUntrustedPayloads)
#include "tst_untrustedpayloads.moc"
