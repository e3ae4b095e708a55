#pragma once

#include "MulticastListener.h"
#include "TrafficStatistics.h"

#include <QObject>

// The one receive path, shared by the window and headless mode: the listener's batches
// go into the statistics first, then to whatever sinks are connected to batchRecorded().
class ReceivePipeline final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReceivePipeline)

public:
    explicit ReceivePipeline(QObject *parent = nullptr);

    MulticastListener &listener() { return m_listener; }
    TrafficStatistics &statistics() { return m_statistics; }
    const TrafficStatistics &statistics() const { return m_statistics; }

signals:
    void batchRecorded(const DatagramBatch &batch);

private:
    void record(const DatagramBatch &batch);

    MulticastListener m_listener;
    TrafficStatistics m_statistics;
};
