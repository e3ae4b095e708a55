#include "net/MulticastListener.h"

#include "net/MulticastReceiver.h"

MulticastListener::MulticastListener(QObject *parent)
    : QObject(parent)
    , m_receiver(new MulticastReceiver)
{
    qRegisterMetaType<DatagramBatch>();
    qRegisterMetaType<ListeningStatus>();
    m_thread.setObjectName(QStringLiteral("multicast-receiver"));
    m_receiver->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_receiver, &QObject::deleteLater);
    connect(m_receiver, &MulticastReceiver::listening, this, [this](const ListeningStatus &status) {
        m_status = status;
        m_listening = true;
        emit listening(status);
    });
    connect(m_receiver, &MulticastReceiver::failed, this, [this](const QString &reason) {
        m_listening = false;
        emit failed(reason);
    });
    connect(m_receiver, &MulticastReceiver::interfaceLost, this, [this](const QString &reason) {
        m_listening = false;
        emit interfaceLost(reason);
    });
    connect(m_receiver, &MulticastReceiver::stopped, this, [this] {
        m_listening = false;
        emit stopped();
    });
    connect(m_receiver, &MulticastReceiver::datagramsReceived, this,
            &MulticastListener::datagramsReceived);
    connect(m_receiver, &MulticastReceiver::osDropsChanged, this, &MulticastListener::osDropsChanged);
    connect(m_receiver, &MulticastReceiver::drained, this, &MulticastListener::drained);
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
