#include "time/Cadence.h"

#include <algorithm>

Cadence::Cadence(Duration period, qint64 ticksPerPeriod)
    : m_period(std::max(period, Duration(1)))
    , m_ticksPerPeriod(std::max<qint64>(ticksPerPeriod, 1))
{
}

Cadence Cadence::everyInterval(Duration interval)
{
    return Cadence(interval, 1);
}

Cadence Cadence::perSecond(qint64 rate)
{
    return Cadence(std::chrono::seconds(1), rate);
}

Cadence::Duration Cadence::deadline(qint64 tick) const
{
    const qint64 period = m_period.count();
    return Duration(tick / m_ticksPerPeriod * period + tick % m_ticksPerPeriod * period / m_ticksPerPeriod);
}

qint64 Cadence::lastDue(Duration elapsed) const
{
    if (elapsed < Duration::zero())
        return -1;
    // The largest k with floor(k × P / T) ≤ e is floor(((e + 1) × T − 1) / P); with
    // e + 1 = q × P + r that is q × T + floor((r × T − 1) / P), and r × T < P × T stays small:
    // T > 1 only for rates, whose period is one second.
    const qint64 period = m_period.count();
    const qint64 end = elapsed.count() + 1;
    const qint64 whole = end / period * m_ticksPerPeriod;
    const qint64 rest = end % period;
    return rest == 0 ? whole - 1 : whole + (rest * m_ticksPerPeriod - 1) / period;
}

Cadence::DueTicks Cadence::dueTicks(qint64 next, Duration elapsed, Duration catchUpLimit) const
{
    const qint64 last = lastDue(elapsed);
    if (last < next)
        return {next, next - 1}; // nothing due yet
    const qint64 firstKept = firstAtOrAfter(elapsed - catchUpLimit);
    return {std::max(next, std::min(firstKept, last)), last};
}
