#pragma once

#include "net/IpAddress.h"
#include "settings/MulticastConfig.h"

#include <QObject>
#include <QTimer>
#include <QUdpSocket>

#include <chrono>
#include <optional>

// Replicates the seed's sender: "<prefix> <python timestamp>" to group:port on the chosen
// interface, on absolute deadlines so the cadence does not drift. Used by the transmit
// panel and by --send.
//
// Message k is due at first + k × interval, to the microsecond. The event loop's timers
// have millisecond resolution, so the timer is armed for the next deadline rounded up and
// every message due by then goes out when it fires: a message is never early, at most ~1 ms
// late, and none is lost to rounding (an interval of 1.5 ms sends 2,000 in 3 s). When the
// process was held up, the messages it owes are sent at once, in a burst; those more than
// catchUpLimit overdue (a suspended machine, a stopped process) are skipped and counted,
// and the cadence goes on from the next deadline.
class Transmitter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Transmitter)

public:
    using Clock = std::chrono::steady_clock;

    static constexpr std::chrono::seconds catchUpLimit{1};

    // Ticks `first` to `last` inclusive; empty when last < first.
    struct DueTicks
    {
        qint64 first = 0;
        qint64 last = -1;
    };

    explicit Transmitter(QObject *parent = nullptr);
    ~Transmitter() override;

    // Sends the first message at once, then one every interval. With a run time, the
    // messages due before it and no more (5 s at 1 ms: 5,000), then it stops by itself.
    // False (and failed()) when the socket cannot be set up.
    bool start(const TransmitConfig &config,
               std::optional<std::chrono::nanoseconds> runTime = std::nullopt);
    void stop();
    bool isRunning() const { return m_running; }
    qint64 sentCount() const { return m_sentCount; }
    qint64 errorCount() const { return m_errorCount; }
    qint64 skippedCount() const { return m_skippedCount; }
    // From the first message to now, or to stop().
    std::chrono::nanoseconds runningTime() const;
    QString lastMessage() const { return m_lastMessage; }
    QString lastError() const { return m_lastError; }

    // The ticks to send `elapsed` after the first one, when `next` is the first not sent
    // yet: all those due, except the ones more than catchUpLimit overdue, which are
    // skipped — but at least the last one due, so a long stall ends with one message.
    static DueTicks dueTicks(qint64 next, std::chrono::nanoseconds elapsed,
                             std::chrono::nanoseconds interval);

signals:
    void started();
    void sent(const QString &message, qint64 count);
    void sendFailed(const QString &reason);
    // Messages given up after a stall (see catchUpLimit).
    void skipped(qint64 count);
    void failed(const QString &reason);
    void stopped();

private:
    void sendDue();
    void sendOwed(std::chrono::nanoseconds elapsed);
    void sendOne();
    void scheduleNext();

    QUdpSocket m_socket;
    QTimer m_timer;
    TransmitConfig m_config;
    Clock::time_point m_firstDeadline;
    Clock::time_point m_stoppedAt;
    std::optional<std::chrono::nanoseconds> m_runTime;
    qint64 m_nextTick = 0;
    qint64 m_sentCount = 0;
    qint64 m_errorCount = 0;
    qint64 m_skippedCount = 0;
    QString m_lastMessage;
    QString m_lastError;
    IpAddress m_sourceAddress;
    quint16 m_sourcePort = 0;
    bool m_running = false;
};
