#pragma once

#include <QtGlobal>

#include <array>
#include <optional>

// Loss, duplicates, reordering and restarts of one numbered stream, from its sequence
// numbers in arrival order. Numbers of 16, 32 or 64 bits wrap around; each is read as the
// one nearest the highest so far (RFC 3550, Appendix A.1). Up to maxDropout ahead is in
// order, the numbers skipped counted lost; up to maxMisorder behind is a duplicate if it was
// seen (the last `window` numbers are remembered) or else late: reordered, and taken back
// from lost if it filled a counted gap. Anything further is a jump: the sender restarted if
// the next number follows it, else it is ignored as a stray. Streams that count from 0
// (iperf 2, mcjoin) also restart on a 0 or 1 more than restartDistance behind, and after
// expectRestart() (iperf 2's final datagram) the next number starts a new run.
//
// Constant memory (a bitmap of the window), constant time per number.
class SequenceTracker final
{
public:
    static constexpr int window = 1024;
    static constexpr quint64 maxDropout16 = 3000; // RFC 3550's MAX_DROPOUT and MAX_MISORDER
    static constexpr quint64 maxMisorder16 = 100;
    static constexpr quint64 maxDropoutWide = quint64(1) << 20; // 32- and 64-bit numbers
    static constexpr quint64 maxMisorderWide = window - 1;
    static constexpr quint64 restartDistance = 16;

    enum class Verdict { First, InOrder, Duplicate, Late, Stray, Restart };

    explicit SequenceTracker(bool countsFromZero = false);

    Verdict add(quint64 sequence, int bits);
    void expectRestart() { m_restartExpected = m_started; }

    qint64 received() const { return m_received; } // distinct numbers counted
    qint64 lost() const { return m_lost; }
    qint64 duplicates() const { return m_duplicates; }
    qint64 reordered() const { return m_reordered; }
    qint64 restarts() const { return m_restarts; }
    qint64 strays() const { return m_strays; }
    // Lost of everything expected (received + lost), in percent; nothing before a number.
    std::optional<double> lossPercent() const;

private:
    void startAt(quint64 sequence, bool withPrevious);
    void advance(quint64 steps);
    bool seen(quint64 extended) const;
    void mark(quint64 extended);

    bool m_countsFromZero = false;
    bool m_started = false;
    bool m_restartExpected = false;
    quint64 m_highest = 0; // extended: counts on past the wrap of the stream's numbers
    quint64 m_span = 0;    // numbers at and below the highest that belong to this run (≤ window)
    bool m_jumped = false;
    quint64 m_afterJump = 0; // the number that would confirm the jump
    std::array<quint64, window / 64> m_seen{};
    qint64 m_received = 0;
    qint64 m_lost = 0;
    qint64 m_duplicates = 0;
    qint64 m_reordered = 0;
    qint64 m_restarts = 0;
    qint64 m_strays = 0;
};
