#pragma once

#include <QtGlobal>

#include <functional>

// The wall clock every timestamp of the program is on: microseconds since the Unix epoch,
// the clock the kernel stamps received datagrams with (CLOCK_REALTIME). Code that judges
// time takes a WallClock::Source so that tests can drive it.
namespace WallClock {

using Source = std::function<qint64()>;

qint64 nowUs();

} // namespace WallClock
