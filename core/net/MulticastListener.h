#pragma once

#include "net/ListeningStatus.h"
#include "settings/MulticastConfig.h"
#include "net/ReceivedDatagram.h"

#include <QObject>
#include <QThread>

class MulticastReceiver;

// The GUI-thread face of the receiver: owns the worker thread and forwards its signals.
class MulticastListener final : public QObject
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

signals:
    void listening(const ListeningStatus &status);
    void failed(const QString &reason);
    void stopped();
    void interfaceLost(const QString &reason);
    void datagramsReceived(const DatagramBatch &batch);
    void osDropsChanged(qint64 total);
    void drained(qint64 timeUs); // MulticastReceiver::drained()

private:
    QThread m_thread;
    MulticastReceiver *m_receiver = nullptr; // lives on m_thread
    ListeningStatus m_status;
    bool m_listening = false;
};
