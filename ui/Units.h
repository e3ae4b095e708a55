#pragma once

#include <QString>

// Short, human-readable numbers for the tables and the status bar, in SI steps of 1000
// (network rates are decimal): "950", "1.2 k", "3.4 MB/s". Always '.' as the decimal point,
// so that columns line up whatever the locale.
namespace Units {

QString count(double value);          // "950", "2.5", "1.2 k", "3.4 M"
QString bytes(double value);          // "950 B", "1.2 kB", "3.4 MB"
QString packetRate(double perSecond); // "950 pkt/s", "1.2 k pkt/s"
QString byteRate(double perSecond);   // "950 B/s", "3.4 MB/s"
// A time span or offset given in microseconds: "0.15 ms", "1000.2 ms", "-3600.0 s".
QString duration(double microseconds);
// How long ago, given in microseconds: "0.4 s ago", "42 s ago", "12 min ago", "3 h ago".
QString ago(double microseconds);

} // namespace Units
