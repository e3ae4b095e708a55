#include "analysis/SequenceTracker.h"

#include <algorithm>

namespace {

quint64 maskFor(int bits)
{
    return bits >= 64 ? ~quint64(0) : (quint64(1) << bits) - 1;
}

} // namespace

SequenceTracker::SequenceTracker(bool countsFromZero)
    : m_countsFromZero(countsFromZero)
{
}

SequenceTracker::Verdict SequenceTracker::add(quint64 sequence, int bits)
{
    const quint64 mask = maskFor(bits);
    sequence &= mask;
    if (!m_started || m_restartExpected) {
        const bool restarted = m_started;
        startAt(sequence, false);
        if (!restarted)
            return Verdict::First;
        ++m_restarts;
        return Verdict::Restart;
    }
    if (m_jumped && sequence == m_afterJump) {
        startAt(sequence, true);
        ++m_restarts;
        return Verdict::Restart;
    }
    const bool narrow = bits <= 16;
    const quint64 maxDropout = narrow ? maxDropout16 : maxDropoutWide;
    const quint64 maxMisorder = narrow ? maxMisorder16 : maxMisorderWide;
    const quint64 ahead = (sequence - m_highest) & mask;
    const quint64 behind = (m_highest - sequence) & mask;

    if (m_countsFromZero && sequence <= 1 && behind > restartDistance && behind <= mask / 2) {
        startAt(sequence, false);
        ++m_restarts;
        return Verdict::Restart;
    }
    if (ahead == 0) {
        m_jumped = false;
        ++m_duplicates;
        return Verdict::Duplicate;
    }
    if (ahead <= maxDropout) {
        m_jumped = false;
        m_lost += qint64(ahead - 1);
        advance(ahead);
        ++m_received;
        return Verdict::InOrder;
    }
    if (behind <= maxMisorder) {
        m_jumped = false;
        if (behind >= m_span) {
            // From before the first number we saw: late, but no gap of ours.
            ++m_reordered;
            return Verdict::Late;
        }
        const quint64 extended = m_highest - behind;
        if (seen(extended)) {
            ++m_duplicates;
            return Verdict::Duplicate;
        }
        mark(extended);
        ++m_reordered;
        ++m_received;
        if (m_lost > 0)
            --m_lost;
        return Verdict::Late;
    }
    m_jumped = true;
    m_afterJump = (sequence + 1) & mask;
    ++m_strays;
    return Verdict::Stray;
}

void SequenceTracker::startAt(quint64 sequence, bool withPrevious)
{
    m_started = true;
    m_restartExpected = false;
    m_jumped = false;
    m_seen.fill(0);
    // The extended number starts anew: only distances between numbers matter.
    m_highest = sequence;
    mark(m_highest);
    m_span = 1;
    ++m_received;
    if (withPrevious) {
        // The jump that this number confirms was the new run's first.
        mark(m_highest - 1);
        m_span = 2;
        ++m_received;
        --m_strays;
    }
}

void SequenceTracker::advance(quint64 steps)
{
    if (steps >= quint64(window)) {
        m_seen.fill(0);
    } else {
        for (quint64 i = 1; i < steps; ++i) {
            const quint64 bit = (m_highest + i) % window;
            m_seen[bit / 64] &= ~(quint64(1) << (bit % 64));
        }
    }
    m_highest += steps;
    const quint64 bit = m_highest % window;
    m_seen[bit / 64] |= quint64(1) << (bit % 64);
    m_span = std::min<quint64>(m_span + steps, window);
}

bool SequenceTracker::seen(quint64 extended) const
{
    const quint64 bit = extended % window;
    return (m_seen[bit / 64] >> (bit % 64)) & 1;
}

void SequenceTracker::mark(quint64 extended)
{
    const quint64 bit = extended % window;
    m_seen[bit / 64] |= quint64(1) << (bit % 64);
}

std::optional<double> SequenceTracker::lossPercent() const
{
    if (!m_started)
        return std::nullopt;
    return 100.0 * double(m_lost) / double(m_received + m_lost);
}
