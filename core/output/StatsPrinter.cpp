#include "output/StatsPrinter.h"

#include "output/LineSink.h"
#include "output/StatsReport.h"
#include "session/StallMonitor.h"

StatsPrinter::StatsPrinter(const TrafficStatistics &statistics, LineSink &out, bool json,
                           QObject *parent)
    : QObject(parent)
    , m_statistics(statistics)
    , m_out(out)
    , m_timer(this)
    , m_json(json)
{
    connect(&m_timer, &LongTimer::timeout, this, &StatsPrinter::printNow);
}

void StatsPrinter::start(double intervalSeconds)
{
    m_timer.start(LongTimer::fromSeconds(intervalSeconds));
}

void StatsPrinter::printNow()
{
    print(false);
}

void StatsPrinter::printFinal()
{
    print(true);
}

void StatsPrinter::print(bool final)
{
    m_out.writeLine(
        [this] {
            const std::optional<double> stall =
                m_stalls ? std::optional<double>(m_stalls->maxStallMs()) : std::nullopt;
            const qint64 dropped = m_out.droppedLines();
            return m_json ? StatsReport::statsJson(m_statistics, stall, dropped)
                          : StatsReport::statsText(m_statistics, stall, dropped);
        },
        final ? LineSink::WhenFull::Queue : LineSink::WhenFull::Drop);
}
