#pragma once

#include "net/Transmitter.h"
#include "session/ReceivePipeline.h"

#include <QObject>

// Everything one run of the program watches and sends: the receive pipeline (listener,
// statistics, liveness) and the transmitter. main() builds one and hands it to the window
// or to a headless runner; models and widgets connect to its parts directly, and forget
// what they show when it emits cleared().
class MonitorSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MonitorSession)

public:
    explicit MonitorSession(QObject *parent = nullptr);

    ReceivePipeline &pipeline() { return m_pipeline; }
    MulticastListener &listener() { return m_pipeline.listener(); }
    TrafficStatistics &statistics() { return m_pipeline.statistics(); }
    const TrafficStatistics &statistics() const { return m_pipeline.statistics(); }
    Transmitter &transmitter() { return m_transmitter; }

    // Forgets every flow, total and event (listening and sending go on).
    void clear();

signals:
    void cleared();

private:
    ReceivePipeline m_pipeline;
    Transmitter m_transmitter;
};
