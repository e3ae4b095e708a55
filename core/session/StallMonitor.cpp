#include "session/StallMonitor.h"

#include <algorithm>

StallMonitor::StallMonitor(QObject *parent)
    : QObject(parent)
    , m_timer(this)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(tickMs);
    connect(&m_timer, &QTimer::timeout, this, &StallMonitor::tick);
}

void StallMonitor::start()
{
    m_maxStallMs = 0;
    m_sinceTick.start();
    m_timer.start();
}

void StallMonitor::tick()
{
    const double lateMs = double(m_sinceTick.nsecsElapsed()) / 1e6 - tickMs;
    m_sinceTick.restart();
    m_maxStallMs = std::max(m_maxStallMs, lateMs);
}
