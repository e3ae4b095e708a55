#include "ReceivePipeline.h"

ReceivePipeline::ReceivePipeline(QObject *parent)
    : QObject(parent)
{
    connect(&m_listener, &MulticastListener::datagramsReceived, this, &ReceivePipeline::record);
}

void ReceivePipeline::record(const DatagramBatch &batch)
{
    m_statistics.record(batch);
    emit batchRecorded(batch);
}
