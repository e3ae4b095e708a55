#include "net/LinuxDatagramReader.h"

#include "time/WallClock.h"

#ifdef MCAST_MONITOR_LINUX_FAST_RECEIVE

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>

namespace {

constexpr std::size_t maxDatagramSize = 65536;
constexpr std::size_t controlSize = 256;

} // namespace

struct LinuxDatagramReader::Buffers
{
    std::array<mmsghdr, batchSize> headers{};
    std::array<iovec, batchSize> vectors{};
    std::array<sockaddr_storage, batchSize> sources{};
    std::array<std::array<char, controlSize>, batchSize> controls{};
    std::array<std::array<char, maxDatagramSize>, batchSize> payloads{};
};

namespace {

IpAddress ipv6Address(const in6_addr &address, quint32 scopeId)
{
    std::array<quint8, 16> bytes{};
    std::memcpy(bytes.data(), address.s6_addr, bytes.size());
    return IpAddress::fromIPv6(bytes, scopeId);
}

void readSource(const sockaddr_storage &source, ReceivedDatagram &datagram)
{
    if (source.ss_family == AF_INET) {
        const auto &ipv4 = reinterpret_cast<const sockaddr_in &>(source);
        datagram.source = IpAddress::fromIPv4(ntohl(ipv4.sin_addr.s_addr));
        datagram.sourcePort = ntohs(ipv4.sin_port);
    } else if (source.ss_family == AF_INET6) {
        const auto &ipv6 = reinterpret_cast<const sockaddr_in6 &>(source);
        datagram.source = ipv6Address(ipv6.sin6_addr, ipv6.sin6_scope_id);
        datagram.sourcePort = ntohs(ipv6.sin6_port);
    }
}

void readControl(const cmsghdr &control, ReceivedDatagram &datagram, qint64 *osDrops)
{
    const int level = control.cmsg_level;
    const int type = control.cmsg_type;
    const void *data = CMSG_DATA(&control);
    if (level == IPPROTO_IP && type == IP_PKTINFO) {
        in_pktinfo info;
        std::memcpy(&info, data, sizeof info);
        datagram.destination = IpAddress::fromIPv4(ntohl(info.ipi_addr.s_addr));
        datagram.interfaceIndex = uint(info.ipi_ifindex);
    } else if (level == IPPROTO_IPV6 && type == IPV6_PKTINFO) {
        in6_pktinfo info;
        std::memcpy(&info, data, sizeof info);
        datagram.destination = ipv6Address(info.ipi6_addr, 0);
        datagram.interfaceIndex = info.ipi6_ifindex;
    } else if ((level == IPPROTO_IP && type == IP_TTL) || (level == IPPROTO_IPV6 && type == IPV6_HOPLIMIT)) {
        std::memcpy(&datagram.ttl, data, sizeof datagram.ttl);
    } else if (level == SOL_SOCKET && type == SCM_TIMESTAMPNS) {
        timespec stamp{};
        std::memcpy(&stamp, data, sizeof stamp);
        datagram.arrivalUs = qint64(stamp.tv_sec) * 1000000 + stamp.tv_nsec / 1000;
    } else if (level == SOL_SOCKET && type == SO_RXQ_OVFL) {
        quint32 drops = 0;
        std::memcpy(&drops, data, sizeof drops);
        *osDrops = drops;
    }
}

} // namespace

LinuxDatagramReader::LinuxDatagramReader()
    : m_buffers(std::make_unique<Buffers>())
{
}

LinuxDatagramReader::~LinuxDatagramReader() = default;

bool LinuxDatagramReader::isAvailable()
{
    return true;
}

bool LinuxDatagramReader::prepare(qintptr socketDescriptor)
{
    const int socket = int(socketDescriptor);
    sockaddr_storage local{};
    socklen_t length = sizeof local;
    if (getsockname(socket, reinterpret_cast<sockaddr *>(&local), &length) != 0)
        return false;
    const int on = 1;
    const bool addressInfo =
        local.ss_family == AF_INET6
            ? setsockopt(socket, IPPROTO_IPV6, IPV6_RECVPKTINFO, &on, sizeof on) == 0
                  && setsockopt(socket, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, &on, sizeof on) == 0
            : setsockopt(socket, IPPROTO_IP, IP_PKTINFO, &on, sizeof on) == 0
                  && setsockopt(socket, IPPROTO_IP, IP_RECVTTL, &on, sizeof on) == 0;
    return addressInfo && setsockopt(socket, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof on) == 0
           && setsockopt(socket, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) == 0;
}

int LinuxDatagramReader::read(qintptr socketDescriptor, DatagramBatch &out, int maxDatagrams, qint64 *osDrops)
{
    Buffers &b = *m_buffers;
    const int wanted = std::min(maxDatagrams, int(batchSize));
    for (int i = 0; i < wanted; ++i) {
        b.vectors[i] = {b.payloads[i].data(), maxDatagramSize};
        msghdr &header = b.headers[i].msg_hdr;
        header = {};
        header.msg_name = &b.sources[i];
        header.msg_namelen = sizeof(sockaddr_storage);
        header.msg_iov = &b.vectors[i];
        header.msg_iovlen = 1;
        header.msg_control = b.controls[i].data();
        header.msg_controllen = controlSize;
    }
    const int received = recvmmsg(int(socketDescriptor), b.headers.data(), unsigned(wanted), MSG_DONTWAIT, nullptr);
    if (received < 0)
        return (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) ? 0 : -1;
    const qint64 now = WallClock::nowUs();
    for (int i = 0; i < received; ++i) {
        msghdr &header = b.headers[i].msg_hdr;
        ReceivedDatagram datagram;
        datagram.arrivalUs = now;
        readSource(b.sources[i], datagram);
        for (cmsghdr *control = CMSG_FIRSTHDR(&header); control; control = CMSG_NXTHDR(&header, control))
            readControl(*control, datagram, osDrops);
        const std::size_t size = std::min<std::size_t>(b.headers[i].msg_len, maxDatagramSize);
        datagram.payload = QByteArray(b.payloads[i].data(), qsizetype(size));
        out.append(std::move(datagram));
    }
    return received;
}

#else

struct LinuxDatagramReader::Buffers
{
};

LinuxDatagramReader::LinuxDatagramReader() = default;
LinuxDatagramReader::~LinuxDatagramReader() = default;

bool LinuxDatagramReader::isAvailable()
{
    return false;
}

bool LinuxDatagramReader::prepare(qintptr)
{
    return false;
}

int LinuxDatagramReader::read(qintptr, DatagramBatch &, int, qint64 *)
{
    return -1;
}

#endif
