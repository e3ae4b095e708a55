#pragma once

#include "net/ListeningStatus.h"
#include "net/ReceivedDatagram.h"

#include <QObject>

// What the receiver reports, declared once: MulticastReceiver emits these on its worker
// thread and MulticastListener, its face on the GUI thread, forwards every one of them.
class ReceiverSignals : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReceiverSignals)

signals:
    void listening(const ListeningStatus &status);
    void failed(const QString &reason);
    void stopped();
    // The joined interface went down or disappeared; listening resumes by itself (with
    // listening()) once it is back.
    void interfaceLost(const QString &reason);
    void datagramsReceived(const DatagramBatch &batch);
    // The kernel's count of datagrams it dropped (a full receive buffer) on every socket this
    // receiver has had, since it was made.
    void osDropsChanged(qint64 total);
    // Every datagram that arrived before timeUs has been handed over (in batches emitted
    // before this signal): the time up to which silence is real and not just unread.
    void drained(qint64 timeUs);

protected:
    explicit ReceiverSignals(QObject *parent = nullptr)
        : QObject(parent)
    {
    }
    ~ReceiverSignals() override = default;
};
