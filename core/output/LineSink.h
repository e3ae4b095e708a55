#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>
#include <thread>

// Lines of output written to a file descriptor by a thread of its own, so that whoever
// prints (the receive path, a timer on the GUI thread) never waits for the reader. The queue
// is bounded in bytes: when a line does not fit, lines are dropped whole and counted until
// the queue has drained to half; a line is never cut to fit. The first write error stops
// writing for good and is reported once.
//
// Lines go out in write() calls of whole lines, at most PIPE_BUF bytes into a pipe or a
// socket (atomic there), so a reader finds only whole lines even when the process ends while
// it is stalled; only a single line longer than that can be cut then. A line that a full file
// system took in part is cut off the file again.
class LineSink final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LineSink)

public:
    static constexpr qsizetype defaultCapacityBytes = 4 * 1024 * 1024;
    static constexpr std::chrono::milliseconds defaultStallTimeout{1500};
    static constexpr std::chrono::milliseconds defaultMaxWait{5000};

    enum class WhenFull {
        Drop,
        Queue, // queued even beyond the capacity: for the last line of a run
    };

    // Does not own descriptor; -1 (standard output was closed) fails at the first write.
    explicit LineSink(int descriptor, qsizetype capacityBytes = defaultCapacityBytes,
                      QObject *parent = nullptr);
    // close() with the default waits, if it was not closed.
    ~LineSink() override;

    // Queues line and a newline without waiting. False when it was dropped (counted) or
    // writing has stopped (after an error or close(); not counted).
    bool writeLine(const QByteArray &line, WhenFull whenFull = WhenFull::Drop);
    // The same, but calls makeLine only when the line may be queued: formatting lines that a
    // stalled reader would lose anyway is what keeps a flood from falling behind.
    bool writeLine(const std::function<QByteArray()> &makeLine, WhenFull whenFull = WhenFull::Drop);

    qint64 writtenLines() const;
    qint64 droppedLines() const; // the queue was full, or close() gave up on them
    qsizetype queuedBytes() const;
    bool hasFailed() const;
    QString errorString() const; // why the first write failed: "No space left on device"

    // Waits until every queued line is written; gives up when nothing could be written for
    // stallTimeout, or after maxWait, and counts the lines left as dropped. A writer stuck
    // in write() is left behind (the process may exit). Accepts no line afterwards.
    // True when everything was written.
    bool close(std::chrono::milliseconds stallTimeout = defaultStallTimeout,
               std::chrono::milliseconds maxWait = defaultMaxWait);

signals:
    void droppingStarted();             // the first line dropped because the queue was full
    void failed(const QString &reason); // the first write error (queued from the writer)

private:
    struct Queue;

    std::shared_ptr<Queue> m_queue; // shared with the writer, which may outlive the sink
    std::thread m_writer;
    bool m_closed = false;
};
