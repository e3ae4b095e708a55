#pragma once

#include "net/MulticastListener.h"
#include "analysis/TrafficStatistics.h"

#include <QObject>
#include <QTimer>

// The one receive path, shared by the window and headless mode: the listener's batches
// go into the statistics first, then to whatever sinks are connected to batchRecorded().
// A clock tick moves quiet senders to late and silent; every change is announced.
class ReceivePipeline final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReceivePipeline)

public:
    static constexpr int livenessCheckMs = 250;

    explicit ReceivePipeline(QObject *parent = nullptr);

    MulticastListener &listener() { return m_listener; }
    TrafficStatistics &statistics() { return m_statistics; }
    const TrafficStatistics &statistics() const { return m_statistics; }

signals:
    void batchRecorded(const DatagramBatch &batch);
    void livenessChanged(const QList<LivenessEvent> &events);

private:
    void record(const DatagramBatch &batch);
    void checkLiveness();
    void announceEvents();

    MulticastListener m_listener;
    TrafficStatistics m_statistics;
    QTimer m_livenessTimer;
};
