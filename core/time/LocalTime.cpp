#include "time/LocalTime.h"

#include <QDateTime>

#include <algorithm>
#include <ctime>
#include <mutex>

namespace LocalTime {

namespace {

constexpr qint64 secondsPerDay = 86400;

} // namespace

qint64 floorDiv(qint64 value, qint64 divisor)
{
    return value / divisor - ((value % divisor < 0) ? 1 : 0);
}

qint64 daysFromCivil(int year, int month, int day)
{
    // Howard Hinnant's days_from_civil: exact for every proleptic Gregorian date.
    const qint64 y = qint64(year) - (month <= 2 ? 1 : 0);
    const qint64 era = floorDiv(y, 400);
    const qint64 yearOfEra = y - era * 400;
    const qint64 dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const qint64 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

Fields civilFromSeconds(qint64 secondsSinceEpoch)
{
    const qint64 days = floorDiv(secondsSinceEpoch, secondsPerDay);
    const qint64 secondOfDay = secondsSinceEpoch - days * secondsPerDay;
    const qint64 z = days + 719468;
    const qint64 era = floorDiv(z, 146097);
    const qint64 dayOfEra = z - era * 146097;
    const qint64 yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 monthIndex = (5 * dayOfYear + 2) / 153;
    Fields fields;
    fields.day = int(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
    fields.month = int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
    fields.year = int(yearOfEra + era * 400 + (fields.month <= 2 ? 1 : 0));
    fields.hour = int(secondOfDay / 3600);
    fields.minute = int(secondOfDay / 60 % 60);
    fields.second = int(secondOfDay % 60);
    return fields;
}

int offsetSecondsAt(qint64 utcSeconds)
{
#if defined(Q_OS_UNIX)
    static std::once_flag zoneRead;
    std::call_once(zoneRead, [] { tzset(); });
    const auto time = std::time_t(utcSeconds);
    std::tm local{};
    if (time == utcSeconds && localtime_r(&time, &local))
        return int(local.tm_gmtoff);
#endif
    return QDateTime::fromSecsSinceEpoch(utcSeconds).offsetFromUtc();
}

Fields fieldsAt(qint64 utcSeconds)
{
    return civilFromSeconds(utcSeconds + offsetSecondsAt(utcSeconds));
}

qint64 utcSecondsOf(const Fields &local)
{
    const qint64 wall = daysFromCivil(local.year, local.month, local.day) * secondsPerDay
                        + local.hour * 3600 + local.minute * 60 + local.second;
    // The offsets a day either side of the reading bracket any one change of offset.
    const int before = offsetSecondsAt(wall - secondsPerDay);
    const int after = offsetSecondsAt(wall + secondsPerDay);
    const bool beforeFits = offsetSecondsAt(wall - before) == before;
    const bool afterFits = offsetSecondsAt(wall - after) == after;
    if (beforeFits && afterFits)
        return std::min(wall - before, wall - after); // an overlap: the first instant
    if (afterFits)
        return wall - after;
    return wall - before; // fits, or falls in a gap
}

} // namespace LocalTime
