#pragma once

#include <QtGlobal>

// The one conversion between instants and the local wall clock, used by every output and
// by the ATU decoder, so that all of them agree and none depends on how a Qt version
// resolves daylight-saving changes. Offsets are exact to the second (the C library's zone
// rules), so local mean times and zones such as TZ=ABC-00:00:30 come out right.
namespace LocalTime {

struct Fields
{
    int year = 1970;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
};

// The local zone's offset east of UTC, in seconds, at an instant.
int offsetSecondsAt(qint64 utcSeconds);

// The local wall-clock reading at an instant.
Fields fieldsAt(qint64 utcSeconds);

// The instant a local wall-clock reading names, read as Python's datetime.timestamp()
// reads a naive local time (fold=0, PEP 495):
// - in an overlap (clocks set back) it is the first of the two instants;
// - in a gap (clocks set forward) it is read with the offset in force before the change,
//   so "02:30" in a one-hour spring-forward gap is the instant the clock shows as 03:30.
// The fields must be a valid date and time (the caller checks them).
qint64 utcSecondsOf(const Fields &local);

// value / divisor rounded towards minus infinity, for times before 1970 (divisor > 0).
qint64 floorDiv(qint64 value, qint64 divisor);

// Days since 1970-01-01 of a proleptic Gregorian date, and back.
qint64 daysFromCivil(int year, int month, int day);
Fields civilFromSeconds(qint64 secondsSinceEpoch);

} // namespace LocalTime
