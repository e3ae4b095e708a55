#include "decoders/AtuMessage.h"
#include "DatagramTableModel.h"
#include "settings/MulticastConfig.h"

#include "TestDatagrams.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

namespace {

constexpr IpAddress localhost = IpAddress::fromIPv4(0x7f000001); // 127.0.0.1

// Datagram number n, from port 40000 + n a millisecond after number n - 1; unless a payload
// is given, its payload says which one it is, so order can be checked.
ReceivedDatagram numbered(int n, const QByteArray &payload = {})
{
    return TestDatagrams::datagram(
        localhost, quint16(40000 + n), 1'700'000'000'000'000 + qint64(n) * 1000,
        payload.isNull() ? QByteArray("datagram ") + QByteArray::number(n) : payload);
}

DatagramBatch batch(int first, int count)
{
    DatagramBatch result;
    for (int n = first; n < first + count; ++n)
        result.append(numbered(n));
    return result;
}

QString cell(const DatagramTableModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role).toString();
}

QString payloadOf(const DatagramTableModel &model, int row)
{
    return cell(model, row, DatagramTableModel::Payload);
}

} // namespace

class TestDatagramTableModel final : public QObject
{
    Q_OBJECT

private slots:
    void passesTheModelTester()
    {
        DatagramTableModel model;
        model.setCapacity(5);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.appendBatch(batch(0, 3));
        model.appendBatch(batch(3, 4));  // evicts two
        model.appendBatch(batch(7, 12)); // larger than the ring
        model.appendBatch({});
        model.setCapacity(3);
        model.setCapacity(8);
        model.appendBatch(batch(19, 2));
        model.clear();
        model.appendBatch(batch(21, 1));
        QCOMPARE(model.rowCount(), 1);
    }

    void defaultCapacityIsTheHistorySetting()
    {
        QCOMPARE(DatagramTableModel().capacity(), ReceiveConfig().historyRows);
    }

    void insertsEachBatchAtOnce()
    {
        DatagramTableModel model;
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.appendBatch(batch(0, 100));
        model.appendBatch(batch(100, 50));
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(inserted.at(1).at(1).toInt(), 100);
        QCOMPARE(inserted.at(1).at(2).toInt(), 149);
        QCOMPARE(model.rowCount(), 150);
        QCOMPARE(payloadOf(model, 149), QStringLiteral("datagram 149"));
    }

    void ringEvictsTheOldestRowsInOneRemoval()
    {
        DatagramTableModel model;
        model.setCapacity(5);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

        model.appendBatch(batch(0, 3));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.evictedCount(), qint64(0));
        QCOMPARE(removed.count(), 0);

