#include "output/LineSink.h"

#include <QMetaObject>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <utility>

#ifdef Q_OS_UNIX
#include <csignal>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#else
#include <io.h>
#endif

#ifndef PIPE_BUF
#define PIPE_BUF 4096
#endif

namespace {

using Clock = std::chrono::steady_clock;

struct WriteResult
{
    qsizetype written = 0;
    int error = 0; // errno when not everything was written
};

// Writes all of data, retrying where the system merely asks to: a short count (the next
// call says why, such as ENOSPC), EINTR, and EAGAIN on a descriptor someone made
// non-blocking.
WriteResult writeAll(int descriptor, const char *data, qsizetype size)
{
    WriteResult result;
    while (result.written < size) {
#ifdef Q_OS_UNIX
        const auto count =
            ::write(descriptor, data + result.written, std::size_t(size - result.written));
        if (count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            pollfd writable{descriptor, POLLOUT, 0};
            ::poll(&writable, 1, -1);
            continue;
        }
#else
        const auto count = ::_write(descriptor, data + result.written,
                                    unsigned(std::min<qsizetype>(size - result.written, INT_MAX)));
#endif
        if (count > 0) {
            result.written += count;
            continue;
        }
        if (count < 0 && errno == EINTR)
            continue;
        result.error = count < 0 ? errno : EIO; // write() took nothing: no reason given
        return result;
    }
    return result;
}

// The largest write() of whole lines: a pipe or a socket takes at most PIPE_BUF bytes
// atomically, so a reader never finds a line cut off by a writer that had to give up.
qsizetype pieceLimitFor(int descriptor)
{
#ifdef Q_OS_UNIX
    struct stat status = {};
    if (::fstat(descriptor, &status) == 0 && (S_ISREG(status.st_mode) || S_ISCHR(status.st_mode)))
        return 64 * 1024;
    return PIPE_BUF;
#else
    Q_UNUSED(descriptor);
    return PIPE_BUF;
#endif
}

// A full file system took part of a line: cut the file back to the end of the last whole
// line, if the file still ends where we stopped writing.
void cutPartialLine(int descriptor, qsizetype partialBytes)
{
#ifdef Q_OS_UNIX
    struct stat status = {};
    const off_t end = ::lseek(descriptor, 0, SEEK_CUR);
    if (partialBytes <= 0 || end < partialBytes || ::fstat(descriptor, &status) != 0
        || !S_ISREG(status.st_mode) || status.st_size != end)
        return;
    if (::ftruncate(descriptor, end - partialBytes) == 0)
        ::lseek(descriptor, end - partialBytes, SEEK_SET);
#else
    Q_UNUSED(descriptor);
    Q_UNUSED(partialBytes);
#endif
}

} // namespace

// The state the sink and its writer thread share, under one mutex.
struct LineSink::Queue
{
    std::mutex mutex;
    std::condition_variable wake;     // the writer: lines to write, or stop
    std::condition_variable progress; // close(): a piece was written, or writing failed
    LineSink *owner = nullptr;        // null once the sink is gone
    int descriptor = -1;
    qsizetype capacity = 0;
    qsizetype pieceLimit = PIPE_BUF;

    QByteArray pending;             // whole lines, each ending in '\n'
    std::deque<qsizetype> lineEnds; // where each pending line ends
    qsizetype inFlightBytes = 0;    // taken by the writer, counted until all are written
    qint64 inFlightLines = 0;       // of those, lines not yet written
    qint64 written = 0;
    qint64 dropped = 0;
    int error = 0;
    bool dropping = false;
    bool droppedBefore = false;
    bool writing = false;
    bool closing = false;   // no more lines accepted
    bool abandoned = false; // close() gave up: the writer writes nothing more
    Clock::time_point lastProgress;

    qsizetype queuedBytes() const { return pending.size() + inFlightBytes; }
    bool drained() const { return error != 0 || (pending.isEmpty() && inFlightBytes == 0); }
    bool finished() const { return abandoned || error != 0 || (closing && pending.isEmpty()); }

    void run();
    void fail(int errorNumber);
};

void LineSink::Queue::run()
{
    std::unique_lock lock(mutex);
    for (;;) {
        wake.wait(lock, [this] { return !pending.isEmpty() || finished(); });
        if (finished())
            return;
        QByteArray chunk;
        chunk.swap(pending);
        std::deque<qsizetype> ends;
        ends.swap(lineEnds);
        inFlightBytes = chunk.size();
        inFlightLines = qint64(ends.size());
        writing = true;
        lock.unlock();

        qsizetype done = 0;
        auto nextEnd = ends.cbegin();
        while (done < chunk.size()) {
            // Whole lines up to pieceLimit; a longer line goes alone.
            auto pieceEnd = nextEnd + 1;
            while (pieceEnd != ends.cend() && *pieceEnd - done <= pieceLimit)
                ++pieceEnd;
            const qsizetype size = *(pieceEnd - 1) - done;
            const WriteResult result = writeAll(descriptor, chunk.constData() + done, size);
            const auto linesWritten =
                std::upper_bound(nextEnd, pieceEnd, done + result.written) - nextEnd;
            const qsizetype wholeBytes =
                linesWritten > 0 ? *(nextEnd + linesWritten - 1) - done : 0;

            lock.lock();
            if (abandoned)
                return;
            written += linesWritten;
            inFlightLines -= linesWritten;
            lastProgress = Clock::now();
            if (result.error != 0) {
                cutPartialLine(descriptor, result.written - wholeBytes);
                fail(result.error);
                return;
            }
            progress.notify_all();
            lock.unlock();
            done += size;
            nextEnd = pieceEnd;
        }

        lock.lock();
        inFlightBytes = 0;
        inFlightLines = 0;
        writing = false;
        progress.notify_all();
    }
}

