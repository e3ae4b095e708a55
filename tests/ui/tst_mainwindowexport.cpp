#include "DatagramTableModel.h"
#include "ExportActions.h"
#include "FrozenColumnsTableView.h"

#include "CsvReader.h"
#include "PcapReader.h"
#include "TestDatagrams.h"
#include "WindowHarness.h"

#include <QAction>
#include <QClipboard>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QTemporaryDir>

namespace {

constexpr IpAddress localhost = IpAddress::fromIPv4(0x7f000001); // 127.0.0.1
constexpr IpAddress testNet = IpAddress::fromIPv4(0xc6120007);   // 198.18.0.7
constexpr qint64 baseUs = 1'700'000'000'000'000;

const char hostileBytes[] = "=1+1,\"quoted\"\r\n\x1b[2J\xff\0" "end";
const QByteArray hostilePayload(hostileBytes, sizeof hostileBytes - 1);

DatagramBatch someDatagrams()
{
    DatagramBatch batch{TestDatagrams::datagram(localhost, 40001, baseUs + 1, "alpha"),
                        TestDatagrams::datagram(testNet, 40002, baseUs + 2, hostilePayload),
                        TestDatagrams::datagram(localhost, 40003, baseUs + 3, "gamma")};
    batch[1].ttl = 9;
    return batch;
}

} // namespace

