#pragma once

#include "ColumnHeaders.h"
#include "analysis/TrafficStatistics.h"

#include <QVariant>

// The columns of the flows table, in SenderTableModel::Column order: each one's header, the
// value a cell holds (sorted by, unless it names a sort key of its own) and how that value
// is written. A new column is one entry in SenderColumns.cpp and its name in the enum.
namespace SenderColumns {

// The rate a user reads first follows a change within two seconds and is 0 two seconds
// after the last datagram; the 10 s rate is steadier.
inline constexpr qint64 shortRateWindowMs = 2000;
inline constexpr qint64 longRateWindowMs = 10000;

enum class Format {
    Text,      // QString as it is
    Integer,   // qint64
    Count,     // double, in SI steps: "1.2 k"
    Bytes,     // "1.2 kB"
    ByteRate,  // "1.2 kB/s"
    Duration,  // microseconds: "1000.2 ms"
    ClockTime, // microseconds since the epoch, local time: "19:40:01.123"
    Age,       // microseconds: "4.2 s ago"
    // The next two as the JSON writes the number (JsonWriter::numberText), so that the
    // window and --json agree to the last digit.
    Percent,     // double: "0.15 %"
    Milliseconds // double: "1.234 ms"
};

struct Flow
{
    const TrafficStatistics &statistics;
    const TrafficStatistics::Sender &sender;
};
using Value = QVariant (*)(const Flow &);

struct Column
{
    ColumnHeader header;
    Format format;
    Value value;              // an invalid QVariant: nothing to show yet
    Value sortKey = nullptr;  // when the value does not sort as it should
};

int count();
const Column &column(int index);
QString text(Format format, const QVariant &value);

} // namespace SenderColumns
