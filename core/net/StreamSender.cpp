#include "net/StreamSender.h"

#include "generators/StreamWriter.h"
#include "time/WallClock.h"

#include <algorithm>
#include <limits>

StreamSender::StreamSender(Plan plan, std::unique_ptr<DatagramBatchSender> socket,
                           std::function<void()> finishedByItself)
    : m_plan(std::move(plan))
    , m_socket(std::move(socket))
    , m_finishedByItself(std::move(finishedByItself))
    , m_size(m_plan.writer->datagramSize())
{
    m_buffer = std::make_unique<char[]>(std::size_t(m_size) * DatagramBatchSender::maxBatch);
}

StreamSender::~StreamSender()
{
    stop();
}

void StreamSender::start(Clock::time_point first)
{
    m_first = first;
    m_thread = std::thread(&StreamSender::run, this);
}

void StreamSender::stop()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopRequested = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

QString StreamSender::lastError() const
{
    const std::lock_guard lock(m_mutex);
    return m_lastError;
}

void StreamSender::run()
{
    const qint64 total = m_plan.total.value_or(std::numeric_limits<qint64>::max());
    qint64 next = 0;
    while (next < total && !m_stopRequested) {
        const Cadence::DueTicks due = m_plan.cadence.dueTicks(next, Clock::now() - m_first, m_plan.catchUpLimit);
        if (due.first > next) {
            const qint64 resumeAt = std::min(due.first, total);
            m_skipped.fetch_add(resumeAt - next, std::memory_order_relaxed);
            next = resumeAt;
        }
        const qint64 last = std::min(due.last, total - 1);
        if (next <= last) {
            next = sendRun(next, last);
            m_next.store(next, std::memory_order_relaxed);
            continue; // time went by while sending: look again before sleeping
        }
        m_next.store(next, std::memory_order_relaxed);
        if (next < total)
            waitUntil(m_first + m_plan.cadence.deadline(next));
    }
    if (next < total) // stopped before its end
        sendEndOfStream();
    m_endedAt = Clock::now();
    if (next >= total && m_finishedByItself)
        m_finishedByItself();
}

qint64 StreamSender::sendRun(qint64 first, qint64 last)
{
    qint64 index = first;
    // A second's catch-up at a high rate is many batches: a stop need not wait for them.
    while (index <= last && !m_stopRequested) {
        const int count = int(std::min<qint64>(last - index + 1, DatagramBatchSender::maxBatch));
        const qint64 now = WallClock::nowUs();
        for (int i = 0; i < count; ++i) {
            char *out = m_buffer.get() + qsizetype(i) * m_size;
            if (m_plan.total && index + i == *m_plan.total - 1)
                m_plan.writer->writeLast(index + i, now, out);
            else
                m_plan.writer->write(index + i, now, out);
        }
        const DatagramBatchSender::Result result = m_socket->send(m_buffer.get(), m_size, count);
        m_sent.fetch_add(result.sent, std::memory_order_relaxed);
        countFailures(result);
        index += count;
    }
    return index;
}

void StreamSender::sendEndOfStream()
{
    const QByteArray end = m_plan.writer->endOfStream(m_next.load(std::memory_order_relaxed), WallClock::nowUs());
    if (end.isEmpty())
        return;
    countFailures(m_socket->send(end.constData(), int(end.size()), 1));
}

void StreamSender::countFailures(const DatagramBatchSender::Result &result)
{
    if (result.failed == 0)
        return;
    m_errors.fetch_add(result.failed, std::memory_order_relaxed);
    const QString reason = DatagramBatchSender::errorText(result.errorCode);
    const std::lock_guard lock(m_mutex);
    m_lastError = reason;
}

void StreamSender::waitUntil(Clock::time_point deadline)
{
    std::unique_lock lock(m_mutex);
    m_wake.wait_until(lock, deadline, [this] { return m_stopRequested.load(); });
}
