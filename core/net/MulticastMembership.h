#pragma once

#include "net/IpAddress.h"

#include <QString>
#include <QtGlobal>

// Group membership on a socket by interface index, any-source or from one source (Qt joins
// by interface address and has no source-specific join). On Linux and macOS it is RFC 3678's
// MCAST_JOIN_GROUP / MCAST_JOIN_SOURCE_GROUP, where joining by index keeps two interfaces
// with the same address apart (MulticastMembershipPosix.cpp); Windows has its own options
// (MulticastMembershipWindows.cpp).
namespace MulticastMembership {

// Each returns an empty string on success, or the operating system's reason.
QString join(qintptr socket, const IpAddress &group, const IpAddress &source, uint interfaceIndex);
QString leave(qintptr socket, const IpAddress &group, const IpAddress &source, uint interfaceIndex);

// Only the groups joined on this socket reach it, not every group any socket on the host
// joined on its port (Linux's default for a wildcard-bound socket). False where the
// platform has no such switch (it filters that way already).
bool receiveOnlyJoinedGroups(qintptr socket, IpAddress::Family family);

} // namespace MulticastMembership
