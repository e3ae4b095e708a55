#include "ColumnHeaders.h"
#include "LivenessPalette.h"
#include "SenderTableModel.h"
#include "output/StatsReport.h"
#include "session/MonitorSession.h"
#include "time/WallClock.h"

#include "StatisticsModelFixture.h"
#include "TestDatagrams.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

namespace {

constexpr IpAddress hostA = IpAddress::fromIPv4(0x7f000001); // 127.0.0.1
constexpr IpAddress hostB = IpAddress::fromIPv4(0xc6120001); // 198.18.0.1

using TestDatagrams::datagram;

// An RTP datagram (payload type 33: a 90 kHz clock) as the decoder hands it over.
ReceivedDatagram rtp(IpAddress source, quint16 sequence, quint32 timestamp, qint64 arrivalUs)
{
    ReceivedDatagram d = datagram(source, 4000, arrivalUs, 200);
    d.format = PayloadFormat::Rtp;
    d.streamId = 0x1234;
    d.stream.sequence = sequence;
    d.stream.sequenceBits = 16;
    d.stream.rtpPayloadType = 33;
    d.stream.rtpTimestamp = timestamp;
    return d;
}

// An iperf 2 datagram sent sentBeforeUs before it arrived.
ReceivedDatagram iperf2(IpAddress source, quint32 sequence, qint64 arrivalUs, qint64 sentBeforeUs)
{
    ReceivedDatagram d = datagram(source, 5000, arrivalUs, 1470);
    d.format = PayloadFormat::Iperf2;
    d.stream.sequence = sequence;
    d.stream.sequenceBits = 32;
    d.stream.sendTimeUs = arrivalUs - sentBeforeUs;
    return d;
}

} // namespace

class TestSenderTableModel final : public QObject, private StatisticsModelFixture<SenderTableModel>
{
    Q_OBJECT

private slots:
    void init() { makeModel(); }
    void cleanup() { resetModel(); }

    void twoSendersAcrossSeveralPorts()
    {
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        record({datagram(hostA, 4000, m_now, 10), datagram(hostA, 3000, m_now + 1000, 20)});
        QCOMPARE(m_model->rowCount(), 1);
        record({datagram(hostB, 6000, m_now + 2000, 30), datagram(hostA, 5000, m_now + 3000, 40),
                datagram(hostB, 6001, m_now + 4000, 50)});
        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(inserted.at(1).at(1).toInt(), 1);

        QCOMPARE(cell(0, SenderTableModel::Source), QStringLiteral("127.0.0.1"));
        QCOMPARE(cell(0, SenderTableModel::Ports), QStringLiteral("3000, 4000, 5000"));
        QCOMPARE(cell(0, SenderTableModel::Packets), QStringLiteral("3"));
        QCOMPARE(cell(0, SenderTableModel::Bytes), QStringLiteral("70 B"));
        QCOMPARE(cell(1, SenderTableModel::Source), QStringLiteral("198.18.0.1"));
        QCOMPARE(cell(1, SenderTableModel::Ports), QStringLiteral("6000, 6001"));
        QCOMPARE(cell(1, SenderTableModel::Packets), QStringLiteral("2"));
        QCOMPARE(cell(1, SenderTableModel::Bytes), QStringLiteral("80 B"));
        QVERIFY(cell(0, SenderTableModel::FirstSeenTime) != QString());
        QCOMPARE(cell(1, SenderTableModel::Ours), QString());
    }

