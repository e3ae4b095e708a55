#pragma once

#include <QtGlobal>

#include <array>

// Packets and bytes over sliding windows of up to 10 s, kept in 100 ms buckets so that
// memory is constant whatever the rate. Time is passed in by the caller (an injected clock).
class RateWindow final
{
public:
    static constexpr qint64 bucketMs = 100;
    static constexpr qint64 maxWindowMs = 10'000;
    // A window seldom starts on a bucket's edge: it touches one bucket more than it spans.
    static constexpr int bucketCount = int(maxWindowMs / bucketMs) + 1;
    // A window that starts at the first datagram is read over at least this long, so that
    // the first few datagrams of a flow do not read as a burst.
    static constexpr qint64 minimumSpanMs = 1000;

    struct Rate
    {
        double packetsPerSecond = 0;
        double bytesPerSecond = 0;
    };

    void add(qint64 nowMs, qint64 bytes, qint64 packets = 1);
    // What arrived in the windowMs (at most 10 s) before nowMs, per second: 0 once the
    // latest datagram is that old. A window reaching back past the first datagram starts
    // there, so that a flow a second old reads its rate and not a tenth of it; that first
    // datagram only marks the start, as a window's oldest edge does.
    Rate rate(qint64 nowMs, qint64 windowMs) const;
    void clear();

private:
    struct Bucket
    {
        qint64 id = -1;
        qint64 bytes = 0;
        qint32 packets = 0;
        // The first and latest arrival in the bucket, in ms after its start: a window edge
        // inside the bucket counts what arrived after it, not a guess from the bucket's share.
        quint8 firstMs = 0;
        quint8 lastMs = 0;
    };
    // The share of a bucket's datagrams that arrived after startMs and not after endMs.
    static double shareWithin(const Bucket &bucket, qint64 startMs, qint64 endMs);

    std::array<Bucket, bucketCount> m_buckets{};
    qint64 m_firstMs = 0;
    bool m_empty = true;
};
