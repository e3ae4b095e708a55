#pragma once

#include <QtGlobal>

#include <chrono>

// When each datagram of a paced sender is due, as whole ticks on absolute deadlines: tick k
// at k × period / ticksPerPeriod after the first, rounded down to the nanosecond. An
// interval is one tick per period (1.5 ms: 0, 1.5, 3 ms, …); a rate R per second is R ticks
// per second (3/s: 0, 333,333,333 ns, 666,666,666 ns, 1 s, …), so a rate keeps whole
// seconds exact and a run of D seconds holds exactly D × R deadlines. The arithmetic is split
// so that no product overflows, whatever the tick or the time.
class Cadence final
{
public:
    using Duration = std::chrono::nanoseconds;

    // Ticks `first` to `last` inclusive; empty when last < first.
    struct DueTicks
    {
        qint64 first = 0;
        qint64 last = -1;
    };

    // interval ≥ 1 ns; rate from 1 to 1,000,000 per second.
    static Cadence everyInterval(Duration interval);
    static Cadence perSecond(qint64 rate);

    Duration deadline(qint64 tick) const;
    // The last tick due `elapsed` after the first (its deadline ≤ elapsed); −1 before it.
    qint64 lastDue(Duration elapsed) const;
    // How many deadlines fall before `end` (a run of that length sends these).
    qint64 countBefore(Duration end) const { return lastDue(end - Duration(1)) + 1; }
    // The first tick whose deadline is at or after `time`.
    qint64 firstAtOrAfter(Duration time) const { return countBefore(time); }

    // The ticks to send `elapsed` after the first, `next` being the first not sent yet: all
    // those due, except those more than `catchUpLimit` overdue — but at least the last one
    // due, so a long stall ends with one datagram.
    DueTicks dueTicks(qint64 next, Duration elapsed, Duration catchUpLimit) const;

private:
    Cadence(Duration period, qint64 ticksPerPeriod);

    Duration m_period{1};
    qint64 m_ticksPerPeriod = 1;
};
