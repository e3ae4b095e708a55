#include "settings/ConfigValidation.h"

#include "decoders/AtuMessage.h"
#include "net/IpAddress.h"
#include "time/LongTimer.h"

#include <cmath>

namespace ConfigValidation {

static_assert(maxRunSeconds <= double(LongTimer::maxInterval.count()));

namespace {

// What is wrong with `text` as a number of seconds for option `name`, or nothing.
std::optional<QString> secondsError(const QString &name, const QString &text, double minimum,
                                    const QString &tooShort, double maximum, const QString &tooLong)
{
    bool ok = false;
    const double seconds = text.trimmed().toDouble(&ok);
    if (!ok || !(seconds > 0))
        return QStringLiteral("%1 '%2' must be a number of seconds above 0").arg(name, text);
    if (!std::isfinite(seconds))
        return QStringLiteral("%1 '%2' must be a finite number of seconds").arg(name, text);
    if (seconds < minimum)
        return QStringLiteral("%1 '%2' is %3").arg(name, text, tooShort);
    if (seconds > maximum)
        return QStringLiteral("%1 '%2' is %3").arg(name, text, tooLong);
    return std::nullopt;
}

} // namespace

std::optional<QString> groupError(const QString &text)
{
    QString reason;
    const auto address = IpAddress::parse(QStringView(text).trimmed(), &reason);
    if (!address)
        return QStringLiteral("group '%1' is not an IPv4 or IPv6 address: %2").arg(text, reason);
    if (address->isIPv6() && address->scopeId() != 0)
        return QStringLiteral("group '%1' has a scope; choose the interface instead").arg(text);
    if (!address->isMulticast())
        return QStringLiteral("group %1 is not a multicast address (224.0.0.0 to 239.255.255.255, ff00::/8)")
            .arg(address->toString());
    return std::nullopt;
}

std::optional<QString> groupWarning(const QHostAddress &group)
{
    if ((group.toIPv4Address() & 0xffffff00u) == 0xe0000000u)
        return QStringLiteral("%1 is link-local (224.0.0.0/24): routers never forward it")
            .arg(group.toString());
    return std::nullopt;
}

std::optional<QString> portError(const QString &text)
{
    bool ok = false;
    const int port = text.trimmed().toInt(&ok);
    if (!ok || port < 1 || port > 65535)
        return QStringLiteral("port '%1' is not between 1 and 65535").arg(text);
    return std::nullopt;
}

std::optional<QString> ttlError(const QString &text)
{
    bool ok = false;
    const int ttl = text.trimmed().toInt(&ok);
    if (!ok || ttl < 0 || ttl > 255)
        return QStringLiteral("TTL '%1' is not between 0 and 255").arg(text);
    return std::nullopt;
}

std::optional<int> receiveBufferBytes(const QString &text)
{
    QString number = text.trimmed();
    qint64 unit = 1;
    if (number.endsWith(QLatin1Char('K'), Qt::CaseInsensitive))
        unit = 1024;
    else if (number.endsWith(QLatin1Char('M'), Qt::CaseInsensitive))
        unit = 1024 * 1024;
    if (unit != 1)
        number.chop(1);
    bool ok = false;
    const qint64 value = number.toLongLong(&ok);
    if (!ok || value <= 0 || value > maxReceiveBufferBytes / unit)
        return std::nullopt;
    const qint64 bytes = value * unit;
    if (bytes < minReceiveBufferBytes)
        return std::nullopt;
    return int(bytes);
}

std::optional<QString> receiveBufferError(const QString &text)
{
    if (receiveBufferBytes(text))
        return std::nullopt;
    return QStringLiteral("receive buffer '%1' must be bytes from 65536 to 1073741824, or with K or M "
                          "(64K to 1024M)")
        .arg(text);
}

std::optional<QString> intervalError(const QString &secondsText)
{
    return secondsError(QStringLiteral("interval"), secondsText, minIntervalSeconds,
                        QStringLiteral("below the 1 ms the sender can keep"), maxIntervalSeconds,
                        QStringLiteral("longer than a day"));
}

std::optional<QString> durationError(const QString &secondsText)
{
    return secondsError(QStringLiteral("--duration"), secondsText, minDurationSeconds,
                        QStringLiteral("below 1 ms"), maxRunSeconds,
                        QStringLiteral("longer than 100 years"));
}

std::optional<QString> statsPeriodError(const QString &secondsText)
{
    return secondsError(QStringLiteral("--stats"), secondsText, minStatsSeconds,
                        QStringLiteral("below 0.01 s (at most 100 lines a second)"), maxRunSeconds,
                        QStringLiteral("longer than 100 years"));
}

std::optional<QString> prefixError(const QString &prefix)
{
    const qsizetype size = AtuMessage::compose(prefix, 1).size();
    if (size > maxUdpPayload)
        return QStringLiteral("prefix makes a %1-byte message; a UDP datagram holds at most %2")
            .arg(size)
            .arg(maxUdpPayload);
    return std::nullopt;
}

} // namespace ConfigValidation
