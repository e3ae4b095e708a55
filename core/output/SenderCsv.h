#pragma once

#include "analysis/TrafficStatistics.h"

#include <QByteArray>

// Flows (the senders table) as CSV rows (CsvFormat), one per flow, with the keys of the
// --json statistics' senders where they exist: source, group, port, format, ours, state,
// packets, bytes, pps and bps (per second over 10 s, bps in bytes), pps_1s and bps_1s,
// last_interval_ms, expected_interval_ms, mean_interval_ms, jitter_ms, atu_offset_ms (the
// last) and atu_offset_min_ms, atu_offset_mean_ms, atu_offset_max_ms, outages, outage_ms,
// ports (the first 32, "…" when there are more), port_count, first_seen and last_seen (local
// time to the microsecond). A value not known yet is empty.
namespace SenderCsv {

QByteArray header();
QByteArray row(const TrafficStatistics &statistics, const TrafficStatistics::Sender &sender);

} // namespace SenderCsv
