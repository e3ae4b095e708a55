#pragma once

#include "net/IpAddress.h"
#include "settings/MulticastConfig.h"
#include "time/Cadence.h"

#include <QObject>
#include <QTimer>
#include <QUdpSocket>

#include <chrono>
#include <memory>
#include <optional>

class StreamSender;

// Replicates the seed's sender: "<prefix> <python timestamp>" to group:port on the chosen
// interface, on absolute deadlines so the cadence does not drift — or sends a test stream
// (RTP, MPEG-TS, iperf 2) at a rate. Used by the transmit panel and by --send.
//
// A test stream goes out from a thread of its own (StreamSender), in batches, up to
// 100,000 datagrams a second and more; its counters are read every 100 ms and progressed()
// says so. What follows is about the ATU message, sent from the event loop.
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

    explicit Transmitter(QObject *parent = nullptr);
    ~Transmitter() override;

    // Sends the first message at once, then one every interval (or rate). With a run time,
    // the messages due before it and no more (5 s at 1 ms: 5,000), then it stops by itself;
    // with a count, a stream stops after that many datagrams (the ATU messages are counted
    // by whoever listens to sent()). False (and failed()) when the socket cannot be set up
    // or the stream's size or rate is refused.
    bool start(const TransmitConfig &config,
               std::optional<std::chrono::nanoseconds> runTime = std::nullopt,
               std::optional<qint64> count = std::nullopt);
    void stop();
    bool isRunning() const { return m_running; }
    qint64 sentCount() const;
    qint64 errorCount() const;
    qint64 skippedCount() const;
    // From the first message to now, or to stop().
    std::chrono::nanoseconds runningTime() const;
    // The last ATU message, or which datagram of a stream went last.
    QString lastMessage() const;
    QString lastError() const { return m_lastError; }
    const TransmitConfig &config() const { return m_config; }

signals:
    void started();
    // One ATU message sent (not emitted for the datagrams of a stream: see progressed()).
    void sent(const QString &message, qint64 count);
    // A stream's counters moved (every 100 ms while it sends).
    void progressed();
    void sendFailed(const QString &reason);
    // Messages given up after a stall (see catchUpLimit).
    void skipped(qint64 count);
    void failed(const QString &reason);
    void stopped();

private:
    bool openSocket(const TransmitConfig &config, int *interfaceIndex);
    bool startStream(std::optional<std::chrono::nanoseconds> runTime, std::optional<qint64> count,
                     int interfaceIndex);
    void pollStream();
    void fail(const QString &reason);
    void sendDue();
    void sendOwed(std::chrono::nanoseconds elapsed);
    void sendOne();
    void scheduleNext();

    QUdpSocket m_socket;
    QTimer m_timer;
    QTimer m_streamPoll;
    std::unique_ptr<StreamSender> m_stream;
    quint64 m_streamGeneration = 0;
    TransmitConfig m_config;
    Clock::time_point m_firstDeadline;
    Clock::time_point m_stoppedAt;
    std::optional<std::chrono::nanoseconds> m_runTime;
    qint64 m_nextTick = 0;
    qint64 m_sentCount = 0;
    qint64 m_errorCount = 0;
    qint64 m_skippedCount = 0;
    qint64 m_reportedErrors = 0; // a stream's, as last said by sendFailed()
    qint64 m_reportedSkipped = 0;
    qint64 m_streamIndex = 0; // the next datagram of the stream
    QString m_lastMessage;
    QString m_lastError;
    IpAddress m_sourceAddress;
    quint16 m_sourcePort = 0;
    bool m_running = false;
};
