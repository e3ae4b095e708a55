#include "analysis/RateWindow.h"

#include <algorithm>

void RateWindow::add(qint64 nowMs, qint64 bytes, qint64 packets)
{
    if (nowMs < 0)
        return;
    const qint64 id = nowMs / bucketMs;
    const auto offset = quint8(nowMs - id * bucketMs);
    Bucket &bucket = m_buckets[std::size_t(id % bucketCount)];
    if (bucket.id > id)
        return; // older than the longest window: nothing will ask for it
    if (bucket.id != id)
        bucket = Bucket{id, 0, 0, offset, offset};
    bucket.packets += qint32(packets);
    bucket.bytes += bytes;
    bucket.firstMs = std::min(bucket.firstMs, offset);
    bucket.lastMs = std::max(bucket.lastMs, offset);
    m_firstMs = m_empty ? nowMs : std::min(m_firstMs, nowMs);
    m_empty = false;
}

// Arrivals are taken as spread evenly over the whole milliseconds from the bucket's first
// to its latest; a bucket with one datagram, or all in one millisecond, is counted exactly.
double RateWindow::shareWithin(const Bucket &bucket, qint64 startMs, qint64 endMs)
{
    const qint64 first = bucket.id * bucketMs + bucket.firstMs;
    const qint64 last = bucket.id * bucketMs + bucket.lastMs;
    const qint64 inside = std::min(last, endMs) - std::max(first - 1, startMs);
    return std::clamp(double(inside) / double(last - first + 1), 0.0, 1.0);
}

RateWindow::Rate RateWindow::rate(qint64 nowMs, qint64 windowMs) const
{
    if (m_empty)
        return {};
    windowMs = std::clamp<qint64>(windowMs, 1, maxWindowMs);
    qint64 startMs = nowMs - windowMs;
    qint64 spanMs = windowMs;
    if (m_firstMs >= startMs) {
        startMs = m_firstMs;
        spanMs = std::max(nowMs - m_firstMs, std::min(minimumSpanMs, windowMs));
    }
    double packets = 0;
    double bytes = 0;
    for (const Bucket &bucket : m_buckets) {
        if (bucket.id < 0)
            continue;
        const double share = shareWithin(bucket, startMs, nowMs);
        packets += share * bucket.packets;
        bytes += share * double(bucket.bytes);
    }
    const double seconds = double(spanMs) / 1000.0;
    return {packets / seconds, bytes / seconds};
}

void RateWindow::clear()
{
    m_buckets.fill(Bucket{});
    m_firstMs = 0;
    m_empty = true;
}
