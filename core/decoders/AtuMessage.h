#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

// The seed's message: "<prefix> <timestamp>" where the timestamp is Python's
// str(datetime.now()) — "YYYY-MM-DD HH:MM:SS.ffffff", without ".ffffff" when the
// microseconds are zero. The timestamp carries no zone: it is local time, read as Python
// reads it (LocalTime::utcSecondsOf): in an overlap the first instant, in a gap with the
// offset before the change, so "02:30" in a spring-forward gap is composed back as "03:30".
namespace AtuMessage {

inline constexpr auto defaultPrefix = "ATU";

struct Decoded
{
    QString prefix;
    qint64 timeUs = 0; // microseconds since the Unix epoch, read as local time
};

QString pythonTimestamp(qint64 timeUs);
// "<prefix> <timestamp>"; with an empty prefix the timestamp alone.
QByteArray compose(const QString &prefix, qint64 timeUs);
// Decodes "<prefix> <timestamp>" with any single-word prefix.
std::optional<Decoded> parse(const QByteArray &payload);
// Decodes what compose(prefix, …) writes: that prefix, or for an empty one the timestamp alone.
std::optional<Decoded> parse(const QByteArray &payload, const QString &prefix);
// The time of a timestamp alone ("YYYY-MM-DD HH:MM:SS[.ffffff]"), without allocating: what
// the receive path runs for every datagram.
std::optional<qint64> timestampTime(QByteArrayView timestamp);

} // namespace AtuMessage
