#pragma once

#include "decoders/AtuDecoder.h"
#include "decoders/AtuMessage.h"
#include "net/LinuxDatagramReader.h"
#include "net/ReceiverSignals.h"
#include "settings/MulticastConfig.h"

#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QTimer>
#include <QUdpSocket>

#include <memory>

// Lives on a worker thread: binds, joins the group on the chosen interface, reads every
// datagram and hands them on in batches, at most flushesPerSecond times a second.
class MulticastReceiver final : public ReceiverSignals
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MulticastReceiver)

public:
    static constexpr int flushIntervalMs = 50;
    static constexpr int maxReadsPerWakeup = 4096;
    static constexpr int interfaceCheckMs = 1000;
    // How often an idle socket is drained and reported drained(), so that liveness is
    // judged on time even when nothing arrives.
    static constexpr int drainIntervalMs = 100;

    explicit MulticastReceiver(QObject *parent = nullptr);
    ~MulticastReceiver() override;

    void start(const ReceiveConfig &config);
    void stop();

private:
    void readPendingDatagrams();
    void drain();
    int readThroughQt(int maxDatagrams);
    void accept(ReceivedDatagram &&datagram);
    void flush();
    void leave();
    bool join(const ReceiveConfig &config, QString *error);
    void checkInterface();
    int grantReceiveBuffer(int requestedBytes);

    QUdpSocket m_socket;
    QTimer m_flushTimer;
    QTimer m_interfaceTimer;
    QTimer m_drainTimer;
    ReceiveConfig m_config;
    bool m_waitingForInterface = false;
    QElapsedTimer m_sinceFlush;
    DatagramBatch m_pending;
    DatagramBatch m_fastRead;
    LinuxDatagramReader m_fastReader;
    bool m_useFastReader = false;
    qint64 m_osDrops = 0; // the current socket's, as the kernel last told
    qint64 m_reportedOsDrops = 0;
    QSet<Endpoint> m_ownEndpoints;
    quint64 m_ownGeneration = ~quint64(0);
    ListeningStatus m_status;
    IpAddress m_group;
    AtuDecoder m_atuDecoder{QString::fromLatin1(AtuMessage::defaultPrefix)};
    // The fast reader's own wake-ups: every datagram is read through it, with the kernel's
    // arrival time (QUdpSocket's notifier goes quiet until Qt itself reads one).
    std::unique_ptr<QSocketNotifier> m_fastReadNotifier;
    qint64 m_drainedUs = 0;   // the watermark to report with the next flush
    qint64 m_reportedDrainUs = 0;
};
