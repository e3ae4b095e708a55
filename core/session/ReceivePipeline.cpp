#include "session/ReceivePipeline.h"

#include "time/WallClock.h"

ReceivePipeline::ReceivePipeline(QObject *parent)
    : QObject(parent)
{
    connect(&m_listener, &MulticastListener::datagramsReceived, this, &ReceivePipeline::record);
    connect(&m_listener, &MulticastListener::drained, this, &ReceivePipeline::judgeLiveness);
    connect(&m_listener, &MulticastListener::osDropsChanged, this,
            [this](qint64 total) { m_statistics.setOsDropsTotal(total); });
    connect(&m_listener, &MulticastListener::listening, this, [this](const ListeningStatus &status) {
        m_statistics.setSubscriptions(status.subscriptions);
        m_statistics.watch(status.joined(), WallClock::nowUs());
    });
    // Not listening: every flow's liveness holds still until we listen again.
    const auto freeze = [this] { m_statistics.watch({}, WallClock::nowUs()); };
    connect(&m_listener, &MulticastListener::stopped, this, freeze);
    connect(&m_listener, &MulticastListener::interfaceLost, this, freeze);
    connect(&m_listener, &MulticastListener::failed, this, freeze);
}

void ReceivePipeline::record(const DatagramBatch &batch)
{
    m_statistics.record(batch);
    emit batchRecorded(batch);
    announceEvents();
}

void ReceivePipeline::judgeLiveness(qint64 drainedUs)
{
    m_statistics.updateLiveness(drainedUs);
    announceEvents();
}

void ReceivePipeline::announceEvents()
{
    const QList<LivenessEvent> events = m_statistics.takeEvents();
    if (!events.isEmpty())
        emit livenessChanged(events);
}
