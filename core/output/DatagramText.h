#pragma once

#include "net/ReceivedDatagram.h"

#include <QByteArray>
#include <QString>

#include <optional>

// How a datagram and its parts read as text, the same in the window and on the console.
namespace DatagramText {

enum class ClockPrecision { Seconds, Milliseconds };
QString clockTime(qint64 timeUs, ClockPrecision precision = ClockPrecision::Milliseconds); // "19:40:01.123", local
// "2026-11-25T19:40:01.123+01:00", local with its offset (to the second where it has seconds)
QString isoTime(qint64 timeUs);
QString isoTimeUs(qint64 timeUs);   // "2026-11-25T19:40:01.123456+01:00"
// Arrival minus ATU time in ms, or nothing for datagrams that are not ATU messages.
std::optional<double> atuOffsetMs(const ReceivedDatagram &datagram);
// The datagram's sequence number as its format writes it (iperf 2's final one negative), or
// nothing for a format without one.
std::optional<qint64> sequenceNumber(const ReceivedDatagram &datagram);
// One line for the console: time, source:port, size, the format and sequence number of a
// stream ("(rtp seq 17)") or the ATU offset, and the escaped payload.
QByteArray consoleLine(const ReceivedDatagram &datagram);
// One JSON object (no newline) with exactly the documented keys.
QByteArray jsonLine(const ReceivedDatagram &datagram);

} // namespace DatagramText
