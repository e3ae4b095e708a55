#pragma once

#include "analysis/TrafficStatistics.h"

#include <QByteArray>
#include <QString>

#include <optional>

// Statistics and liveness events as console lines: readable text or one JSON object per
// line. pps and bps (bytes per second) are taken over the last 10 s.
namespace StatsReport {

inline constexpr qint64 rateWindowMs = 10000;

QString livenessName(Liveness state);   // "live", "late", "silent"
QString portList(const TrafficStatistics::Sender &sender); // "3000, 4000, …"
// "0, 17, 256, …": the MPEG-TS PIDs seen (as many as the JSON's "pids" lists); empty
// without MPEG-TS.
QString pidList(const TrafficStatistics::Sender &sender);
// "appeared", "late", "silent", "back", "loss", "restart"
QString eventName(LivenessEvent::Kind kind);
QString eventDescription(const LivenessEvent &event); // "back after 12.3 s", "lost 3 datagrams"
// The flow of a loss or restart event, " (239.1.1.3:5004 rtp)"; empty for the others.
QString eventFlow(const LivenessEvent &event);

// guiMaxStallMs: the window's largest event-loop stall, when the window measures it.
// droppedLines: output lines dropped so far because the reader did not keep up.
QByteArray statsJson(const TrafficStatistics &statistics, std::optional<double> guiMaxStallMs = {},
                     qint64 droppedLines = 0);
QByteArray statsText(const TrafficStatistics &statistics, std::optional<double> guiMaxStallMs = {},
                     qint64 droppedLines = 0);
QByteArray eventJson(const LivenessEvent &event);
QByteArray eventText(const LivenessEvent &event);

} // namespace StatsReport
