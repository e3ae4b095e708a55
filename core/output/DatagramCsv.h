#pragma once

#include "net/ReceivedDatagram.h"

#include <QByteArray>

// Datagrams as CSV rows (CsvFormat), one per datagram, with the keys of the --json datagram
// lines as column names: time (local, to the microsecond, with the zone's offset), source,
// source_port, group, port, size, ttl (empty where not reported), ours, atu_time,
// atu_offset_ms (empty for datagrams that are not ATU messages), payload (escaped text, whole)
// and payload_hex (the exact bytes).
namespace DatagramCsv {

QByteArray header();
QByteArray row(const ReceivedDatagram &datagram);

} // namespace DatagramCsv