    void ratesDecayWithoutTraffic()
    {
        DatagramBatch batch;
        for (int i = 0; i <= 100; ++i) // 10 s at ten a second
            batch.append(datagram(hostA, 4000, m_now + i * 100'000, 100));
        record(batch);
        m_now += 10'000'000;
        QCOMPARE(cell(0, SenderTableModel::PacketRate), QStringLiteral("10"));
        QCOMPARE(cell(0, SenderTableModel::ByteRate), QStringLiteral("1.0 kB/s"));
        QCOMPARE(cell(0, SenderTableModel::PacketRate10s), QStringLiteral("10"));
        QCOMPARE(cell(0, SenderTableModel::ByteRate10s), QStringLiteral("1.0 kB/s"));
        m_now += 1'000'000;
        QCOMPARE(cell(0, SenderTableModel::PacketRate), QStringLiteral("5"));
        QCOMPARE(cell(0, SenderTableModel::PacketRate10s), QStringLiteral("9"));
        m_now += 1'000'000; // two quiet seconds: the rate read first says so
        QCOMPARE(cell(0, SenderTableModel::PacketRate), QStringLiteral("0"));
        QCOMPARE(cell(0, SenderTableModel::ByteRate), QStringLiteral("0 B/s"));
        QCOMPARE(cell(0, SenderTableModel::PacketRate10s), QStringLiteral("8"));
        m_now += 20'000'000;
        QCOMPARE(cell(0, SenderTableModel::PacketRate10s), QStringLiteral("0"));
    }

    // Issue 13's heartbeat: 0.2 pkt/s 2 s after it started, and still 4.1 when silent.
    void aHeartbeatReadsItsRateAtOnceAndZeroWhenItStops()
    {
        for (int i = 0; i <= 2; ++i)
            record({datagram(hostA, 4000, m_now + i * 1'000'000)});
        m_now += 2'000'000;
        QCOMPARE(cell(0, SenderTableModel::PacketRate), QStringLiteral("1"));
        QCOMPARE(cell(0, SenderTableModel::PacketRate10s), QStringLiteral("1"));
        m_now += 3'500'000;
        m_statistics->updateLiveness();
        QCOMPARE(cell(0, SenderTableModel::State), QStringLiteral("silent"));
        QCOMPARE(cell(0, SenderTableModel::PacketRate), QStringLiteral("0"));
    }

    void lastSeenSaysHowLongAgo()
    {
        record({datagram(hostA, 4000, m_now)});
        QCOMPARE(cell(0, SenderTableModel::LastSeen), QStringLiteral("0.0 s ago"));
        m_now += 12'340'000;
        QCOMPARE(cell(0, SenderTableModel::LastSeen), QStringLiteral("12 s ago"));
        QCOMPARE(m_model->data(m_model->index(0, SenderTableModel::LastSeen), SenderTableModel::SortRole),
                 QVariant(qint64(12'340'000)));
        QVERIFY(cell(0, SenderTableModel::LastSeen, Qt::ToolTipRole).contains(QStringLiteral("ago")));
        QVERIFY(cell(0, SenderTableModel::LastSeenTime) != QString());
    }

    void headerNamesEveryColumnForTheChooser()
    {
        QSet<QString> keys;
        int shownByDefault = 0;
        for (int column = 0; column < SenderTableModel::ColumnCount; ++column) {
            const auto header = [&](int role) { return m_model->headerData(column, Qt::Horizontal, role); };
            const QString key = header(ColumnKeyRole).toString();
            QVERIFY2(!key.isEmpty() && !keys.contains(key), qPrintable(key));
            keys.insert(key);
            QVERIFY2(!header(Qt::DisplayRole).toString().isEmpty(), qPrintable(key));
            QVERIFY2(!header(Qt::ToolTipRole).toString().isEmpty(), qPrintable(key));
            QVERIFY2(!header(ColumnSampleRole).toString().isEmpty(), qPrintable(key));
            if (ColumnShown(header(ColumnShownRole).toInt()) != ColumnShown::OnRequest)
                ++shownByDefault;
        }
        QCOMPARE(ColumnShown(m_model->headerData(SenderTableModel::Source, Qt::Horizontal, ColumnShownRole).toInt()),
                 ColumnShown::Always);
        QVERIFY(shownByDefault >= 6 && shownByDefault <= 9);
        // Settings name columns by these: they must not change.
        QCOMPARE(m_model->headerData(SenderTableModel::State, Qt::Horizontal, ColumnKeyRole).toString(),
                 QStringLiteral("state"));
    }

    void sortsNumbersAsNumbersAndAddressesInAddressOrder()
    {
        const IpAddress hostC = IpAddress::fromIPv4(0x09000009); // 9.0.0.9
        DatagramBatch batch{datagram(hostA, 4000, m_now), datagram(hostC, 4000, m_now)};
        for (int i = 0; i < 11; ++i)
            batch.append(datagram(hostB, 4000, m_now));
        record(batch);
        QSortFilterProxyModel sorted;
        sorted.setSourceModel(m_model.get());
        sorted.setSortRole(SenderTableModel::SortRole);
        const auto sources = [&sorted] {
            QStringList texts;
            for (int row = 0; row < sorted.rowCount(); ++row)
                texts.append(sorted.index(row, SenderTableModel::Source).data().toString());
            return texts;
        };
        sorted.sort(SenderTableModel::Source);
        QCOMPARE(sources(), (QStringList{"9.0.0.9", "127.0.0.1", "198.18.0.1"})); // not as text
        sorted.sort(SenderTableModel::Packets, Qt::DescendingOrder);
        QCOMPARE(sources().front(), QStringLiteral("198.18.0.1")); // 11 before 1, not "1" before "11"
        sorted.sort(-1);
        QCOMPARE(sources(), (QStringList{"127.0.0.1", "9.0.0.9", "198.18.0.1"})); // as they came
    }

    void refreshAnnouncesEveryCellOnce()
    {
        record({datagram(hostA, 4000, m_now), datagram(hostB, 4000, m_now)});
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->refresh();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex(), m_model->index(0, 0));
        QCOMPARE(changed.at(0).at(1).toModelIndex(),
                 m_model->index(1, SenderTableModel::ColumnCount - 1));
    }

    void refreshOfAnEmptyModelSaysNothing()
    {
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->refresh();
        QCOMPARE(changed.count(), 0);
    }

    void marksOurOwnTransmitter()
    {
        ReceivedDatagram ours = datagram(hostB, 5000, m_now);
        ours.fromOwnTransmitter = true;
        record({datagram(hostA, 4000, m_now), ours});
        QCOMPARE(cell(1, SenderTableModel::Ours), QStringLiteral("yes"));
        QCOMPARE(m_model->data(m_model->index(1, 0), SenderTableModel::OwnTransmitterRole).toBool(),
                 true);
        QCOMPARE(m_model->data(m_model->index(0, 0), SenderTableModel::OwnTransmitterRole).toBool(),
                 false);
        QVERIFY(m_model->data(m_model->index(1, SenderTableModel::Packets), Qt::BackgroundRole)
                    .isValid());
    }

    void manyPortsEndWithAnEllipsis()
    {
        DatagramBatch batch;
        for (int port = 1; port <= TrafficStatistics::maxPortsPerSender + 3; ++port)
            batch.append(datagram(hostA, quint16(port), m_now));
        record(batch);
        QVERIFY(cell(0, SenderTableModel::Ports).endsWith(QStringLiteral(", …")));
        QVERIFY(!cell(0, SenderTableModel::Ports, Qt::ToolTipRole).isEmpty());
    }

    void otherSendersRowIsNamed()
    {
        m_tester.reset();
        m_model.reset();
        m_statistics = std::make_unique<TrafficStatistics>([this] { return m_now; }, 3);
        m_model = std::make_unique<SenderTableModel>(*m_statistics);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        record({datagram(IpAddress::fromIPv4(1), 1, m_now), datagram(IpAddress::fromIPv4(2), 1, m_now),
                datagram(IpAddress::fromIPv4(3), 1, m_now),
                datagram(IpAddress::fromIPv4(4), 1, m_now)});
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(cell(2, SenderTableModel::Source), QStringLiteral("other senders"));
        QCOMPARE(cell(2, SenderTableModel::Packets), QStringLiteral("2"));
    }

    void stateColumnFollowsLivenessInColour()
    {
        record({datagram(hostA, 4000, m_now), datagram(hostB, 4000, m_now)});
        m_now += 1'000'000;
        record({datagram(hostA, 4000, m_now), datagram(hostB, 4000, m_now)});
        const QPalette palette = QGuiApplication::palette();
        const auto state = [this](int row, int role = Qt::DisplayRole) {
            return m_model->data(m_model->index(row, SenderTableModel::State), role);
        };
        QCOMPARE(state(0).toString(), QStringLiteral("live"));
        QCOMPARE(state(0, Qt::DecorationRole).value<QColor>(),
                 LivenessPalette::accent(Liveness::Live, palette));
        QVERIFY(!state(0, Qt::BackgroundRole).isValid());

        // Expected interval 1 s: late after 1.5 s of quiet, silent after 3 s.
        m_now += 2'000'000;
        record({datagram(hostB, 4000, m_now)});
        m_statistics->updateLiveness();
        m_model->refresh();
        QCOMPARE(state(0).toString(), QStringLiteral("late"));
        QCOMPARE(state(0, SenderTableModel::LivenessRole).toInt(), int(Liveness::Late));
        QCOMPARE(state(0, Qt::ForegroundRole).value<QColor>(),
                 LivenessPalette::accent(Liveness::Late, palette));
        QCOMPARE(m_model->data(m_model->index(0, SenderTableModel::Packets), Qt::BackgroundRole)
                     .value<QBrush>()
                     .color(),
                 LivenessPalette::background(Liveness::Late, palette));
        QCOMPARE(state(1).toString(), QStringLiteral("live"));
        QVERIFY(state(0, Qt::ToolTipRole).toString().contains(QStringLiteral("2000.0 ms ago")));

        m_now += 2'000'000;
        m_statistics->updateLiveness();
        m_model->refresh();
        QCOMPARE(state(0).toString(), QStringLiteral("silent"));
        QCOMPARE(state(0, Qt::DecorationRole).value<QColor>(),
                 LivenessPalette::accent(Liveness::Silent, palette));
        QCOMPARE(state(0, Qt::BackgroundRole).value<QBrush>().color(),
                 LivenessPalette::background(Liveness::Silent, palette));
        QVERIFY(LivenessPalette::background(Liveness::Silent, palette)
                != LivenessPalette::background(Liveness::Late, palette));

        record({datagram(hostA, 4000, m_now)}); // back
        m_model->refresh();
        QCOMPARE(state(0).toString(), QStringLiteral("live"));
        QVERIFY(!state(0, Qt::BackgroundRole).isValid());
    }

    void timingColumnsShowIntervalsAndAtuOffsets()
    {
        const qint64 start = m_now;
        const qint64 arrivals[] = {0, 1'000'000, 2'002'000, 3'000'000};
        const qint64 offsets[] = {500, 700, 300, 500};
        for (int i = 0; i < 4; ++i) {
            ReceivedDatagram heartbeat = datagram(hostA, 4000, start + arrivals[i]);
            heartbeat.atuTimeUs = heartbeat.arrivalUs - offsets[i];
            record({heartbeat, datagram(hostB, 4000, start + arrivals[i])});
        }
        m_now = start + 3'000'000;
        const auto text = [this](int row, SenderTableModel::Column column) {
            return cell(row, column);
        };
        // Intervals 1000, 1002 and 998 ms.
        QCOMPARE(text(0, SenderTableModel::LastInterval), QStringLiteral("998.0 ms"));
        QCOMPARE(text(0, SenderTableModel::ExpectedInterval), QStringLiteral("1000.0 ms"));
        QCOMPARE(text(0, SenderTableModel::MeanInterval), QStringLiteral("1000.0 ms"));
        QCOMPARE(text(0, SenderTableModel::IntervalJitter), QStringLiteral("1.63 ms"));
        QCOMPARE(text(0, SenderTableModel::AtuOffset), QStringLiteral("0.50 ms"));
        QCOMPARE(text(0, SenderTableModel::AtuOffsetMin), QStringLiteral("0.30 ms"));
        QCOMPARE(text(0, SenderTableModel::AtuOffsetMean), QStringLiteral("0.50 ms"));
        QCOMPARE(text(0, SenderTableModel::AtuOffsetMax), QStringLiteral("0.70 ms"));
        QVERIFY(cell(0, SenderTableModel::AtuOffset, Qt::ToolTipRole)
                    .contains(QStringLiteral("4 ATU heartbeats")));
        // A sender without ATU heartbeats has intervals but no offsets.
        QCOMPARE(text(1, SenderTableModel::ExpectedInterval), QStringLiteral("1000.0 ms"));
        for (const auto column : {SenderTableModel::AtuOffset, SenderTableModel::AtuOffsetMin,
                                  SenderTableModel::AtuOffsetMean, SenderTableModel::AtuOffsetMax})
            QCOMPARE(text(1, column), QString());
        QCOMPARE(m_model->data(m_model->index(1, 0), SenderTableModel::AddressRole).value<IpAddress>(),
                 hostB);
    }

    // The analysis columns show what the JSON "senders" entry says for the same flow, to its
    // last digit, and nothing where it says null.
    void analysisColumnsSayWhatTheJsonSays()
    {
        const qint64 start = m_now;
        // 0…20 with 5 and 15 lost, 10 twice, 12 after 11; every 20 ms, some 1.5 ms late.
        const int order[] = {0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 10, 12, 11, 13, 14, 16, 17, 18, 19, 20};
        DatagramBatch batch;
        for (const int sequence : order) {
            const qint64 late = sequence % 3 == 0 ? 1500 : 0;
            batch.append(rtp(hostA, quint16(sequence), quint32(sequence) * 1800,
                             start + sequence * 20'000 + late));
        }
        for (quint32 sequence = 0; sequence < 10; ++sequence)
            batch.append(iperf2(hostB, sequence, start + sequence * 10'000, 1234 + sequence % 2 * 500));
        batch.append(datagram(IpAddress::fromIPv4(0x7f000003), 4000, start, 30)); // raw
        record(batch);
        m_now = start + 500'000;

        const QJsonArray senders =
            QJsonDocument::fromJson(StatsReport::statsJson(*m_statistics)).object()[u"senders"].toArray();
        QCOMPARE(senders.size(), m_model->rowCount());
        const struct
        {
            SenderTableModel::Column column;
            const char *key;
            const char *unit;
        } columns[] = {{SenderTableModel::Lost, "lost", ""},
                       {SenderTableModel::LossPercent, "loss_percent", " %"},
                       {SenderTableModel::Jitter, "jitter_ms", " ms"},
                       {SenderTableModel::Duplicates, "duplicates", ""},
                       {SenderTableModel::Reordered, "reordered", ""},
                       {SenderTableModel::SeqRestarts, "seq_restarts", ""},
                       {SenderTableModel::Delay, "delay_ms", " ms"},
                       {SenderTableModel::CcErrors, "cc_errors", ""}};
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const QJsonObject json = senders.at(row).toObject();
            QCOMPARE(json[u"source"].toString(), cell(row, SenderTableModel::Source));
            QCOMPARE(json[u"format"].toString(), cell(row, SenderTableModel::Format));
            for (const auto &[column, key, unit] : columns) {
                const QJsonValue value = json[QLatin1String(key)];
                const QString text = cell(row, column);
                const QString where = QStringLiteral("row %1 %2: %3").arg(row).arg(QLatin1String(key), text);
                if (value.isNull()) {
                    QVERIFY2(text.isEmpty(), qPrintable(where));
                    QVERIFY2(!m_model->index(row, column).data(SenderTableModel::SortRole).isValid(),
                             qPrintable(where));
                    continue;
                }
                QVERIFY2(text.endsWith(QLatin1String(unit)), qPrintable(where));
                const QString number = text.chopped(qsizetype(qstrlen(unit)));
                QVERIFY2(number.toDouble() == value.toDouble(), qPrintable(where));
                // Sorted as a number, not as text (unrounded).
                const QVariant sortKey = m_model->index(row, column).data(SenderTableModel::SortRole);
                QVERIFY2(sortKey.typeId() != QMetaType::QString, qPrintable(where));
                QVERIFY2(qAbs(sortKey.toDouble() - value.toDouble()) < 0.0005, qPrintable(where));
            }
        }
        for (int row = 0; row < m_model->rowCount(); ++row) { // no MPEG-TS here
            QVERIFY(senders.at(row).toObject()[u"mdi_df_ms"].isNull());
            QCOMPARE(cell(row, SenderTableModel::Mdi), QString());
        }
        QCOMPARE(cell(0, SenderTableModel::Format), QStringLiteral("rtp"));
        QCOMPARE(cell(0, SenderTableModel::Lost), QStringLiteral("2"));
        QCOMPARE(cell(0, SenderTableModel::LossPercent), QStringLiteral("9.524 %")); // 2 of 21
        QCOMPARE(cell(0, SenderTableModel::Duplicates), QStringLiteral("1"));
        QCOMPARE(cell(0, SenderTableModel::Reordered), QStringLiteral("1"));
        QVERIFY(cell(0, SenderTableModel::Jitter).endsWith(QStringLiteral(" ms")));
        QVERIFY(cell(0, SenderTableModel::Jitter) != QStringLiteral("0.0 ms"));
        QCOMPARE(cell(0, SenderTableModel::Delay), QString());
        QCOMPARE(cell(1, SenderTableModel::Format), QStringLiteral("iperf2"));
        QCOMPARE(cell(1, SenderTableModel::Lost), QStringLiteral("0"));
        QCOMPARE(cell(1, SenderTableModel::LossPercent), QStringLiteral("0.0 %"));
        QVERIFY(cell(1, SenderTableModel::Delay).startsWith(QStringLiteral("1.")));
        QVERIFY(cell(1, SenderTableModel::Delay, Qt::ToolTipRole).contains(QStringLiteral("clock")));
        QCOMPARE(cell(2, SenderTableModel::Format), QStringLiteral("raw"));
        QCOMPARE(cell(2, SenderTableModel::Lost), QString());
        QVERIFY(cell(2, SenderTableModel::Lost, Qt::ToolTipRole).contains(QStringLiteral("no sequence numbers")));
        QCOMPARE(cell(2, SenderTableModel::Pids), QString());
    }

    void firstDatagramHasNoIntervalYet()
    {
        record({datagram(hostA, 4000, m_now)});
        QCOMPARE(cell(0, SenderTableModel::LastInterval), QString());
        QCOMPARE(cell(0, SenderTableModel::IntervalJitter), QString());
        QCOMPARE(cell(0, SenderTableModel::Jitter), QString());
        QCOMPARE(cell(0, SenderTableModel::State), QStringLiteral("live"));
    }

    void followsASessionThroughClear()
    {
        MonitorSession session;
        SenderTableModel model(session);
        QAbstractItemModelTester tester(&model);
        DatagramBatch batch{datagram(hostA, 4000, WallClock::nowUs()),
                            datagram(hostB, 4000, WallClock::nowUs())};
        session.statistics().record(batch);
        emit session.pipeline().batchRecorded(batch);
        QCOMPARE(model.rowCount(), 2);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        session.clear();
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(session.statistics().senders().empty());
    }

    void recordsAgainAfterTheStatisticsWereCleared()
    {
        record({datagram(hostA, 4000, m_now), datagram(hostB, 4000, m_now)});
        m_statistics->clear();
        m_model->update();
        QCOMPARE(m_model->rowCount(), 0);
        record({datagram(hostB, 4000, m_now)});
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(cell(0, SenderTableModel::Source), QStringLiteral("198.18.0.1"));
    }

    void statisticsClearedElsewhereResetTheModel()
    {
        record({datagram(hostA, 4000, m_now), datagram(hostB, 4000, m_now)});
        m_statistics->clear();
        QVERIFY(!m_model->data(m_model->index(1, 0)).isValid()); // stale row, but no crash
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_model->update();
        QCOMPARE(reset.count(), 1);
        QCOMPARE(m_model->rowCount(), 0);
    }

private:
    void record(const DatagramBatch &batch)
    {
        m_statistics->record(batch);
        m_model->update();
    }
};

QTEST_MAIN(TestSenderTableModel)
#include "tst_sendertablemodel.moc"
