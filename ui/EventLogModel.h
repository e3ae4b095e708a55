#pragma once

#include "analysis/TrafficStatistics.h"

#include <QAbstractTableModel>

#include <deque>

// The events of every flow, oldest first: appeared, late, silent, back, loss, restart. New
// events arrive in batches (TrafficStatistics::takeEvents()) and are inserted in one go;
// past maxRows the oldest are dropped, so a flapping sender cannot grow memory.
class EventLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogModel)

public:
    enum Column { Time, Sender, Event, ColumnCount };
    static constexpr int defaultMaxRows = 10'000;

    explicit EventLogModel(QObject *parent = nullptr);
    explicit EventLogModel(int maxRows, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void appendEvents(const QList<LivenessEvent> &events);
    void clear();
    const LivenessEvent &eventAt(int row) const { return m_events[std::size_t(row)]; }
    int maxRows() const { return m_maxRows; }

private:
    QVariant displayText(const LivenessEvent &event, int column) const;

    std::deque<LivenessEvent> m_events;
    int m_maxRows = defaultMaxRows;
};
