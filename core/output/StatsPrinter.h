#pragma once

#include "analysis/TrafficStatistics.h"
#include "time/LongTimer.h"

#include <QObject>

#include <cstdio>
#include <optional>

class StallMonitor;

// Prints the statistics every interval and on demand, as text or JSON lines, for
// --headless --stats and for the window's --stats. With a StallMonitor the JSON carries
// gui_max_stall_ms.
class StatsPrinter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatsPrinter)

public:
    StatsPrinter(const TrafficStatistics &statistics, bool json, QObject *parent = nullptr);

    void setStallMonitor(const StallMonitor *monitor) { m_stalls = monitor; }
    void start(double intervalSeconds);
    void stop() { m_timer.stop(); }
    void printNow();

private:
    const TrafficStatistics &m_statistics;
    const StallMonitor *m_stalls = nullptr;
    LongTimer m_timer;
    bool m_json = false;
    std::FILE *m_out = stdout;
};
