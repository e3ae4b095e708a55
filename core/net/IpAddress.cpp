#include "net/IpAddress.h"

#include <QHostAddress>
#include <QNetworkInterface>

#include <algorithm>
#include <tuple>

namespace {

quint64 bigEndianWord(const quint8 *bytes)
{
    quint64 word = 0;
    for (int i = 0; i < 8; ++i)
        word = (word << 8) | bytes[i];
    return word;
}

std::optional<IpAddress> parseIPv4(QStringView text, QString *reason)
{
    const auto fail = [&](const QString &why) -> std::optional<IpAddress> {
        if (reason)
            *reason = why;
        return std::nullopt;
    };
    quint32 address = 0;
    int parts = 0;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf(QLatin1Char('.'), start);
        if (end < 0)
            end = text.size();
        const QStringView part = text.mid(start, end - start);
        const auto isDigit = [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); };
        if (part.isEmpty() || part.size() > 3 || !std::all_of(part.begin(), part.end(), isDigit))
            return fail(QStringLiteral("an IPv4 address is four numbers 0–255 separated by dots"));
        uint value = 0;
        for (const QChar c : part)
            value = value * 10 + uint(c.unicode() - '0');
        if (part.size() > 1 && part.front() == QLatin1Char('0'))
            return fail(QStringLiteral("leading zeros are not allowed (they would be read as octal elsewhere)"));
        if (value > 255)
            return fail(QStringLiteral("each part of an IPv4 address is at most 255"));
        if (++parts > 4)
            return fail(QStringLiteral("an IPv4 address has four parts"));
        address = (address << 8) | value;
        start = end + 1;
    }
    if (parts != 4)
        return fail(QStringLiteral("an IPv4 address has four parts"));
    return IpAddress::fromIPv4(address);
}

// Qt names the scope of an address it read from a socket by its interface's name on Unix
// (a datagram's link-local source) and by number elsewhere; ours is the index either way.
quint32 scopeIndex(const QString &scope)
{
    if (scope.isEmpty())
        return 0;
    bool numeric = false;
    const uint index = scope.toUInt(&numeric);
    if (numeric)
        return index;
    const int named = QNetworkInterface::interfaceIndexFromName(scope);
    return named > 0 ? quint32(named) : 0;
}

} // namespace

IpAddress IpAddress::fromIPv6(const std::array<quint8, 16> &bytes, quint32 scopeId)
{
    return {bigEndianWord(bytes.data()), bigEndianWord(bytes.data() + 8), scopeId, Family::IPv6};
}

IpAddress IpAddress::fromQHostAddress(const QHostAddress &address)
{
    bool isIPv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIPv4);
    if (isIPv4 && address.protocol() == QAbstractSocket::IPv4Protocol)
        return fromIPv4(ipv4);
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return {};
    const Q_IPV6ADDR raw = address.toIPv6Address();
    std::array<quint8, 16> bytes{};
    for (int i = 0; i < 16; ++i)
        bytes[std::size_t(i)] = raw[i];
    return fromIPv6(bytes, scopeIndex(address.scopeId()));
}

std::optional<IpAddress> IpAddress::parse(QStringView text, QString *reason)
{
    if (text.isEmpty()) {
        if (reason)
            *reason = QStringLiteral("no address given");
        return std::nullopt;
    }
    if (!text.contains(QLatin1Char(':')))
        return parseIPv4(text, reason);
    QStringView scope;
    if (const qsizetype percent = text.indexOf(QLatin1Char('%')); percent >= 0) {
        scope = text.mid(percent + 1);
        text = text.left(percent);
    }
    QHostAddress address;
    if (!address.setAddress(text.toString()) || address.protocol() != QAbstractSocket::IPv6Protocol) {
        if (reason)
            *reason = QStringLiteral("not an IPv6 address");
        return std::nullopt;
    }
    IpAddress parsed = fromQHostAddress(address);
    if (!scope.isNull()) {
        bool numeric = false;
        const uint index = scope.toUInt(&numeric);
        if (!numeric || index == 0) {
            if (reason)
                *reason = QStringLiteral("an IPv6 scope is a non-zero interface index");
            return std::nullopt;
        }
        parsed.m_scopeId = index;
    }
    return parsed;
}

std::array<quint8, 16> IpAddress::ipv6Bytes() const
{
    std::array<quint8, 16> bytes{};
    if (!isIPv6())
        return bytes;
    for (int i = 0; i < 8; ++i) {
        bytes[std::size_t(i)] = quint8(m_high >> (56 - 8 * i));
        bytes[std::size_t(i + 8)] = quint8(m_low >> (56 - 8 * i));
    }
    return bytes;
}

bool IpAddress::isMulticast() const
{
    if (isIPv4())
        return (m_low >> 28) == 0xe;
    return isIPv6() && (m_high >> 56) == 0xff;
}

bool IpAddress::isSourceSpecificMulticast() const
{
    if (isIPv4())
        return (m_low >> 24) == 232;
    // ff3x::/32: flags 3 (prefix-based, transient), prefix length 0, network prefix 0.
    return isIPv6() && (m_high >> 52) == 0xff3 && ((m_high >> 32) & 0xffff) == 0;
}

bool IpAddress::isAny() const
{
    return !isNull() && m_high == 0 && m_low == 0;
}

QHostAddress IpAddress::toQHostAddress() const
{
    if (isIPv4())
        return QHostAddress(toIPv4());
    if (!isIPv6())
        return {};
    const std::array<quint8, 16> bytes = ipv6Bytes();
    QHostAddress address(bytes.data());
    if (m_scopeId != 0)
        address.setScopeId(QString::number(m_scopeId));
    return address;
}

QString IpAddress::toString() const
{
    if (isIPv4()) {
        const quint32 a = toIPv4();
        return QStringLiteral("%1.%2.%3.%4").arg(a >> 24).arg((a >> 16) & 0xff).arg((a >> 8) & 0xff).arg(a & 0xff);
    }
    return isIPv6() ? toQHostAddress().toString() : QString();
}

bool operator<(const IpAddress &a, const IpAddress &b)
{
    return std::tie(a.m_family, a.m_high, a.m_low, a.m_scopeId)
           < std::tie(b.m_family, b.m_high, b.m_low, b.m_scopeId);
}

QString Endpoint::toString() const
{
    if (address.isIPv6())
        return QStringLiteral("[%1]:%2").arg(address.toString()).arg(port);
    return QStringLiteral("%1:%2").arg(address.toString()).arg(port);
}
