#include "analysis/RateWindow.h"

#include <algorithm>

void RateWindow::add(qint64 nowMs, qint64 bytes, qint64 packets)
{
    const qint64 id = nowMs / bucketMs;
    Bucket &bucket = m_buckets[std::size_t(id % bucketCount)];
    if (bucket.id != id)
        bucket = Bucket{id, 0, 0};
    bucket.packets += packets;
    bucket.bytes += bytes;
}

RateWindow::Rate RateWindow::rate(qint64 nowMs, qint64 windowMs) const
{
    const qint64 buckets = std::clamp<qint64>(windowMs / bucketMs, 1, bucketCount);
    const qint64 newest = nowMs / bucketMs;
    const qint64 oldest = newest - buckets + 1;
    qint64 packets = 0;
    qint64 bytes = 0;
    for (const Bucket &bucket : m_buckets) {
        if (bucket.id >= oldest && bucket.id <= newest) {
            packets += bucket.packets;
            bytes += bucket.bytes;
        }
    }
    const double seconds = double(buckets * bucketMs) / 1000.0;
    return {double(packets) / seconds, double(bytes) / seconds};
}

void RateWindow::clear()
{
    m_buckets.fill(Bucket{});
}
