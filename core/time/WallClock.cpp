#include "time/WallClock.h"

#include <chrono>

namespace WallClock {

qint64 nowUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace WallClock