        model.appendBatch(batch(3, 4)); // 7 rows for 5 places: 0 and 1 leave
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.evictedCount(), qint64(2));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 0);
        QCOMPARE(removed.at(0).at(2).toInt(), 1);
        QCOMPARE(payloadOf(model, 0), QStringLiteral("datagram 2"));
        QCOMPARE(payloadOf(model, 4), QStringLiteral("datagram 6"));

        // Around the ring more than once: order must survive the wrap.
        for (int n = 7; n < 20; n += 2)
            model.appendBatch(batch(n, 2));
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.evictedCount(), qint64(16));
        for (int row = 0; row < 5; ++row)
            QCOMPARE(payloadOf(model, row), QStringLiteral("datagram %1").arg(16 + row));
    }

    void batchLargerThanTheRingKeepsItsNewestRows()
    {
        DatagramTableModel model;
        model.setCapacity(5);
        model.appendBatch(batch(0, 2));
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

        model.appendBatch(batch(2, 12)); // datagrams 2..13; only 9..13 fit
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.evictedCount(), qint64(2 + 7));
        QCOMPARE(payloadOf(model, 0), QStringLiteral("datagram 9"));
        QCOMPARE(payloadOf(model, 4), QStringLiteral("datagram 13"));
    }

    void shrinkingKeepsTheNewestRows()
    {
        DatagramTableModel model;
        model.setCapacity(10);
        model.appendBatch(batch(0, 8));
        model.setCapacity(3);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.evictedCount(), qint64(5));
        QCOMPARE(payloadOf(model, 0), QStringLiteral("datagram 5"));
        model.appendBatch(batch(8, 1));
        QCOMPARE(payloadOf(model, 0), QStringLiteral("datagram 6"));
        QCOMPARE(payloadOf(model, 2), QStringLiteral("datagram 8"));
    }

    void clearEmptiesEverything()
    {
        DatagramTableModel model;
        model.setCapacity(2);
        model.appendBatch(batch(0, 5));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.evictedCount(), qint64(0));
        model.appendBatch(batch(5, 1));
        QCOMPARE(payloadOf(model, 0), QStringLiteral("datagram 5"));
    }

    void showsEachColumn()
    {
        DatagramTableModel model;
        ReceivedDatagram d = numbered(7);
        d.sourcePort = 5001; // no digit grouping on ports
        model.appendBatch({d});
        QCOMPARE(cell(model, 0, DatagramTableModel::Source), QStringLiteral("127.0.0.1"));
        QCOMPARE(cell(model, 0, DatagramTableModel::SourcePort), QStringLiteral("5001"));
        QCOMPARE(cell(model, 0, DatagramTableModel::Destination), QStringLiteral("239.1.1.1:5001"));
        QCOMPARE(cell(model, 0, DatagramTableModel::Size), QStringLiteral("10"));
        QCOMPARE(cell(model, 0, DatagramTableModel::Ttl), QStringLiteral("1"));
        QCOMPARE(cell(model, 0, DatagramTableModel::Ours), QString());
        QVERIFY(QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d$"))
                    .match(cell(model, 0, DatagramTableModel::Time))
                    .hasMatch());
        const auto alignment =
            model.data(model.index(0, DatagramTableModel::Size), Qt::TextAlignmentRole).toInt();
        QVERIFY(alignment & Qt::AlignRight);
        QVERIFY(!model.headerData(DatagramTableModel::Ttl, Qt::Horizontal, Qt::ToolTipRole)
                     .toString()
                     .isEmpty());
    }

    void unknownTtlIsADash()
    {
        DatagramTableModel model;
        ReceivedDatagram d = numbered(1);
        d.ttl = -1;
        model.appendBatch({d});
        QCOMPARE(cell(model, 0, DatagramTableModel::Ttl), QStringLiteral("—"));
    }

    void marksOurOwnDatagrams()
    {
        DatagramTableModel model;
        ReceivedDatagram ours = numbered(1);
        ours.fromOwnTransmitter = true;
        model.appendBatch({numbered(0), ours});
        QCOMPARE(cell(model, 0, DatagramTableModel::Ours), QString());
        QCOMPARE(cell(model, 1, DatagramTableModel::Ours), QStringLiteral("yes"));
        QCOMPARE(model.data(model.index(1, 0), DatagramTableModel::OwnTransmitterRole).toBool(),
                 true);
        QCOMPARE(model.data(model.index(0, 0), DatagramTableModel::OwnTransmitterRole).toBool(),
                 false);
        QVERIFY(
            model.data(model.index(1, DatagramTableModel::Source), Qt::BackgroundRole).isValid());
        QVERIFY(
            !model.data(model.index(0, DatagramTableModel::Source), Qt::BackgroundRole).isValid());
    }

    void payloadIsEscapedAndShortened()
    {
        DatagramTableModel model;
        QByteArray longPayload(DatagramTableModel::displayedPayloadBytes + 100, 'a');
        model.appendBatch({numbered(0, QByteArray("<b>bold</b>\n\x1b[2J")),
                           numbered(1, longPayload),
                           numbered(2, QByteArray("\x00\x01\x02\x03", 4))});
        QCOMPARE(payloadOf(model, 0), QStringLiteral("<b>bold</b>\\n\\x1b[2J"));
        QCOMPARE(payloadOf(model, 1),
                 QString(DatagramTableModel::displayedPayloadBytes, QLatin1Char('a'))
                     + QStringLiteral("…"));
        QCOMPARE(payloadOf(model, 2), QStringLiteral("00 01 02 03"));
        QCOMPARE(
            model.data(model.index(2, DatagramTableModel::Payload), DatagramTableModel::PayloadRole)
                .toByteArray(),
            QByteArray("\x00\x01\x02\x03", 4));
    }

    // Decoded the way the receiver decodes, so the pair is tested end to end.
    void atuColumnsShowTimeAndOffset()
    {
        DatagramTableModel model;
        ReceivedDatagram heartbeat = numbered(0);
        const qint64 atuUs = heartbeat.arrivalUs - 1'500; // sent 1.5 ms before arrival
        heartbeat.payload = AtuMessage::compose(QStringLiteral("ATU"), atuUs);
        const auto decoded = AtuMessage::parse(heartbeat.payload, QStringLiteral("ATU"));
        QVERIFY(decoded);
        heartbeat.atuTimeUs = decoded->timeUs;
        model.appendBatch({heartbeat});

        QCOMPARE(
            cell(model, 0, DatagramTableModel::AtuTime),
            QDateTime::fromMSecsSinceEpoch(atuUs / 1000).toString(QStringLiteral("HH:mm:ss.zzz")));
        QCOMPARE(cell(model, 0, DatagramTableModel::AtuOffset), QStringLiteral("1.5"));
        const QString tip = cell(model, 0, DatagramTableModel::AtuOffset, Qt::ToolTipRole);
        QVERIFY2(tip.contains(QStringLiteral("local time")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("1.500 ms")), qPrintable(tip));
        QVERIFY(model.headerData(DatagramTableModel::AtuTime, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("local time")));
        QVERIFY(model.data(model.index(0, DatagramTableModel::AtuOffset), Qt::TextAlignmentRole)
                    .toInt()
                & Qt::AlignRight);
    }

    void malformedAtuIsAnOrdinaryPayload()
    {
        DatagramTableModel model;
        const QByteArray payload("ATU 2022-02-30 25:61:00.123456");
        QVERIFY(!AtuMessage::parse(payload, QStringLiteral("ATU")));
        model.appendBatch({numbered(0, payload)});
        QCOMPARE(cell(model, 0, DatagramTableModel::AtuTime), QString());
        QCOMPARE(cell(model, 0, DatagramTableModel::AtuOffset), QString());
        QCOMPARE(cell(model, 0, DatagramTableModel::AtuOffset, Qt::ToolTipRole), QString());
        QCOMPARE(payloadOf(model, 0), QString::fromLatin1(payload));
    }

    void pauseHoldsTheRowsAndResumeInsertsThemAtOnce()
    {
        DatagramTableModel model;
        model.setCapacity(5);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.appendBatch(batch(0, 3));
        model.setPaused(true);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

        model.appendBatch(batch(3, 2));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.arrivedWhilePaused(), qint64(2));
        QCOMPARE(payloadOf(model, 2), QStringLiteral("datagram 2"));

        model.appendBatch(batch(5, 6)); // 8 waiting for 5 places: the oldest 3 go
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.arrivedWhilePaused(), qint64(8));
        QCOMPARE(model.pendingCount(), 5);
        QCOMPARE(model.evictedCount(), qint64(3));
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(removed.count(), 0);

        model.setPaused(false);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.arrivedWhilePaused(), qint64(0));
        QCOMPARE(model.pendingCount(), 0);
        for (int row = 0; row < 5; ++row)
            QCOMPARE(payloadOf(model, row), QStringLiteral("datagram %1").arg(6 + row));
        QCOMPARE(model.evictedCount(), qint64(6)); // 3 while waiting, 3 rows on resume
    }

    void clearWhilePausedForgetsWhatWaits()
    {
        DatagramTableModel model;
        model.setPaused(true);
        model.appendBatch(batch(0, 4));
        model.clear();
        QCOMPARE(model.pendingCount(), 0);
        QCOMPARE(model.arrivedWhilePaused(), qint64(0));
        QVERIFY(model.isPaused());
        model.setPaused(false);
        QCOMPARE(model.rowCount(), 0);
    }

    void payloadToolTipCannotBeRichText()
    {
        DatagramTableModel model;
        const QByteArray payload("<img src=x><a href='y'>&amp;</a>");
        model.appendBatch({numbered(0, payload)});
        const QString tip = cell(model, 0, DatagramTableModel::Payload, Qt::ToolTipRole);
        QVERIFY(tip.startsWith(QStringLiteral("<pre>")));
        QVERIFY(!tip.contains(QStringLiteral("<img")));
        QVERIFY(!tip.contains(QStringLiteral("<a ")));
        QVERIFY(tip.contains(QStringLiteral("&lt;img src=x&gt;")));
        QVERIFY(tip.contains(QStringLiteral("&amp;amp;")));
        QVERIFY(tip.contains(QStringLiteral("%1 bytes").arg(payload.size())));
    }

    void longPayloadToolTipIsWrapped()
    {
        DatagramTableModel model;
        model.appendBatch({numbered(0, QByteArray(1000, 'z'))});
        const QString tip = cell(model, 0, DatagramTableModel::Payload, Qt::ToolTipRole);
        for (const QString &line : tip.split(QLatin1Char('\n')))
            QVERIFY2(line.size() <= 80 + int(qstrlen("<pre></pre>")), qPrintable(line));
    }
};

QTEST_GUILESS_MAIN(TestDatagramTableModel)
#include "tst_datagramtablemodel.moc"
