#pragma once

#include "net/ReceiverSignals.h"
#include "settings/MulticastConfig.h"

#include <QThread>

class MulticastReceiver;

// The GUI-thread face of the receiver: owns the worker thread and emits the receiver's
// signals (ReceiverSignals) on the thread it lives on.
class MulticastListener final : public ReceiverSignals
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MulticastListener)

public:
    explicit MulticastListener(QObject *parent = nullptr);
    ~MulticastListener() override;

    // Stops any current listening and starts with config; re-joins on a new group,
    // port or interface without restarting anything else.
    void start(const ReceiveConfig &config);
    void stop();
    bool isListening() const { return m_listening; }
    const ListeningStatus &status() const { return m_status; }

private:
    QThread m_thread;
    MulticastReceiver *m_receiver = nullptr; // lives on m_thread
    ListeningStatus m_status;
    bool m_listening = false;
};
