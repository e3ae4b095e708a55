#pragma once

#include "net/ReceivedDatagram.h"

#include <QAbstractTableModel>

#include <vector>

// The newest datagrams, at most capacity() of them, in arrival order. Storage is a ring:
// a full model drops its oldest rows in one removal per batch, never row by row. Cell text
// is built in data(), so only the rows on screen cost anything to format.
//
// A paused model holds still: batches wait (the newest capacity() of them) and go in as
// one batch on resume, so the rows under the user's eyes do not move while they read.
class DatagramTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatagramTableModel)

public:
    enum Column {
        Time,
        Source,
        SourcePort,
        Destination,
        Size,
        Ttl,
        Ours,
        AtuTime,
        AtuOffset,
        Payload,
        ColumnCount
    };
    enum Role { OwnTransmitterRole = Qt::UserRole + 1, PayloadRole };

    static constexpr int defaultCapacity = 10000;
    static constexpr int displayedPayloadBytes = 256;
    static constexpr int toolTipPayloadBytes = 4096;

    explicit DatagramTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void appendBatch(const DatagramBatch &batch);
    void clear();

    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    // Datagrams that arrived since the pause, including any that no longer fit.
    qint64 arrivedWhilePaused() const { return m_arrivedWhilePaused; }
    int pendingCount() const { return int(m_pending.size()); }

    int capacity() const { return m_capacity; }
    // Keeps the newest rows that fit; the others count as evicted.
    void setCapacity(int capacity);
    qint64 evictedCount() const { return m_evicted; }
    const ReceivedDatagram &datagram(int row) const;

private:
    QVariant displayText(const ReceivedDatagram &datagram, int column) const;
    QString toolTip(const ReceivedDatagram &datagram, int column) const;
    void insertBatch(const DatagramBatch &batch);
    void evictOldest(int rows);
    void trimPending();

    std::vector<ReceivedDatagram> m_ring; // grows to m_capacity, then is reused in place
    int m_capacity = defaultCapacity;
    int m_head = 0; // slot of row 0, the oldest
    int m_count = 0;
    qint64 m_evicted = 0;
    bool m_paused = false;
    DatagramBatch m_pending; // oldest first, at most m_capacity
    qint64 m_arrivedWhilePaused = 0;
};
