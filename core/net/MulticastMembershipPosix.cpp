#include "net/MulticastMembership.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#if defined(Q_OS_LINUX) && !defined(IPV6_MULTICAST_ALL)
#define IPV6_MULTICAST_ALL 29 // linux/in6.h, since Linux 4.20; glibc's headers lack it
#endif

namespace MulticastMembership {

namespace {

sockaddr_storage socketAddress(const IpAddress &address)
{
    sockaddr_storage storage{};
    if (address.isIPv4()) {
        auto &ipv4 = reinterpret_cast<sockaddr_in &>(storage);
        ipv4.sin_family = AF_INET;
        ipv4.sin_addr.s_addr = htonl(address.toIPv4());
    } else if (address.isIPv6()) {
        auto &ipv6 = reinterpret_cast<sockaddr_in6 &>(storage);
        ipv6.sin6_family = AF_INET6;
        const std::array<quint8, 16> bytes = address.ipv6Bytes();
        std::memcpy(ipv6.sin6_addr.s6_addr, bytes.data(), bytes.size());
        ipv6.sin6_scope_id = address.scopeId();
    }
#ifdef Q_OS_MACOS
    storage.ss_len = address.isIPv4() ? sizeof(sockaddr_in) : sizeof(sockaddr_in6);
#endif
    return storage;
}

int level(const IpAddress &group)
{
    return group.isIPv6() ? IPPROTO_IPV6 : IPPROTO_IP;
}

QString change(qintptr socket, const IpAddress &group, const IpAddress &source, uint interfaceIndex,
               bool joining)
{
    int result = 0;
    if (source.isNull()) {
        group_req request{};
        request.gr_interface = interfaceIndex;
        request.gr_group = socketAddress(group);
        result = setsockopt(int(socket), level(group), joining ? MCAST_JOIN_GROUP : MCAST_LEAVE_GROUP,
                            &request, sizeof request);
    } else {
        group_source_req request{};
        request.gsr_interface = interfaceIndex;
        request.gsr_group = socketAddress(group);
        request.gsr_source = socketAddress(source);
        result = setsockopt(int(socket), level(group),
                            joining ? MCAST_JOIN_SOURCE_GROUP : MCAST_LEAVE_SOURCE_GROUP, &request,
                            sizeof request);
    }
    return result == 0 ? QString() : QString::fromLocal8Bit(std::strerror(errno));
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

bool receiveOnlyJoinedGroups(qintptr socket, IpAddress::Family family)
{
#ifdef Q_OS_LINUX
    const int off = 0;
    if (family == IpAddress::Family::IPv6)
        return setsockopt(int(socket), IPPROTO_IPV6, IPV6_MULTICAST_ALL, &off, sizeof off) == 0;
    return setsockopt(int(socket), IPPROTO_IP, IP_MULTICAST_ALL, &off, sizeof off) == 0;
#else
    Q_UNUSED(socket)
    Q_UNUSED(family)
    return false;
#endif
}

} // namespace MulticastMembership