// With the mutex held. Stops writing for good and tells the sink, if it is still there.
void LineSink::Queue::fail(int errorNumber)
{
    error = errorNumber;
    writing = false;
    pending = QByteArray();
    lineEnds.clear();
    inFlightBytes = 0;
    inFlightLines = 0;
    progress.notify_all();
    if (LineSink *sink = owner) {
        const QString reason = qt_error_string(errorNumber);
        QMetaObject::invokeMethod(
            sink, [sink, reason] { emit sink->failed(reason); }, Qt::QueuedConnection);
    }
}

LineSink::LineSink(int descriptor, qsizetype capacityBytes, QObject *parent)
    : QObject(parent)
    , m_queue(std::make_shared<Queue>())
{
    m_queue->owner = this;
    m_queue->descriptor = descriptor;
    m_queue->capacity = capacityBytes;
    m_queue->pieceLimit = pieceLimitFor(descriptor);
#ifdef Q_OS_UNIX
    // The writer inherits a mask that keeps asynchronous signals (SIGTERM, SIGINT) on the
    // other threads: a handler run on it would cut a blocked write() short.
    sigset_t all;
    sigset_t previous;
    sigfillset(&all);
    for (const int synchronous : {SIGPIPE, SIGSEGV, SIGBUS, SIGFPE, SIGILL})
        sigdelset(&all, synchronous);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    m_writer = std::thread([queue = m_queue] { queue->run(); });
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
#else
    m_writer = std::thread([queue = m_queue] { queue->run(); });
#endif
}

LineSink::~LineSink()
{
    close();
    const std::lock_guard lock(m_queue->mutex);
    m_queue->owner = nullptr;
}

bool LineSink::writeLine(const QByteArray &line, WhenFull whenFull)
{
    Queue &queue = *m_queue;
    bool queued = false;
    bool startedDropping = false;
    bool wasEmpty = false;
    {
        const std::lock_guard lock(queue.mutex);
        if (queue.closing || queue.error != 0)
            return false;
        const qsizetype before = queue.queuedBytes();
        if (queue.dropping && before <= queue.capacity / 2)
            queue.dropping = false;
        const bool fits = !queue.dropping && before + line.size() + 1 <= queue.capacity;
        if (fits || whenFull == WhenFull::Queue) {
            wasEmpty = queue.pending.isEmpty();
            queue.pending.append(line).append('\n');
            queue.lineEnds.push_back(queue.pending.size());
            queued = true;
        } else {
            queue.dropping = true;
            ++queue.dropped;
            startedDropping = !std::exchange(queue.droppedBefore, true);
        }
    }
    if (wasEmpty)
        queue.wake.notify_one(); // the writer waits only for an empty queue
    if (startedDropping)
        emit droppingStarted();
    return queued;
}

bool LineSink::writeLine(const std::function<QByteArray()> &makeLine, WhenFull whenFull)
{
    {
        Queue &queue = *m_queue;
        const std::lock_guard lock(queue.mutex);
        if (queue.closing || queue.error != 0)
            return false;
        if (whenFull == WhenFull::Drop && queue.dropping
            && queue.queuedBytes() > queue.capacity / 2) {
            ++queue.dropped;
            return false;
        }
    }
    return writeLine(makeLine(), whenFull);
}

qint64 LineSink::writtenLines() const
{
    const std::lock_guard lock(m_queue->mutex);
    return m_queue->written;
}

qint64 LineSink::droppedLines() const
{
    const std::lock_guard lock(m_queue->mutex);
    return m_queue->dropped;
}

qsizetype LineSink::queuedBytes() const
{
    const std::lock_guard lock(m_queue->mutex);
    return m_queue->queuedBytes();
}

bool LineSink::hasFailed() const
{
    const std::lock_guard lock(m_queue->mutex);
    return m_queue->error != 0;
}

QString LineSink::errorString() const
{
    const std::lock_guard lock(m_queue->mutex);
    return m_queue->error != 0 ? qt_error_string(m_queue->error) : QString();
}

bool LineSink::close(std::chrono::milliseconds stallTimeout, std::chrono::milliseconds maxWait)
{
    Queue &queue = *m_queue;
    std::unique_lock lock(queue.mutex);
    if (m_closed)
        return queue.error == 0 && queue.drained() && !queue.abandoned;
    m_closed = true;
    queue.closing = true;
    queue.wake.notify_one();
    const auto deadline = Clock::now() + maxWait;
    queue.lastProgress = Clock::now();
    while (!queue.drained()) {
        const auto until = std::min(deadline, queue.lastProgress + stallTimeout);
        if (Clock::now() >= until)
            break;
        queue.progress.wait_until(lock, until);
    }
    const bool everythingWritten = queue.error == 0 && queue.drained();
    if (!queue.drained()) {
        queue.abandoned = true;
        queue.dropped += qint64(queue.lineEnds.size()) + queue.inFlightLines;
        queue.pending = QByteArray();
        queue.lineEnds.clear();
        queue.inFlightBytes = 0;
        queue.inFlightLines = 0;
    }
    const bool stuck = queue.writing;
    lock.unlock();
    queue.wake.notify_one();
    if (stuck)
        m_writer.detach(); // in a write() the reader does not let finish; it holds m_queue
    else
        m_writer.join();
    return everythingWritten;
}
