#pragma once

#include "capture/PcapFile.h"
#include "net/ReceivedDatagram.h"

#include <QObject>
#include <QString>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

// Records datagrams into a pcap file as they come (headless --pcap), written by a thread of
// its own so that whoever hands batches over never waits for the disk. Batches are queued as
// they are (a DatagramBatch is shared, not copied); the queue is bounded, and a batch that
// does not fit is dropped whole and counted. The file is flushed whenever the queue runs
// empty, so a reader finds it whole up to the last batch while the run goes on. The first
// write error stops recording and is reported once.
class CaptureRecorder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaptureRecorder)

public:
    static constexpr qsizetype defaultCapacityBytes = 64 * 1024 * 1024;

    explicit CaptureRecorder(qsizetype capacityBytes = defaultCapacityBytes, QObject *parent = nullptr);
    ~CaptureRecorder() override; // close()

    // Creates the file and writes its header to disk, so that a path that cannot be written
    // is known before anything is received. False with errorString() set.
    bool open(const QString &path);
    bool isOpen() const { return m_writer.joinable(); }
    // Queues the first count datagrams of batch (all of them when count < 0).
    void record(const DatagramBatch &batch, qsizetype count = -1);
    // Writes out what is queued, flushes and closes. True when every datagram handed over
    // was written (none dropped, no error). Takes nothing afterwards.
    bool close();

    QString path() const { return m_path; }
    QString errorString() const;
    bool hasFailed() const;
    qint64 writtenCount() const;
    qint64 droppedCount() const;

signals:
    // The first write error, emitted from the writer thread (queued to receivers elsewhere).
    void failed(const QString &reason);

private:
    struct Pending
    {
        DatagramBatch batch;
        qsizetype count = 0;
        qsizetype bytes = 0;
    };

    void writeQueued();

    const qsizetype m_capacity;
    QString m_path;
    PcapFile m_file; // the writer thread's alone between open() and close()
    std::thread m_writer;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Pending> m_queue;
    qsizetype m_queuedBytes = 0;
    qint64 m_written = 0;
    qint64 m_dropped = 0;
    QString m_error;
    bool m_failed = false;
    bool m_closing = false;
};
