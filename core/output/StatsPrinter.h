#pragma once

#include "analysis/TrafficStatistics.h"
#include "time/LongTimer.h"

#include <QObject>

class LineSink;
class StallMonitor;

// Prints the statistics every interval and on demand, as text or JSON lines, for
// --headless --stats and for the window's --stats, through a LineSink so that a stalled
// reader never holds up the thread that prints. Each line counts the lines the sink has
// dropped so far; with a StallMonitor the JSON carries gui_max_stall_ms.
class StatsPrinter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatsPrinter)

public:
    StatsPrinter(const TrafficStatistics &statistics, LineSink &out, bool json,
                 QObject *parent = nullptr);

    void setStallMonitor(const StallMonitor *monitor) { m_stalls = monitor; }
    void start(double intervalSeconds);
    void stop() { m_timer.stop(); }
    void printNow();
    // The run's last line: queued even when the sink is full of lines not yet read.
    void printFinal();

private:
    void print(bool final);

    const TrafficStatistics &m_statistics;
    LineSink &m_out;
    const StallMonitor *m_stalls = nullptr;
    LongTimer m_timer;
    bool m_json = false;
};
