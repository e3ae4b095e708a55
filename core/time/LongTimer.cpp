#include "time/LongTimer.h"

#include <algorithm>
#include <cmath>

LongTimer::LongTimer(QObject *parent)
    : QObject(parent)
    , m_timer(this)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5 % early
    connect(&m_timer, &QTimer::timeout, this, &LongTimer::elapsed);
}

void LongTimer::start(std::chrono::nanoseconds interval)
{
    m_interval =
        std::clamp(interval, std::chrono::nanoseconds(1), std::chrono::nanoseconds(maxInterval));
    m_deadline = Clock::now() + m_interval;
    arm();
}

void LongTimer::stop()
{
    m_timer.stop();
}

std::chrono::nanoseconds LongTimer::fromSeconds(double seconds)
{
    return std::chrono::nanoseconds(std::llround(seconds * 1e9));
}

std::chrono::milliseconds LongTimer::armFor(std::chrono::nanoseconds remaining)
{
    using namespace std::chrono;
    if (remaining <= nanoseconds::zero())
        return milliseconds::zero();
    return std::min(ceil<milliseconds>(remaining), duration_cast<milliseconds>(maxChunk));
}

void LongTimer::arm()
{
    m_timer.start(armFor(m_deadline - Clock::now()));
}

void LongTimer::elapsed()
{
    const auto now = Clock::now();
    if (now < m_deadline) {
        arm(); // one chunk of a long wait
        return;
    }
    if (!m_singleShot) {
        // The next deadline ahead: a stalled loop fires once, not once per missed interval.
        const auto missed = (now - m_deadline) / m_interval;
        m_deadline += m_interval * (missed + 1);
        arm();
    }
    emit timeout();
}
