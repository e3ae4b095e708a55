#include "DatagramFilterModel.h"
#include "DatagramTableModel.h"

#include "TestDatagrams.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {

constexpr IpAddress localhost = IpAddress::fromIPv4(0x7f000001); // 127.0.0.1
constexpr IpAddress testNet = IpAddress::fromIPv4(0xc6120007);   // 198.18.0.7

// The next datagram from source, a millisecond after the one before.
ReceivedDatagram nextFrom(IpAddress source, const QByteArray &payload)
{
    static qint64 arrivalUs = 1'700'000'000'000'000;
    return TestDatagrams::datagram(source, 40000, arrivalUs += 1000, payload);
}

DatagramBatch numbered(int first, int count, IpAddress source = localhost)
{
    DatagramBatch batch;
    for (int n = first; n < first + count; ++n)
        batch.append(nextFrom(source, QByteArray("datagram ") + QByteArray::number(n)));
    return batch;
}

QStringList column(const QAbstractItemModel &model, int column)
{
    QStringList texts;
    for (int row = 0; row < model.rowCount(); ++row)
        texts.append(model.index(row, column).data().toString());
    return texts;
}

} // namespace

class TestDatagramFilterModel final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_model = std::make_unique<DatagramTableModel>();
        m_filter = std::make_unique<DatagramFilterModel>();
        m_filter->setSourceModel(m_model.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_filter.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }

    void cleanup()
    {
        m_tester.reset();
        m_filter.reset();
        m_model.reset();
    }

    void emptyFilterShowsEverything()
    {
        m_model->appendBatch(numbered(0, 3));
        QCOMPARE(m_filter->rowCount(), 3);
        m_filter->setFilterText(QStringLiteral("   "));
        QCOMPARE(m_filter->rowCount(), 3);
    }

    void filtersBySourceAddress()
    {
        m_model->appendBatch({nextFrom(localhost, "a"), nextFrom(testNet, "b"),
                              nextFrom(localhost, "c"), nextFrom(testNet, "d")});
        m_filter->setFilterText(QStringLiteral("198.18"));
        QCOMPARE(column(*m_filter, DatagramTableModel::Payload),
                 (QStringList{QStringLiteral("b"), QStringLiteral("d")}));
        m_filter->setFilterText(QStringLiteral("127.0.0.1"));
        QCOMPARE(column(*m_filter, DatagramTableModel::Payload),
                 (QStringList{QStringLiteral("a"), QStringLiteral("c")}));
        m_filter->setFilterText({});
        QCOMPARE(m_filter->rowCount(), 4);
    }

    // Several subscriptions feed one table: the group (and port) picks one out.
    void filtersByGroup()
    {
        const auto to = [](ReceivedDatagram datagram, const char *group, quint16 port) {
            datagram.destination = *IpAddress::parse(QString::fromLatin1(group));
            datagram.destinationPort = port;
            return datagram;
        };
        m_model->appendBatch({to(nextFrom(localhost, "a"), "239.1.1.1", 5001),
                              to(nextFrom(localhost, "b"), "239.2.2.2", 6000),
                              to(nextFrom(localhost, "c"), "ff15::1234", 5001)});
        m_filter->setFilterText(QStringLiteral("239.2.2.2"));
        QCOMPARE(column(*m_filter, DatagramTableModel::Payload), QStringList{QStringLiteral("b")});
        m_filter->setFilterText(QStringLiteral("FF15::1234"));
        QCOMPARE(column(*m_filter, DatagramTableModel::Destination),
                 QStringList{QStringLiteral("[ff15::1234]:5001")});
        m_filter->setFilterText(QStringLiteral(":5001"));
        QCOMPARE(column(*m_filter, DatagramTableModel::Payload),
                 (QStringList{QStringLiteral("a"), QStringLiteral("c")}));
    }

    void filtersByPayloadAsShown()
    {
        m_model->appendBatch({nextFrom(localhost, "ATU 2026-11-25 19:40:01.122874"),
                              nextFrom(localhost, "Hello\nWorld"),
                              nextFrom(localhost, QByteArray("\xde\xad\xbe\xef\x00\x01", 6)),
                              nextFrom(localhost, "other")});
        m_filter->setFilterText(QStringLiteral("atu 2026")); // ignoring case
        QCOMPARE(column(*m_filter, DatagramTableModel::Payload).size(), 1);
        m_filter->setFilterText(QStringLiteral("hello\\nworld")); // the escaped text
        QCOMPARE(column(*m_filter, DatagramTableModel::Payload),
                 QStringList{QStringLiteral("Hello\\nWorld")});
        m_filter->setFilterText(QStringLiteral("ad be")); // binary shows, and matches, as hex
        QCOMPARE(column(*m_filter, DatagramTableModel::Payload),
                 QStringList{QStringLiteral("de ad be ef 00 01")});
        m_filter->setFilterText(QStringLiteral("nothing like it"));
        QCOMPARE(m_filter->rowCount(), 0);
    }

    void newRowsAreFilteredWithoutRefilteringTheRest()
    {
        m_filter->setFilterText(QStringLiteral("198.18.0.7"));
        m_model->appendBatch(numbered(0, 5));
        QCOMPARE(m_filter->rowCount(), 0);
        QSignalSpy reset(m_filter.get(), &QAbstractItemModel::modelReset);
        QSignalSpy layout(m_filter.get(), &QAbstractItemModel::layoutChanged);
        QSignalSpy inserted(m_filter.get(), &QAbstractItemModel::rowsInserted);
        DatagramBatch batch = numbered(5, 3);
        batch.append(numbered(8, 2, testNet));
        m_model->appendBatch(batch);
        QCOMPARE(m_filter->rowCount(), 2);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(layout.count(), 0);
        QCOMPARE(column(*m_filter, DatagramTableModel::Payload),
                 (QStringList{QStringLiteral("datagram 8"), QStringLiteral("datagram 9")}));
    }

    void evictionReachesTheProxy()
    {
        m_model->setCapacity(4);
        m_filter->setFilterText(QStringLiteral("datagram"));
        m_model->appendBatch(numbered(0, 3));
        m_model->appendBatch(numbered(3, 3)); // 0 and 1 are evicted
        QCOMPARE(column(*m_filter, DatagramTableModel::Payload),
                 (QStringList{QStringLiteral("datagram 2"), QStringLiteral("datagram 3"),
                              QStringLiteral("datagram 4"), QStringLiteral("datagram 5")}));
    }

    void pausedRowsHoldStillThroughTheProxy()
    {
        m_model->setCapacity(5);
        m_filter->setFilterText(QStringLiteral("127.0.0.1"));
        m_model->appendBatch(numbered(0, 2));
        m_model->setPaused(true);
        QSignalSpy inserted(m_filter.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(m_filter.get(), &QAbstractItemModel::rowsRemoved);
        m_model->appendBatch(numbered(2, 4));
        m_model->appendBatch(numbered(6, 8)); // 12 arrive for a ring of 5
        QCOMPARE(m_filter->rowCount(), 2);
        QCOMPARE(column(*m_filter, DatagramTableModel::Payload),
                 (QStringList{QStringLiteral("datagram 0"), QStringLiteral("datagram 1")}));
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(m_model->arrivedWhilePaused(), qint64(12));

        m_model->setPaused(false);
        QCOMPARE(m_model->rowCount(), 5); // the capacity, not 14
        QCOMPARE(column(*m_filter, DatagramTableModel::Payload),
                 (QStringList{QStringLiteral("datagram 9"), QStringLiteral("datagram 10"),
                              QStringLiteral("datagram 11"), QStringLiteral("datagram 12"),
                              QStringLiteral("datagram 13")}));
        QCOMPARE(inserted.count(), 1);
    }

private:
    std::unique_ptr<DatagramTableModel> m_model;
    std::unique_ptr<DatagramFilterModel> m_filter;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TestDatagramFilterModel)
#include "tst_datagramfiltermodel.moc"
