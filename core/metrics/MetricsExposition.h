#pragma once

#include "analysis/TrafficStatistics.h"
#include "metrics/ProcessMetrics.h"

#include <QByteArray>
#include <QString>

// The session's statistics as Prometheus reads them (text format 0.0.4): one series per
// flow and metric, labelled group, port, source, interface and format; each
// subscription's state; the OS's drops; the build and the process. The metric names are a
// contract with the operators' alert rules and dashboards (README "Many machines").
//
// Flows are those of the statistics, so capped as in the senders table: the flows past
// the cap are one series with source="other senders". A flow's labels are unique: the
// window's own transmitter adds ours="true", and a second stream of one format from one
// source to one group and port (two ATU prefixes, two RTP SSRCs) adds stream="<id>".
// Counters are the statistics' own, which a re-join keeps; only Clear in the window
// starts them again, which Prometheus reads as a counter reset.
namespace MetricsExposition {

inline constexpr auto contentType = "text/plain; version=0.0.4; charset=utf-8";

struct BuildInfo
{
    QString version;
    QString qtVersion;

    static BuildInfo current(); // this program's version and the Qt it runs on
};

QByteArray render(const TrafficStatistics &statistics, const ProcessMetrics &process,
                  const BuildInfo &build);
// As scraped: the process read now, this build.
QByteArray renderNow(const TrafficStatistics &statistics);

} // namespace MetricsExposition
