#pragma once

#include "analysis/TrafficStatistics.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <chrono>

class MonitorSession;

// One row per flow (a sender's stream to a group) of TrafficStatistics, in order of first
// appearance: its liveness, counters, rates, stream analysis (loss, jitter, delay, MPEG-TS
// continuity), arrival intervals and ATU clock offsets. The header names each column for the
// column chooser (ColumnHeaderRole). The statistics change with every batch; the model learns
// of it through update() (new senders become inserted rows) and refresh() (everything else,
// one dataChanged for all of it).
class SenderTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SenderTableModel)

public:
    // In the order the table shows them by default: what a heartbeat watcher reads first
    // comes first, then what is shown only on request (SenderColumns has the rest).
    enum Column {
        Source,
        State,
        LastSeen,
        PacketRate,
        Group,
        LossPercent,
        Format,
        Packets,
        Lost,
        Jitter, // RFC 3550
        Duplicates,
        Reordered,
        SeqRestarts,
        Delay,
        CcErrors,
        Mdi,
        Pids,
        ExpectedInterval,
        ByteRate,
        PacketRate10s,
        ByteRate10s,
        Bytes,
        Ours,
        LastInterval,
        MeanInterval,
        IntervalJitter,
        AtuOffset,
        AtuOffsetMin,
        AtuOffsetMean,
        AtuOffsetMax,
        Ports,
        FirstSeenTime,
        LastSeenTime,
        ColumnCount
    };
    enum Role {
        OwnTransmitterRole = Qt::UserRole + 1,
        AddressRole, // IpAddress
        LivenessRole, // int(Liveness)
        SortRole // what the column sorts by: numbers as numbers, addresses in address order
    };

    static constexpr std::chrono::milliseconds refreshInterval{500};

    // Shows the session's statistics and follows it by itself: rows for new senders with
    // each batch, changed cells on liveness events and every refreshInterval, a reset when
    // the session is cleared.
    explicit SenderTableModel(MonitorSession &session, QObject *parent = nullptr);
    // Shows statistics that the caller feeds; it calls update() and refresh().
    explicit SenderTableModel(const TrafficStatistics &statistics, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Call after the statistics recorded a batch: inserts the rows of new senders.
    void update();
    // Call periodically: counters changed and rates decay even without traffic.
    void refresh();

private:
    QString toolTip(const TrafficStatistics::Sender &sender, int column) const;
    QString stateToolTip(const TrafficStatistics::Sender &sender) const;
    QVariant background(const TrafficStatistics::Sender &sender) const;

    const TrafficStatistics &m_statistics;
    QTimer m_refreshTimer;
    // Rows the views know about; the statistics may already hold more senders.
    int m_rows = 0;
};
