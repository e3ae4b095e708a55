#include "net/MulticastMembership.h"

#include <QNetworkInterface>

#include <winsock2.h>
#include <ws2tcpip.h>

#include <array>
#include <cstring>
#include <optional>

// Windows joins IPv4 groups with IP_ADD_MEMBERSHIP / IP_ADD_SOURCE_MEMBERSHIP by the
// interface's address, and IPv6 ones with IPV6_ADD_MEMBERSHIP by index: the options every
// Windows since XP has (Wine too, which refuses RFC 3678's MCAST_JOIN_GROUP). Only an IPv6
// source-specific join needs MCAST_JOIN_SOURCE_GROUP, which has no older form.
namespace MulticastMembership {

namespace {

QString lastError()
{
    return qt_error_string(WSAGetLastError());
}

in_addr ipv4(const IpAddress &address)
{
    in_addr result{};
    result.s_addr = htonl(address.toIPv4());
    return result;
}

in6_addr ipv6(const IpAddress &address)
{
    in6_addr result{};
    const std::array<quint8, 16> bytes = address.ipv6Bytes();
    std::memcpy(result.s6_addr, bytes.data(), bytes.size());
    return result;
}

sockaddr_storage ipv6SocketAddress(const IpAddress &address)
{
    sockaddr_storage storage{};
    auto &socketAddress = reinterpret_cast<sockaddr_in6 &>(storage);
    socketAddress.sin6_family = AF_INET6;
    socketAddress.sin6_addr = ipv6(address);
    socketAddress.sin6_scope_id = address.scopeId();
    return storage;
}

// The interface's first IPv4 address: what IP_ADD_MEMBERSHIP names an interface by.
std::optional<in_addr> ipv4AddressOf(uint interfaceIndex)
{
    const QNetworkInterface found = QNetworkInterface::interfaceFromIndex(int(interfaceIndex));
    for (const QNetworkAddressEntry &entry : found.addressEntries()) {
        if (entry.ip().protocol() == QAbstractSocket::IPv4Protocol) {
            in_addr result{};
            result.s_addr = htonl(entry.ip().toIPv4Address());
            return result;
        }
    }
    return std::nullopt;
}

QString setOption(qintptr socket, int level, int option, const void *value, int size)
{
    if (setsockopt(SOCKET(socket), level, option, static_cast<const char *>(value), size) == 0)
        return {};
    return lastError();
}

QString changeIPv4(qintptr socket, const IpAddress &group, const IpAddress &source, uint interfaceIndex,
                   bool joining)
{
    const auto interfaceAddress = ipv4AddressOf(interfaceIndex);
    if (!interfaceAddress)
        return QStringLiteral("the interface has no IPv4 address to join by");
    if (source.isNull()) {
        ip_mreq request{};
        request.imr_multiaddr = ipv4(group);
        request.imr_interface = *interfaceAddress;
        return setOption(socket, IPPROTO_IP, joining ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP, &request,
                         sizeof request);
    }
    ip_mreq_source request{};
    request.imr_multiaddr = ipv4(group);
    request.imr_sourceaddr = ipv4(source);
    request.imr_interface = *interfaceAddress;
    return setOption(socket, IPPROTO_IP, joining ? IP_ADD_SOURCE_MEMBERSHIP : IP_DROP_SOURCE_MEMBERSHIP,
                     &request, sizeof request);
}

QString changeIPv6(qintptr socket, const IpAddress &group, const IpAddress &source, uint interfaceIndex,
                   bool joining)
{
    if (source.isNull()) {
        ipv6_mreq request{};
        request.ipv6mr_multiaddr = ipv6(group);
        request.ipv6mr_interface = interfaceIndex;
        return setOption(socket, IPPROTO_IPV6, joining ? IPV6_ADD_MEMBERSHIP : IPV6_DROP_MEMBERSHIP, &request,
                         sizeof request);
    }
    group_source_req request{};
    request.gsr_interface = interfaceIndex;
    request.gsr_group = ipv6SocketAddress(group);
    request.gsr_source = ipv6SocketAddress(source);
    const int option = joining ? MCAST_JOIN_SOURCE_GROUP : MCAST_LEAVE_SOURCE_GROUP;
    if (setsockopt(SOCKET(socket), IPPROTO_IPV6, option, reinterpret_cast<const char *>(&request), sizeof request) == 0)
        return {};
    // Read before anything else runs: formatting a message may set the last error anew.
    const int error = WSAGetLastError();
    if (error == WSAENOPROTOOPT)
        return QStringLiteral("this system has no source-specific IPv6 joins (MCAST_JOIN_SOURCE_GROUP)");
    return qt_error_string(error);
}

QString change(qintptr socket, const IpAddress &group, const IpAddress &source, uint interfaceIndex,
               bool joining)
{
    return group.isIPv6() ? changeIPv6(socket, group, source, interfaceIndex, joining)
                          : changeIPv4(socket, group, source, interfaceIndex, joining);
}

} // namespace

QString join(qintptr socket, const IpAddress &group, const IpAddress &source, uint interfaceIndex)
{
    return change(socket, group, source, interfaceIndex, true);
}

QString leave(qintptr socket, const IpAddress &group, const IpAddress &source, uint interfaceIndex)
{
    return change(socket, group, source, interfaceIndex, false);
}

bool receiveOnlyJoinedGroups(qintptr, IpAddress::Family)
{
    return false; // Windows delivers a group only to the sockets that joined it
}

} // namespace MulticastMembership
