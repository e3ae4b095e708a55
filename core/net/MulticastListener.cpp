#include "net/MulticastListener.h"

#include "net/MulticastReceiver.h"

#include <QMetaMethod>

MulticastListener::MulticastListener(QObject *parent)
    : ReceiverSignals(parent)
    , m_receiver(new MulticastReceiver)
{
    qRegisterMetaType<DatagramBatch>();
    qRegisterMetaType<ListeningStatus>();
    m_thread.setObjectName(QStringLiteral("multicast-receiver"));
    m_receiver->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_receiver, &QObject::deleteLater);
    // Connected before anyone else can connect, so the state is up to date in their slots.
    connect(this, &ReceiverSignals::listening, this, [this](const ListeningStatus &status) {
        m_status = status;
        m_listening = true;
    });
    const auto notListening = [this] { m_listening = false; };
    connect(this, &ReceiverSignals::failed, this, notListening);
    connect(this, &ReceiverSignals::interfaceLost, this, notListening);
    connect(this, &ReceiverSignals::stopped, this, notListening);
    // Every signal the receiver emits on its thread is emitted again by this object on ours.
    const QMetaObject &reports = ReceiverSignals::staticMetaObject;
    for (int i = reports.methodOffset(); i < reports.methodCount(); ++i) {
        const QMetaMethod signal = reports.method(i);
        if (signal.methodType() == QMetaMethod::Signal)
            connect(m_receiver, signal, this, signal);
    }
    m_thread.start();
}

MulticastListener::~MulticastListener()
{
    QMetaObject::invokeMethod(m_receiver, &MulticastReceiver::stop, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void MulticastListener::start(const ReceiveConfig &config)
{
    QMetaObject::invokeMethod(m_receiver, [receiver = m_receiver, config] { receiver->start(config); });
}

void MulticastListener::stop()
{
    QMetaObject::invokeMethod(m_receiver, &MulticastReceiver::stop);
}
