#include "Units.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace Units {

namespace {

// The number and the SI prefix it was scaled to ("" below 1000).
QString scaled(double value, const char *unit)
{
    static constexpr std::array prefixes{"", "k", "M", "G", "T", "P"};
    if (!std::isfinite(value))
        return QStringLiteral("?");
    const QString sign = value < 0 ? QStringLiteral("-") : QString();
    double magnitude = std::abs(value);
    std::size_t step = 0;
    // 999.96 k would print as "1000.0 k": move up a step before rounding can do that.
    while (magnitude >= 999.95 && step + 1 < prefixes.size()) {
        magnitude /= 1000;
        ++step;
    }
    const bool whole = std::abs(magnitude - std::round(magnitude)) < 0.05;
    // Below 1000 a whole number reads best ("950 B"); a fraction only matters when small
    // ("0.5 pkt/s" for one datagram every two seconds).
    const int decimals = step > 0 ? 1 : (whole || magnitude >= 10 ? 0 : 1);
    QString text = sign + QString::number(magnitude, 'f', decimals);
    const QString suffix = QString::fromLatin1(prefixes[step]) + QLatin1String(unit);
    if (!suffix.isEmpty())
        text += QLatin1Char(' ') + suffix;
    return text;
}

} // namespace

QString count(double value)
{
    return scaled(value, "");
}

QString bytes(double value)
{
    return scaled(value, "B");
}

QString packetRate(double perSecond)
{
    return count(perSecond) + QStringLiteral(" pkt/s");
}

QString byteRate(double perSecond)
{
    return scaled(perSecond, "B/s");
}

QString duration(double microseconds)
{
    if (!std::isfinite(microseconds))
        return QStringLiteral("?");
    const double ms = microseconds / 1000.0;
    // Milliseconds up to 100 s, so a 1 s heartbeat reads "1000.2 ms"; beyond that (a
    // publisher in another time zone) seconds.
    if (std::abs(ms) >= 100'000)
        return QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', 1);
    return QStringLiteral("%1 ms").arg(ms, 0, 'f', std::abs(ms) < 10 ? 2 : 1);
}

QString ago(double microseconds)
{
    if (!std::isfinite(microseconds))
        return QStringLiteral("?");
    const double seconds = std::max(0.0, microseconds / 1e6);
    // Tenths only while they change what a heartbeat watcher reads; then whole units,
    // rounded down so that the text does not run ahead of the clock.
    if (seconds < 10)
        return QStringLiteral("%1 s ago").arg(std::floor(seconds * 10) / 10, 0, 'f', 1);
    if (seconds < 100)
        return QStringLiteral("%1 s ago").arg(std::floor(seconds));
    if (seconds < 100 * 60)
        return QStringLiteral("%1 min ago").arg(std::floor(seconds / 60));
    return QStringLiteral("%1 h ago").arg(std::floor(seconds / 3600));
}

} // namespace Units
