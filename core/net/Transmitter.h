#pragma once

#include "net/IpAddress.h"
#include "settings/MulticastConfig.h"

#include <QObject>
#include <QTimer>
#include <QUdpSocket>

#include <chrono>

// Replicates the seed's sender: "<prefix> <python timestamp>" to group:port on the chosen
// interface, on absolute deadlines so the cadence does not drift. Used by the transmit
// panel and by --send.
class Transmitter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Transmitter)

public:
    explicit Transmitter(QObject *parent = nullptr);
    ~Transmitter() override;

    // Sends the first message at once, then one every interval. False (and failed()) when
    // the socket cannot be set up.
    bool start(const TransmitConfig &config);
    void stop();
    bool isRunning() const { return m_running; }
    qint64 sentCount() const { return m_sentCount; }
    qint64 errorCount() const { return m_errorCount; }
    QString lastMessage() const { return m_lastMessage; }
    QString lastError() const { return m_lastError; }

    // The tick to send next, after `tick` was sent `elapsed` after the first send: the next
    // one normally; when the loop fell behind, the first whose deadline is still ahead, so
    // missed ticks are skipped rather than sent in a burst. Tick k is due at first + k × interval.
    static qint64 nextTick(qint64 tick, std::chrono::nanoseconds elapsed, std::chrono::nanoseconds interval);

signals:
    void started();
    void sent(const QString &message, qint64 count);
    void sendFailed(const QString &reason);
    void failed(const QString &reason);
    void stopped();

private:
    void sendNext();
    void scheduleNext();

    using Clock = std::chrono::steady_clock;

    QUdpSocket m_socket;
    QTimer m_timer;
    TransmitConfig m_config;
    Clock::time_point m_firstDeadline;
    qint64 m_tick = 0;
    qint64 m_sentCount = 0;
    qint64 m_errorCount = 0;
    QString m_lastMessage;
    QString m_lastError;
    IpAddress m_sourceAddress;
    quint16 m_sourcePort = 0;
    bool m_running = false;
};
