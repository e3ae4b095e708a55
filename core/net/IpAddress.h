#pragma once

#include <QHashFunctions>
#include <QMetaType>
#include <QString>
#include <QStringView>
#include <QtGlobal>

#include <array>
#include <optional>

class QHostAddress;

// An IPv4 or IPv6 address as a plain value: 24 bytes, no allocation, cheap to copy, compare
// and hash when a flood arrives (QHostAddress is a shared, allocated object). An IPv4
// address is held in host order in the low word; an IPv6 address as two big-endian
// 64-bit halves, with its scope (interface index) for link-local addresses.
class IpAddress final
{
public:
    enum class Family : quint8 { None, IPv4, IPv6 };

    constexpr IpAddress() = default;
    static constexpr IpAddress fromIPv4(quint32 hostOrder) { return {0, hostOrder, 0, Family::IPv4}; }
    static IpAddress fromIPv6(const std::array<quint8, 16> &bytes, quint32 scopeId = 0);
    static IpAddress fromQHostAddress(const QHostAddress &address);

    // Strict reading of an address as people type it: IPv4 only as four decimal parts
    // without leading zeros (no octal or hex guesses: "239.010.1.1" is refused), IPv6 in
    // any standard form with an optional numeric "%scope". On failure, *reason says why.
    static std::optional<IpAddress> parse(QStringView text, QString *reason = nullptr);

    Family family() const { return m_family; }
    bool isNull() const { return m_family == Family::None; }
    bool isIPv4() const { return m_family == Family::IPv4; }
    bool isIPv6() const { return m_family == Family::IPv6; }
    quint32 toIPv4() const { return isIPv4() ? quint32(m_low) : 0; }
    std::array<quint8, 16> ipv6Bytes() const;
    quint32 scopeId() const { return m_scopeId; }

    bool isMulticast() const;
    // 232.0.0.0/8 and ff3x::/32 (RFC 4607): joined per source only.
    bool isSourceSpecificMulticast() const;
    bool isAny() const; // 0.0.0.0 or ::

    QHostAddress toQHostAddress() const;
    QString toString() const; // "239.1.1.1", "ff15::1234", "fe80::1%2"

    friend bool operator==(const IpAddress &a, const IpAddress &b)
    {
        return a.m_family == b.m_family && a.m_low == b.m_low && a.m_high == b.m_high
               && a.m_scopeId == b.m_scopeId;
    }
    friend bool operator!=(const IpAddress &a, const IpAddress &b) { return !(a == b); }
    friend bool operator<(const IpAddress &a, const IpAddress &b);
    friend size_t qHash(const IpAddress &address, size_t seed = 0)
    {
        return qHashMulti(seed, address.m_high, address.m_low, address.m_scopeId, quint8(address.m_family));
    }

private:
    constexpr IpAddress(quint64 high, quint64 low, quint32 scopeId, Family family)
        : m_high(high), m_low(low), m_scopeId(scopeId), m_family(family)
    {
    }

    quint64 m_high = 0;
    quint64 m_low = 0;
    quint32 m_scopeId = 0;
    Family m_family = Family::None;
};

// An address and a UDP port: "239.1.1.1:5001", "[ff15::1]:5001".
struct Endpoint
{
    IpAddress address;
    quint16 port = 0;

    QString toString() const;
    friend bool operator==(const Endpoint &a, const Endpoint &b)
    {
        return a.address == b.address && a.port == b.port;
    }
    friend bool operator!=(const Endpoint &a, const Endpoint &b) { return !(a == b); }
    friend size_t qHash(const Endpoint &endpoint, size_t seed = 0)
    {
        return qHashMulti(seed, endpoint.address, endpoint.port);
    }
};

Q_DECLARE_METATYPE(IpAddress)
