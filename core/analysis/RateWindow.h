#pragma once

#include <QtGlobal>

#include <array>

// Packets and bytes over sliding windows of up to 10 s, kept in 100 ms buckets so that
// memory is constant whatever the rate. Time is passed in by the caller (an injected clock).
class RateWindow final
{
public:
    static constexpr qint64 bucketMs = 100;
    static constexpr int bucketCount = 100; // 10 s

    struct Rate
    {
        double packetsPerSecond = 0;
        double bytesPerSecond = 0;
    };

    void add(qint64 nowMs, qint64 bytes, qint64 packets = 1);
    // Rate over the window ending at nowMs; windowMs is rounded to whole buckets (≤ 10 s).
    Rate rate(qint64 nowMs, qint64 windowMs) const;
    void clear();

private:
    struct Bucket
    {
        qint64 id = -1;
        qint64 packets = 0;
        qint64 bytes = 0;
    };
    std::array<Bucket, bucketCount> m_buckets{};
};
