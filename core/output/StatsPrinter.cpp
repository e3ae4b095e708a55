#include "output/StatsPrinter.h"

#include "session/StallMonitor.h"
#include "output/StatsReport.h"

StatsPrinter::StatsPrinter(const TrafficStatistics &statistics, bool json, QObject *parent)
    : QObject(parent)
    , m_statistics(statistics)
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
    const std::optional<double> stall = m_stalls ? std::optional<double>(m_stalls->maxStallMs()) : std::nullopt;
    const QByteArray line = m_json ? StatsReport::statsJson(m_statistics, stall)
                                   : StatsReport::statsText(m_statistics, stall);
    std::fwrite(line.constData(), 1, std::size_t(line.size()), m_out);
    std::fputc('\n', m_out);
    std::fflush(m_out);
}