// File ▸ Save Capture, Export Datagrams and Export Senders, driven through the window's own
// menu with the file named by the test instead of a dialog; Copy of table rows.
class TestMainWindowExport final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_run = 0;
    QString m_iniPath;

    // The File menu's action with this object name, after the test has named the file.
    static QAction *fileAction(WindowHarness &harness, const char *name, const QString &path)
    {
        auto *exports = harness.window.findChild<ExportActions *>(QStringLiteral("exportActions"));
        if (!exports)
            return nullptr;
        exports->setPathChooser([path](const QString &, const QString &suggested, const QString &) {
            return suggested.endsWith(QFileInfo(path).suffix()) ? path : QString();
        });
        const auto actions = harness.find<QMenu>("fileMenu")->actions();
        for (QAction *action : actions) {
            if (action->objectName() == QLatin1String(name))
                return action;
        }
        return nullptr;
    }

    static QByteArray contents(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_iniPath = m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_run));
    }

    void theFileMenuOffersTheExports()
    {
        WindowHarness harness(m_iniPath);
        QStringList texts;
        for (const QAction *action : harness.find<QMenu>("fileMenu")->actions())
            texts.append(action->isSeparator() ? QStringLiteral("|") : action->text());
        QCOMPARE(texts, (QStringList{QStringLiteral("&Save Capture…"), QStringLiteral("Export &Datagrams…"),
                                     QStringLiteral("Export S&enders…"), QStringLiteral("|"),
                                     QStringLiteral("&Quit")}));
    }

    void saveCaptureWritesTheHistoryAsPcap()
    {
        WindowHarness harness(m_iniPath);
        const DatagramBatch sent = someDatagrams();
        harness.receive(sent);
        QCOMPARE(harness.datagrams()->rowCount(), 3);
        const QString path = m_dir.filePath(QStringLiteral("history.pcap"));
        QAction *save = fileAction(harness, "saveCaptureAction", path);
        QVERIFY(save);
        save->trigger();

        const auto capture = PcapReader::read(path);
        QVERIFY(capture.whole);
        QCOMPARE(capture.header.linkType, 101u);
        QCOMPARE(capture.records.size(), sent.size());
        for (int i = 0; i < sent.size(); ++i) {
            const auto udp = PcapReader::udpOf(capture.records[i].packet);
            QVERIFY(udp);
            QCOMPARE(udp->source, sent[i].source.toQHostAddress());
            QCOMPARE(udp->destination, QHostAddress(QStringLiteral("239.1.1.1")));
            QCOMPARE(udp->sourcePort, sent[i].sourcePort);
            QCOMPARE(udp->destinationPort, TestDatagrams::port);
            QCOMPARE(udp->hops, sent[i].ttl);
            QCOMPARE(udp->payload, sent[i].payload);
            QCOMPARE(qint64(capture.records[i].seconds) * 1'000'000 + capture.records[i].micros,
                     sent[i].arrivalUs);
        }
        QVERIFY(!harness.window.findChild<QMessageBox *>(QStringLiteral("exportErrorBox")));
    }

    // What the table shows: with a filter, only the rows that match.
    void exportDatagramsWritesTheShownRowsAsCsv()
    {
        WindowHarness harness(m_iniPath);
        harness.receive(someDatagrams());
        harness.find<QLineEdit>("filterEdit")->setText(QStringLiteral("198.18"));
        QTRY_COMPARE(harness.datagrams()->rowCount(), 1);
        const QString path = m_dir.filePath(QStringLiteral("datagrams.csv"));
        QAction *exportDatagrams = fileAction(harness, "exportDatagramsAction", path);
        QVERIFY(exportDatagrams);
        exportDatagrams->trigger();

        const QByteArray bytes = contents(path);
        QVERIFY(bytes.endsWith("\r\n"));
        const QList<QStringList> rows = CsvReader::parse(bytes);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].first(), QStringLiteral("time"));
        QCOMPARE(rows[1][1], QStringLiteral("198.18.0.7"));
        QCOMPARE(rows[1][2], QStringLiteral("40002"));
        QCOMPARE(rows[1][6], QStringLiteral("9"));
        QCOMPARE(rows[1][10], QStringLiteral(R"('=1+1,"quoted"\r\n\x1b[2J\xff\x00end)"));
        QCOMPARE(QByteArray::fromHex(rows[1][11].toLatin1()), hostilePayload);
    }

    void exportSendersWritesOneRowPerFlow()
    {
        WindowHarness harness(m_iniPath);
        harness.receive(someDatagrams());
        const QString path = m_dir.filePath(QStringLiteral("senders.csv"));
        QAction *exportSenders = fileAction(harness, "exportSendersAction", path);
        QVERIFY(exportSenders);
        exportSenders->trigger();

        const QList<QStringList> rows = CsvReader::parse(contents(path));
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0].mid(0, 3), (QStringList{QStringLiteral("source"), QStringLiteral("group"),
                                                 QStringLiteral("port")}));
        QCOMPARE(rows[1][0], QStringLiteral("127.0.0.1"));
        QCOMPARE(rows[1][6], QStringLiteral("2")); // packets
        QCOMPARE(rows[2][0], QStringLiteral("198.18.0.7"));
    }

    void anUnwritableFileIsOneLineInAMessageBox_data()
    {
        QTest::addColumn<QByteArray>("action");
        QTest::addColumn<QString>("name");
        QTest::newRow("capture") << QByteArray("saveCaptureAction") << QStringLiteral("x.pcap");
        QTest::newRow("datagrams") << QByteArray("exportDatagramsAction") << QStringLiteral("x.csv");
        QTest::newRow("senders") << QByteArray("exportSendersAction") << QStringLiteral("x.csv");
    }

    void anUnwritableFileIsOneLineInAMessageBox()
    {
        QFETCH(QByteArray, action);
        QFETCH(QString, name);
        WindowHarness harness(m_iniPath);
        harness.receive(someDatagrams());
        const QString path = m_dir.filePath(QStringLiteral("no-such-folder/") + name);
        QAction *exportAction = fileAction(harness, action.constData(), path);
        QVERIFY(exportAction);
        exportAction->trigger();

        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = harness.window.findChild<QMessageBox *>(QStringLiteral("exportErrorBox"))));
        QTRY_VERIFY(box->isVisible());
        QVERIFY2(box->text().startsWith(QStringLiteral("Cannot write %1: ").arg(QDir::toNativeSeparators(path))),
                 qPrintable(box->text()));
        QVERIFY2(!box->text().contains(QLatin1Char('\n')), qPrintable(box->text()));
        QCOMPARE(box->textFormat(), Qt::PlainText);
        box->close();
        QVERIFY(!QFile::exists(path));
    }

    void cancellingTheDialogWritesNothing()
    {
        WindowHarness harness(m_iniPath);
        harness.receive(someDatagrams());
        const QStringList before = QDir(m_dir.path()).entryList(QDir::Files);
        QAction *save = fileAction(harness, "exportDatagramsAction", QString()); // chooser says cancel
        QVERIFY(save);
        save->trigger();
        QVERIFY(!harness.window.findChild<QMessageBox *>(QStringLiteral("exportErrorBox")));
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), before);
    }

    // A long export tells its progress and stops when asked, leaving no half-written file:
    // a CSV file that was there stays as it was.
    void aCancelledExportLeavesNoHalfFile()
    {
        DatagramBatch many;
        for (int i = 0; i < 5000; ++i)
            many.append(TestDatagrams::datagram(localhost, 40000, baseUs + i, QByteArray::number(i)));
        const QString csvPath = m_dir.filePath(QStringLiteral("kept.csv"));
        {
            QFile existing(csvPath);
            QVERIFY(existing.open(QIODevice::WriteOnly));
            existing.write("before\r\n");
        }
        QList<qsizetype> told;
        const auto cancelAtTheSecond = [&told](qsizetype rows) {
            told.append(rows);
            return told.size() < 2;
        };
        const auto csv = ExportActions::writeDatagramsCsv(csvPath, many, cancelAtTheSecond);
        QVERIFY(csv.cancelled);
        QCOMPARE(told, (QList<qsizetype>{2000, 4000}));
        QCOMPARE(contents(csvPath), QByteArray("before\r\n"));

        told.clear();
        const QString pcapPath = m_dir.filePath(QStringLiteral("cancelled.pcap"));
        const auto capture = ExportActions::writeCapture(pcapPath, many, cancelAtTheSecond);
        QVERIFY(capture.cancelled);
        QVERIFY(!QFile::exists(pcapPath));
        const auto whole = ExportActions::writeCapture(pcapPath, many, [](qsizetype) { return true; });
        QVERIFY(!whole.cancelled && whole.error.isEmpty());
        QCOMPARE(PcapReader::read(pcapPath).records.size(), 5000);
    }

    void ctrlCCopiesTheSelectedDatagramsAndSenders()
    {
        WindowHarness harness(m_iniPath);
        QVERIFY(QTest::qWaitForWindowActive(&harness.window));
        harness.receive(someDatagrams());
        auto *datagrams = harness.find<QTableView>("datagramView");
        datagrams->setFocus();
        datagrams->selectionModel()->select(datagrams->model()->index(0, 0),
                                            QItemSelectionModel::Select | QItemSelectionModel::Rows);
        datagrams->selectionModel()->select(datagrams->model()->index(1, 0),
                                            QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QApplication::clipboard()->clear();
        QTest::keySequence(datagrams, QKeySequence::Copy);
        const QStringList lines = QApplication::clipboard()->text().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3); // two rows and the empty string after the last newline
        const QStringList second = lines[1].split(QLatin1Char('\t'));
        // The columns shown, in their order: by default Time, Source, Group, Size, Offset ms
        // and Payload (the source port and the rest are a right click away).
        QCOMPARE(second.size(), 6);
        QCOMPARE(second[1], QStringLiteral("198.18.0.7"));
        QVERIFY(!second.contains(QStringLiteral("40002")));
        QVERIFY2(second.last().startsWith(QStringLiteral(R"(=1+1,"quoted"\r\n\x1b)")), qPrintable(second.last()));

        harness.find<QTabWidget>("senderTabs")->setCurrentIndex(0);
        auto *senders = harness.find<QTableView>("senderView");
        QTRY_COMPARE(senders->model()->rowCount(), 2);
        senders->setFocus();
        senders->selectRow(1);
        QTest::keySequence(senders, QKeySequence::Copy);
        QVERIFY2(QApplication::clipboard()->text().startsWith(QStringLiteral("198.18.0.7\t")),
                 qPrintable(QApplication::clipboard()->text()));
        // The frozen Source and State columns are a view of their own: it copies the same.
        QTableView *frozen = qobject_cast<FrozenColumnsTableView *>(senders)->frozenView();
        QCOMPARE(frozen->selectionMode(), QAbstractItemView::ExtendedSelection);
        frozen->setFocus();
        QApplication::clipboard()->clear();
        QTest::keySequence(frozen, QKeySequence::Copy);
        QVERIFY2(QApplication::clipboard()->text().startsWith(QStringLiteral("198.18.0.7\t")),
                 qPrintable(QApplication::clipboard()->text()));

        harness.find<QTabWidget>("senderTabs")->setCurrentIndex(2);
        auto *events = harness.find<QTableView>("eventLogView");
        QTRY_VERIFY(events->model()->rowCount() >= 2); // both senders appeared
        events->setFocus();
        events->selectAll();
        QTest::keySequence(events, QKeySequence::Copy);
        const QString log = QApplication::clipboard()->text();
        QCOMPARE(log.count(QLatin1Char('\n')), events->model()->rowCount());
        QVERIFY2(log.contains(QStringLiteral("\t198.18.0.7\t")) && log.contains(QStringLiteral("appeared")),
                 qPrintable(log));
    }
};

QTEST_MAIN(TestMainWindowExport)
#include "tst_mainwindowexport.moc"
