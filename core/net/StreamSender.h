#pragma once

#include "net/DatagramBatchSender.h"
#include "time/Cadence.h"

#include <QString>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

class StreamWriter;

// Sends a test stream from a thread of its own, so that neither the window nor a slow event
// loop holds it up: every datagram on its absolute deadline (Cadence), all those due sent at
// once in batches, never drifting. It sleeps until the next deadline; the system wakes it a
// little late (~50 µs on Linux), so at 100,000 datagrams/s each wake sends a handful. What is
// more than catchUpLimit overdue after a stall is skipped and counted. The counters can be
// read from any thread while it runs.
class StreamSender final
{
    Q_DISABLE_COPY_MOVE(StreamSender)

public:
    using Clock = std::chrono::steady_clock;

    struct Plan
    {
        std::unique_ptr<StreamWriter> writer;
        Cadence cadence;
        // How many datagrams are due in all (from --count and --duration); none: until stopped.
        std::optional<qint64> total;
        std::chrono::nanoseconds catchUpLimit{std::chrono::seconds(1)};
    };

    // `finishedByItself` is called on the sender's thread once the last datagram is out.
    StreamSender(Plan plan, std::unique_ptr<DatagramBatchSender> socket,
                 std::function<void()> finishedByItself);
    ~StreamSender();

    // Datagram 0 is due at `first`.
    void start(Clock::time_point first);
    // Ends the stream (with the format's end-of-stream datagram) and waits for the thread.
    void stop();

    qint64 sentCount() const { return m_sent.load(std::memory_order_relaxed); }
    qint64 errorCount() const { return m_errors.load(std::memory_order_relaxed); }
    qint64 skippedCount() const { return m_skipped.load(std::memory_order_relaxed); }
    // The index of the next datagram: how many were due so far.
    qint64 nextIndex() const { return m_next.load(std::memory_order_relaxed); }
    QString lastError() const;
    // When the thread ended (valid once stop() returned).
    Clock::time_point endedAt() const { return m_endedAt; }

private:
    void run();
    // Sends datagrams first to last; the next index (earlier when asked to stop).
    qint64 sendRun(qint64 first, qint64 last);
    void sendEndOfStream();
    void countFailures(const DatagramBatchSender::Result &result);
    void waitUntil(Clock::time_point deadline);

    Plan m_plan;
    std::unique_ptr<DatagramBatchSender> m_socket;
    std::function<void()> m_finishedByItself;
    std::unique_ptr<char[]> m_buffer;
    int m_size = 0;
    Clock::time_point m_first;
    Clock::time_point m_endedAt;
    std::thread m_thread;
    mutable std::mutex m_mutex; // for m_wake and m_lastError
    std::condition_variable m_wake;
    std::atomic<bool> m_stopRequested{false};
    QString m_lastError;
    std::atomic<qint64> m_sent{0};
    std::atomic<qint64> m_errors{0};
    std::atomic<qint64> m_skipped{0};
    std::atomic<qint64> m_next{0};
};
