#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

// A timer for any wait the command line accepts, up to 100 years. QTimer takes at most
// INT_MAX ms (24.8 days) and misreads more (it ends at once, or never), so a long wait is
// re-armed in chunks of at most a day until its deadline on the steady clock is reached.
// A repeating LongTimer keeps to absolute deadlines (start + k × interval, no drift); after
// a stall it fires once and goes on with the next deadline ahead instead of in a burst.
class LongTimer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LongTimer)

public:
    using Clock = std::chrono::steady_clock;

    static constexpr std::chrono::seconds maxInterval{36525LL * 24 * 60 * 60}; // 100 years
    static constexpr std::chrono::hours maxChunk{24};

    explicit LongTimer(QObject *parent = nullptr);

    void setSingleShot(bool singleShot) { m_singleShot = singleShot; }
    // interval: above 0 and at most maxInterval (the callers validate it).
    void start(std::chrono::nanoseconds interval);
    void stop();
    bool isActive() const { return m_timer.isActive(); }

    // Seconds, as the command line gives them, to the nearest nanosecond.
    static std::chrono::nanoseconds fromSeconds(double seconds);
    // How long to arm the underlying QTimer with `remaining` to go: whole milliseconds
    // rounded up (a timer may be late, never early), at most maxChunk.
    static std::chrono::milliseconds armFor(std::chrono::nanoseconds remaining);

signals:
    void timeout();

private:
    void arm();
    void elapsed();

    QTimer m_timer;
    Clock::time_point m_deadline;
    std::chrono::nanoseconds m_interval{0};
    bool m_singleShot = false;
};
