#include "output/DatagramText.h"
#include "EventLogModel.h"
#include "LivenessPalette.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTest>

namespace {

constexpr auto fatal = QAbstractItemModelTester::FailureReportingMode::Fatal;
constexpr qint64 baseUs = 1'700'000'000'000'000;

LivenessEvent livenessEvent(int n, LivenessEvent::Kind kind = LivenessEvent::Kind::Appeared,
                    qint64 silentForUs = 0)
{
    return {baseUs + n * 1'000'000 + 123'000, IpAddress::fromIPv4(0x0a000000u + quint32(n)), kind, silentForUs};
}

QList<LivenessEvent> events(int first, int count)
{
    QList<LivenessEvent> result;
    for (int n = first; n < first + count; ++n)
        result.append(livenessEvent(n));
    return result;
}

} // namespace

class TestEventLogModel final : public QObject
{
    Q_OBJECT

private slots:
    void showsTimeSenderAndEvent()
    {
        EventLogModel model;
        QAbstractItemModelTester tester(&model, fatal);
        model.appendEvents({livenessEvent(1), livenessEvent(2, LivenessEvent::Kind::Late),
                            livenessEvent(3, LivenessEvent::Kind::Silent),
                            livenessEvent(4, LivenessEvent::Kind::Back, 12'345'678)});

        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), 3);
        const auto text = [&model](int row, int column) {
            return model.index(row, column).data().toString();
        };
        QCOMPARE(text(0, EventLogModel::Time), DatagramText::clockTime(livenessEvent(1).timeUs));
        QVERIFY(text(0, EventLogModel::Time).endsWith(QStringLiteral(".123")));
        QCOMPARE(text(0, EventLogModel::Sender), QStringLiteral("10.0.0.1"));
        QCOMPARE(text(0, EventLogModel::Event), QStringLiteral("appeared"));
        QCOMPARE(text(1, EventLogModel::Event), QStringLiteral("late"));
        QCOMPARE(text(2, EventLogModel::Event), QStringLiteral("silent"));
        QCOMPARE(text(3, EventLogModel::Event), QStringLiteral("back after 12.3 s"));
        QCOMPARE(model.eventAt(3).silentForUs, 12'345'678);
        QCOMPARE(model.headerData(EventLogModel::Sender, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("Sender"));
    }

    void showsLossAndRestartWithTheirFlow()
    {
        EventLogModel model;
        QAbstractItemModelTester tester(&model, fatal);
        LivenessEvent loss = livenessEvent(1, LivenessEvent::Kind::Loss);
        loss.count = 3;
        loss.group = IpAddress::fromIPv4(0xef010103);
        loss.port = 5004;
        loss.format = PayloadFormat::Rtp;
        LivenessEvent restart = loss;
        restart.kind = LivenessEvent::Kind::Restart;
        restart.count = 1;
        model.appendEvents({loss, restart});
        QCOMPARE(model.index(0, EventLogModel::Event).data().toString(),
                 QStringLiteral("lost 3 datagrams (239.1.1.3:5004 rtp)"));
        QCOMPARE(model.index(1, EventLogModel::Event).data().toString(),
                 QStringLiteral("sequence restarted (239.1.1.3:5004 rtp)"));
        // Trouble, in late's colour.
        QCOMPARE(model.index(0, EventLogModel::Event).data(Qt::ForegroundRole).value<QColor>(),
                 LivenessPalette::accent(Liveness::Late, QGuiApplication::palette()));
    }

    void coloursEventsByTheStateTheyLeadTo()
    {
        EventLogModel model;
        model.appendEvents({livenessEvent(1), livenessEvent(2, LivenessEvent::Kind::Late),
                            livenessEvent(3, LivenessEvent::Kind::Silent)});
        const QPalette palette = QGuiApplication::palette();
        const auto decoration = [&model](int row) {
            return model.index(row, EventLogModel::Event).data(Qt::DecorationRole).value<QColor>();
        };
        QCOMPARE(decoration(0), LivenessPalette::accent(Liveness::Live, palette));
        QCOMPARE(decoration(1), LivenessPalette::accent(Liveness::Late, palette));
        QCOMPARE(decoration(2), LivenessPalette::accent(Liveness::Silent, palette));
        QVERIFY(decoration(1) != decoration(2));
        // Trouble stands out in the text too; a sender appearing is ordinary.
        QVERIFY(!model.index(0, EventLogModel::Event).data(Qt::ForegroundRole).isValid());
        QCOMPARE(model.index(2, EventLogModel::Event).data(Qt::ForegroundRole).value<QColor>(),
                 LivenessPalette::accent(Liveness::Silent, palette));
        QVERIFY(!model.index(2, EventLogModel::Sender).data(Qt::DecorationRole).isValid());
    }

    void insertsEachBatchAtOnce()
    {
        EventLogModel model;
        QAbstractItemModelTester tester(&model, fatal);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

        model.appendEvents(events(0, 250));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 249);

        model.appendEvents(events(250, 3));
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(inserted.at(1).at(1).toInt(), 250);
        QCOMPARE(inserted.at(1).at(2).toInt(), 252);
        QCOMPARE(model.rowCount(), 253);

        model.appendEvents({});
        QCOMPARE(inserted.size(), 2);
    }

    void dropsTheOldestBeyondTheBound()
    {
        EventLogModel model(5);
        QAbstractItemModelTester tester(&model, fatal);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

        model.appendEvents(events(0, 3));
        model.appendEvents(events(3, 4));
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 0);
        QCOMPARE(removed.at(0).at(2).toInt(), 1);
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(model.eventAt(0).source, livenessEvent(2).source);
        QCOMPARE(model.eventAt(4).source, livenessEvent(6).source);
    }

    void keepsTheNewestOfAnOversizedBatch()
    {
        EventLogModel model(5);
        QAbstractItemModelTester tester(&model, fatal);
        model.appendEvents(events(0, 2));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.appendEvents(events(2, 12));
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(model.eventAt(0).source, livenessEvent(9).source);
        QCOMPARE(model.eventAt(4).source, livenessEvent(13).source);
    }

    void defaultBoundIsTenThousand()
    {
        EventLogModel model;
        QCOMPARE(model.maxRows(), 10'000);
        model.appendEvents(events(0, 10'000));
        model.appendEvents(events(10'000, 1));
        QCOMPARE(model.rowCount(), 10'000);
        QCOMPARE(model.eventAt(0).source, livenessEvent(1).source);
    }

    void clearEmptiesTheLog()
    {
        EventLogModel model;
        QAbstractItemModelTester tester(&model, fatal);
        model.appendEvents(events(0, 3));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.size(), 1);
        model.appendEvents(events(3, 1));
        QCOMPARE(model.rowCount(), 1);
    }
};

QTEST_MAIN(TestEventLogModel)
#include "tst_eventlogmodel.moc"
