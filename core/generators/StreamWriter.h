#pragma once

#include <QByteArray>
#include <QtGlobal>

// Writes the datagrams of one test stream, each the same size, into buffers the sender
// owns, so a stream of 100,000 datagrams a second allocates nothing per datagram. The
// sender's thread is the only one to call a writer.
class StreamWriter
{
public:
    virtual ~StreamWriter() = default;

    virtual int datagramSize() const = 0;
    // Datagram `index` of the stream (0, 1, 2, …) into `out` (datagramSize() bytes), sent at
    // wall time `wallTimeUs`. Indexes only grow, and jump ahead over datagrams skipped after
    // a stall; what a format derives from time follows the index, not the calls.
    virtual void write(qint64 index, qint64 wallTimeUs, char *out) = 0;
    // The last datagram of a stream whose length is known (--count, --duration): iperf 2's
    // marks the end of the test in it. The same as write() for the other formats.
    virtual void writeLast(qint64 index, qint64 wallTimeUs, char *out) { write(index, wallTimeUs, out); }
    // What the stream's reader needs when it was stopped before its end, `count` datagrams
    // having been due: iperf 2's end of test, one more datagram. Empty for formats that
    // have none.
    virtual QByteArray endOfStream(qint64 count, qint64 wallTimeUs)
    {
        Q_UNUSED(count)
        Q_UNUSED(wallTimeUs)
        return {};
    }
};
