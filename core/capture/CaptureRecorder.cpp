#include "capture/CaptureRecorder.h"

#include <algorithm>
#include <utility>

namespace {

// What a queued datagram holds besides its payload, roughly: the ReceivedDatagram itself.
constexpr qsizetype overheadBytes = qsizetype(sizeof(ReceivedDatagram));

} // namespace

CaptureRecorder::CaptureRecorder(qsizetype capacityBytes, QObject *parent)
    : QObject(parent)
    , m_capacity(capacityBytes)
{
}

CaptureRecorder::~CaptureRecorder()
{
    close();
}

bool CaptureRecorder::open(const QString &path)
{
    if (isOpen())
        return false;
    m_path = path;
    if (!m_file.open(path) || !m_file.flush()) {
        m_error = m_file.errorString();
        m_file.close();
        return false;
    }
    m_closing = false;
    m_writer = std::thread([this] { writeQueued(); });
    return true;
}

void CaptureRecorder::record(const DatagramBatch &batch, qsizetype count)
{
    count = count < 0 ? batch.size() : std::min(count, batch.size());
    if (count <= 0 || !isOpen())
        return;
    qsizetype bytes = 0;
    for (qsizetype i = 0; i < count; ++i)
        bytes += batch[i].payload.size() + overheadBytes;
    {
        std::lock_guard lock(m_mutex);
        if (m_closing || m_failed)
            return;
        if (m_queuedBytes > 0 && m_queuedBytes + bytes > m_capacity) {
            m_dropped += count;
            return;
        }
        m_queue.push_back({batch, count, bytes});
        m_queuedBytes += bytes;
    }
    m_wake.notify_one();
}

void CaptureRecorder::writeQueued()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return !m_queue.empty() || m_closing; });
        if (m_queue.empty())
            break; // closing, and everything is written
        Pending pending = std::move(m_queue.front());
        m_queue.pop_front();
        lock.unlock();

        for (qsizetype i = 0; i < pending.count; ++i)
            m_file.write(pending.batch[i]);
        pending.batch.clear(); // the payloads' memory goes now, outside the lock

        lock.lock();
        m_queuedBytes -= pending.bytes;
        // Flushed when the queue runs empty, so a reader sees every batch so far.
        const bool ok = !m_file.hasFailed() && (!m_queue.empty() || m_file.flush());
        if (!ok) {
            m_failed = true;
            m_error = m_file.errorString();
            m_queue.clear();
            m_queuedBytes = 0;
            lock.unlock();
            emit failed(m_file.errorString());
            return;
        }
        m_written += pending.count;
    }
}

bool CaptureRecorder::close()
{
    if (!isOpen())
        return !hasFailed();
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_wake.notify_one();
    m_writer.join();
    const bool failedBefore = hasFailed();
    if (!m_file.close() && !failedBefore) {
        std::lock_guard lock(m_mutex);
        m_failed = true;
        m_error = m_file.errorString();
    }
    std::lock_guard lock(m_mutex);
    return !m_failed && m_dropped == 0;
}

QString CaptureRecorder::errorString() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

bool CaptureRecorder::hasFailed() const
{
    std::lock_guard lock(m_mutex);
    return m_failed;
}

qint64 CaptureRecorder::writtenCount() const
{
    std::lock_guard lock(m_mutex);
    return m_written;
}

qint64 CaptureRecorder::droppedCount() const
{
    std::lock_guard lock(m_mutex);
    return m_dropped;
}
