#include "SubscriptionTableModel.h"
#include "analysis/TrafficStatistics.h"
#include "net/SubscriptionSpec.h"

#include "StatisticsModelFixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

constexpr IpAddress host = IpAddress::fromIPv4(0x7f000001); // 127.0.0.1

Subscription subscription(const char *spec)
{
    QString error;
    const auto parsed = SubscriptionSpec::parse(QString::fromLatin1(spec), {}, &error);
    if (!parsed)
        qFatal("%s", qPrintable(error));
    return *parsed;
}

SubscriptionStatus statusOf(const Subscription &subscription, SubscriptionStatus::State state,
                            const QString &reason = {})
{
    SubscriptionStatus status;
    status.subscription = subscription;
    status.state = state;
    status.reason = reason;
    return status;
}

} // namespace

class TestSubscriptionTableModel final : public QObject,
                                         private StatisticsModelFixture<SubscriptionTableModel>
{
    Q_OBJECT

private slots:
    void init() { makeModel(); }
    void cleanup() { resetModel(); }

    void showsEachSubscriptionsFields()
    {
        m_model->setChoices({{subscription("239.1.1.1:5001@127.0.0.1"), true},
                             {subscription("10.0.0.5,239.7.7.7:6000@lo"), false}});
        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(m_model->columnCount(), int(SubscriptionTableModel::ColumnCount));
        QCOMPARE(cell(0, SubscriptionTableModel::Group), QStringLiteral("239.1.1.1"));
        QCOMPARE(cell(0, SubscriptionTableModel::Source), QString()); // any
        QCOMPARE(cell(0, SubscriptionTableModel::Port), QStringLiteral("5001"));
        QCOMPARE(cell(0, SubscriptionTableModel::Interface), QStringLiteral("127.0.0.1"));
        QCOMPARE(cell(0, SubscriptionTableModel::State), QStringLiteral("not listening"));
        QCOMPARE(m_model->index(0, SubscriptionTableModel::Enabled).data(Qt::CheckStateRole),
                 QVariant(Qt::Checked));
        QCOMPARE(cell(1, SubscriptionTableModel::Source), QStringLiteral("10.0.0.5"));
        QCOMPARE(cell(1, SubscriptionTableModel::Interface), QStringLiteral("lo"));
        QCOMPARE(cell(1, SubscriptionTableModel::State), QStringLiteral("off"));
        QCOMPARE(m_model->index(1, SubscriptionTableModel::Enabled).data(Qt::CheckStateRole),
                 QVariant(Qt::Unchecked));
        QVERIFY(m_model->flags(m_model->index(1, SubscriptionTableModel::Enabled))
                & Qt::ItemIsUserCheckable);
        QCOMPARE(m_model->enabledSubscriptions(),
                 QList<Subscription>{subscription("239.1.1.1:5001@127.0.0.1")});
    }

    void addsRemovesAndSwitchesRows()
    {
        QSignalSpy edited(m_model.get(), &SubscriptionTableModel::choicesEdited);
        QVERIFY(m_model->add(subscription("239.1.1.1:5001@lo")));
        QVERIFY(m_model->add(subscription("239.1.1.2:5002@lo")));
        QVERIFY(!m_model->add(subscription("239.1.1.2:5002@lo"))); // already there
        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(edited.count(), 2);

        QVERIFY(m_model->setData(m_model->index(0, SubscriptionTableModel::Enabled), Qt::Unchecked,
                                 Qt::CheckStateRole));
        QCOMPARE(edited.count(), 3);
        QCOMPARE(m_model->enabledSubscriptions(),
                 QList<Subscription>{subscription("239.1.1.2:5002@lo")});
        QVERIFY(!m_model->choices().at(0).enabled);
        // Counters and states are not the user's to edit.
        QVERIFY(!(m_model->flags(m_model->index(0, SubscriptionTableModel::State)) & Qt::ItemIsEditable));
        QVERIFY(!m_model->setData(m_model->index(0, SubscriptionTableModel::Packets), QStringLiteral("9")));
        QCOMPARE(edited.count(), 3);

        QVERIFY(m_model->removeRows(1, 1));
        QCOMPARE(edited.count(), 4);
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(m_model->choices().at(0).subscription, subscription("239.1.1.1:5001@lo"));
        QVERIFY(!m_model->removeRows(1, 1));
    }

    // A row's group, source, port and interface are edited in place; what would not be a
    // subscription, or would be one already in the list, is refused with the reason.
    void editsACellInPlace()
    {
        m_model->setChoices({{subscription("239.1.1.1:5001@lo"), true},
                             {subscription("239.1.1.2:5002@lo"), false}});
        QSignalSpy edited(m_model.get(), &SubscriptionTableModel::choicesEdited);
        QSignalSpy refused(m_model.get(), &SubscriptionTableModel::editRefused);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        const auto at = [this](int row, int column) { return m_model->index(row, column); };
        for (const int column : {SubscriptionTableModel::Group, SubscriptionTableModel::Source,
                                 SubscriptionTableModel::Port, SubscriptionTableModel::Interface})
            QVERIFY(m_model->flags(at(0, column)) & Qt::ItemIsEditable);
        QCOMPARE(at(0, SubscriptionTableModel::Port).data(Qt::EditRole).toString(), QStringLiteral("5001"));

        QVERIFY(m_model->setData(at(0, SubscriptionTableModel::Interface), QStringLiteral("::1")));
        QVERIFY(m_model->setData(at(0, SubscriptionTableModel::Group), QStringLiteral("[ff15::7]")));
        QVERIFY(m_model->setData(at(0, SubscriptionTableModel::Source), QStringLiteral("2001:db8::5")));
        QVERIFY(m_model->setData(at(0, SubscriptionTableModel::Port), QStringLiteral("6000")));
        QCOMPARE(edited.count(), 4);
        QCOMPARE(changed.count(), 4);
        QCOMPARE(m_model->choices().at(0).subscription.toString(), QStringLiteral("2001:db8::5,[ff15::7]:6000@::1"));
        QVERIFY(m_model->choices().at(0).enabled);
        QCOMPARE(cell(0, SubscriptionTableModel::Group), QStringLiteral("ff15::7"));
        QVERIFY(m_model->setData(at(0, SubscriptionTableModel::Port), QStringLiteral("6000")));
        QCOMPARE(edited.count(), 4); // the same value is no edit

        const auto refusedWith = [&](int row, int column, const QString &text, const QString &reason) {
            const QString before = m_model->choices().at(row).subscription.toString();
            if (m_model->setData(at(row, column), text))
                return false;
            const QString said = refused.takeLast().at(0).toString();
            if (!said.contains(reason))
                qWarning("refused with %s", qPrintable(said));
            return said.contains(reason) && m_model->choices().at(row).subscription.toString() == before;
        };
        QVERIFY(refusedWith(0, SubscriptionTableModel::Source, QStringLiteral("127.0.0.1"),
                            QStringLiteral("not of the same address family")));
        QVERIFY(refusedWith(1, SubscriptionTableModel::Group, QStringLiteral("239.01.1.2"),
                            QStringLiteral("leading zeros")));
        QVERIFY(refusedWith(1, SubscriptionTableModel::Group, QStringLiteral("232.1.1.2"),
                            QStringLiteral("232.1.1.2 is a source-specific group")));
        QVERIFY(refusedWith(1, SubscriptionTableModel::Port, QStringLiteral("70000"),
                            QStringLiteral("port \"70000\" is not a number from 1 to 65535")));
        QVERIFY(refusedWith(1, SubscriptionTableModel::Interface, QString(),
                            QStringLiteral("give a name or an address")));
        QVERIFY(m_model->setData(at(1, SubscriptionTableModel::Group), QStringLiteral("239.1.1.1")));
        QVERIFY(m_model->setData(at(0, SubscriptionTableModel::Source), QString()));
        QVERIFY(m_model->setData(at(0, SubscriptionTableModel::Group), QStringLiteral("239.1.1.1")));
        QVERIFY(m_model->setData(at(0, SubscriptionTableModel::Interface), QStringLiteral("lo")));
        QVERIFY(refusedWith(0, SubscriptionTableModel::Port, QStringLiteral("5002"),
                            QStringLiteral("239.1.1.1:5002@lo is in the list already")));
        QCOMPARE(edited.count(), 8);
        QVERIFY(!m_model->choices().at(1).enabled); // an edit leaves a row's switch alone
    }

    void choosesARowsPayloadFormat()
    {
        Subscription forced = subscription("239.1.1.2:5002@lo");
        forced.format = PayloadFormat::Mcjoin;
        m_model->setChoices({{subscription("239.1.1.1:5001@lo"), true}, {forced, true}});
        QSignalSpy edited(m_model.get(), &SubscriptionTableModel::choicesEdited);
        QSignalSpy refused(m_model.get(), &SubscriptionTableModel::editRefused);
        const auto at = [this](int row) { return m_model->index(row, SubscriptionTableModel::Format); };
        QVERIFY(m_model->flags(at(0)) & Qt::ItemIsEditable);
        QCOMPARE(cell(0, SubscriptionTableModel::Format), QStringLiteral("auto"));
        QCOMPARE(at(1).data(Qt::EditRole).toString(), QStringLiteral("mcjoin"));
        QVERIFY(!m_model->headerData(SubscriptionTableModel::Format, Qt::Horizontal, Qt::ToolTipRole)
                     .toString()
                     .isEmpty());

        QVERIFY(m_model->setData(at(0), QStringLiteral("rtp-mpegts")));
        QCOMPARE(m_model->choices().at(0).subscription.format, FormatChoice(PayloadFormat::RtpMpegTs));
        QCOMPARE(cell(0, SubscriptionTableModel::Format), QStringLiteral("rtp-mpegts"));
        QVERIFY(m_model->setData(at(1), QStringLiteral("auto")));
        QCOMPARE(m_model->choices().at(1).subscription.format, FormatChoice());
        QCOMPARE(edited.count(), 2);
        QVERIFY(m_model->setData(at(1), QStringLiteral("auto")));
        QCOMPARE(edited.count(), 2); // the same format is no edit
        // The subscription the receiver is told of carries it; the membership is the same.
        QCOMPARE(m_model->enabledSubscriptions().at(0).format, FormatChoice(PayloadFormat::RtpMpegTs));
        QVERIFY(m_model->enabledSubscriptions().at(0).sameMembership(subscription("239.1.1.1:5001@lo")));

        QVERIFY(!m_model->setData(at(0), QStringLiteral("h264")));
        QCOMPARE(refused.count(), 1);
        QVERIFY(refused.at(0).at(0).toString().contains(QStringLiteral("h264 is no payload format")));
        QCOMPARE(m_model->choices().at(0).subscription.format, FormatChoice(PayloadFormat::RtpMpegTs));
        QCOMPARE(edited.count(), 2);
    }

    void showsStatesAndTheOperatingSystemsReason()
    {
        const Subscription joined = subscription("239.1.1.1:5001@lo");
        const Subscription failed = subscription("239.1.1.2:5002@lo");
        const Subscription waiting = subscription("239.1.1.3:5003@veth9");
        const Subscription off = subscription("239.1.1.4:5004@lo");
        m_model->setChoices({{joined, true}, {failed, true}, {waiting, true}, {off, false}});
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

        ListeningStatus status;
        status.subscriptions = {statusOf(joined, SubscriptionStatus::State::Joined),
                                statusOf(failed, SubscriptionStatus::State::Failed,
                                         QStringLiteral("No buffer space available")),
                                statusOf(waiting, SubscriptionStatus::State::WaitingForInterface,
                                         QStringLiteral("interface veth9 is down"))};
        m_model->showListening(status);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(cell(0, SubscriptionTableModel::State), QStringLiteral("joined"));
        QCOMPARE(m_model->data(m_model->index(0, SubscriptionTableModel::State), Qt::ToolTipRole),
                 QVariant());
        QCOMPARE(cell(1, SubscriptionTableModel::State),
                 QStringLiteral("failed: No buffer space available"));
        QVERIFY(cell(1, SubscriptionTableModel::State, Qt::ToolTipRole)
                    .contains(QStringLiteral("No buffer space available")));
        QCOMPARE(cell(2, SubscriptionTableModel::State),
                 QStringLiteral("waiting: interface veth9 is down"));
        QCOMPARE(cell(3, SubscriptionTableModel::State), QStringLiteral("off"));

        // A reason from the network is never markup in a tooltip.
        status.subscriptions[1].reason = QStringLiteral("<b>bold</b>");
        m_model->showListening(status);
        QVERIFY(cell(1, SubscriptionTableModel::State, Qt::ToolTipRole)
                    .contains(QStringLiteral("&lt;b&gt;")));

        m_model->showFailure(QStringLiteral("cannot bind port 5001: Address in use"));
        QCOMPARE(cell(0, SubscriptionTableModel::State),
                 QStringLiteral("failed: cannot bind port 5001: Address in use"));
        QCOMPARE(cell(3, SubscriptionTableModel::State), QStringLiteral("off"));

        m_model->showStopped();
        QCOMPARE(cell(0, SubscriptionTableModel::State), QStringLiteral("not listening"));
    }

    void countsEachSubscriptionsTraffic()
    {
        const Subscription first = subscription("239.1.1.1:5001@lo");
        const Subscription second = subscription("239.1.1.2:5002@lo");
        m_model->setChoices({{first, true}, {second, true}});
        m_statistics->setSubscriptions({statusOf(first, SubscriptionStatus::State::Joined),
                                        statusOf(second, SubscriptionStatus::State::Joined)});
        QCOMPARE(cell(0, SubscriptionTableModel::Packets), QStringLiteral("0"));

        DatagramBatch batch;
        for (int i = 0; i < 5; ++i)
            batch.append(datagramTo(first, 0, m_now + i * 1000));
        batch.append(datagramTo(second, 1, m_now + 6000));
        m_statistics->record(batch);
        m_now += 10'000;

        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->refresh();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(cell(0, SubscriptionTableModel::Packets), QStringLiteral("5"));
        QCOMPARE(cell(1, SubscriptionTableModel::Packets), QStringLiteral("1"));
        // Since the first datagram, read over at least 1 s: 4 more are 4 per second.
        QCOMPARE(cell(0, SubscriptionTableModel::PacketRate), QStringLiteral("4"));

        // A row switched off shows no counters of its own.
        m_model->setData(m_model->index(1, SubscriptionTableModel::Enabled), Qt::Unchecked,
                         Qt::CheckStateRole);
        QCOMPARE(cell(1, SubscriptionTableModel::Packets), QString());
    }

private:
    ReceivedDatagram datagramTo(const Subscription &to, int index, qint64 arrivalUs)
    {
        ReceivedDatagram datagram;
        datagram.arrivalUs = arrivalUs;
        datagram.source = host;
        datagram.sourcePort = 4000;
        datagram.destination = to.group;
        datagram.destinationPort = to.port;
        datagram.subscription = index;
        datagram.payload = "x";
        return datagram;
    }
};

QTEST_MAIN(TestSubscriptionTableModel)
#include "tst_subscriptiontablemodel.moc"
