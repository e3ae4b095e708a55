#pragma once

#include "net/MulticastListener.h"
#include "analysis/TrafficStatistics.h"

#include <QObject>
#include <QTimer>

// The one receive path, shared by the window and headless mode: the listener's batches
// go into the statistics first, then to whatever sinks are connected to batchRecorded().
// Liveness is judged only up to the time the receiver reports the socket drained, so a
// monitor that was stopped or descheduled, or that is not listening, never calls a sender
// silent whose datagrams are merely unread; flows of a subscription we do not listen to
// are frozen. Every change is announced, in time order.
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
    void livenessChanged(const QList<LivenessEvent> &events);

private:
    void record(const DatagramBatch &batch);
    void judgeLiveness(qint64 drainedUs);
    void announceEvents();

    MulticastListener m_listener;
    TrafficStatistics m_statistics;
};
