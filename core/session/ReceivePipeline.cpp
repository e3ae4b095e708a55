#include "session/ReceivePipeline.h"

ReceivePipeline::ReceivePipeline(QObject *parent)
    : QObject(parent)
    , m_livenessTimer(this)
{
    connect(&m_listener, &MulticastListener::datagramsReceived, this, &ReceivePipeline::record);
    connect(&m_livenessTimer, &QTimer::timeout, this, &ReceivePipeline::checkLiveness);
    connect(&m_listener, &MulticastListener::osDropsChanged, this,
            [this](qint64 total) { m_statistics.setSocketOsDrops(total); });
    // Each new socket counts its drops from zero.
    connect(&m_listener, &MulticastListener::listening, this, [this] { m_statistics.socketClosed(); });
    m_livenessTimer.start(livenessCheckMs);
}

void ReceivePipeline::record(const DatagramBatch &batch)
{
    m_statistics.record(batch);
    emit batchRecorded(batch);
    announceEvents();
}

void ReceivePipeline::checkLiveness()
{
    m_statistics.updateLiveness();
    announceEvents();
}

void ReceivePipeline::announceEvents()
{
    const QList<LivenessEvent> events = m_statistics.takeEvents();
    if (!events.isEmpty())
        emit livenessChanged(events);
}
