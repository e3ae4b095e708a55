#include "net/LinuxDatagramReader.h"

#include "time/WallClock.h"

#ifdef Q_OS_LINUX

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
    std::array<sockaddr_in, batchSize> sources{};
    std::array<std::array<char, controlSize>, batchSize> controls{};
    std::array<std::array<char, maxDatagramSize>, batchSize> payloads{};
};

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
    m_socket = int(socketDescriptor);
    m_osDrops = 0;
    const int on = 1;
    return setsockopt(m_socket, IPPROTO_IP, IP_PKTINFO, &on, sizeof on) == 0
           && setsockopt(m_socket, IPPROTO_IP, IP_RECVTTL, &on, sizeof on) == 0
           && setsockopt(m_socket, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof on) == 0
           && setsockopt(m_socket, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) == 0;
}

int LinuxDatagramReader::read(DatagramBatch &out, int maxDatagrams)
{
    Buffers &b = *m_buffers;
    const int wanted = std::min(maxDatagrams, int(batchSize));
    for (int i = 0; i < wanted; ++i) {
        b.vectors[i] = {b.payloads[i].data(), maxDatagramSize};
        msghdr &header = b.headers[i].msg_hdr;
        header = {};
        header.msg_name = &b.sources[i];
        header.msg_namelen = sizeof(sockaddr_in);
        header.msg_iov = &b.vectors[i];
        header.msg_iovlen = 1;
        header.msg_control = b.controls[i].data();
        header.msg_controllen = controlSize;
    }
    const int received = recvmmsg(m_socket, b.headers.data(), unsigned(wanted), MSG_DONTWAIT, nullptr);
    if (received < 0)
        return (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) ? 0 : -1;
    const qint64 now = WallClock::nowUs();
    for (int i = 0; i < received; ++i) {
        msghdr &header = b.headers[i].msg_hdr;
        ReceivedDatagram datagram;
        datagram.arrivalUs = now;
        datagram.source = IpAddress::fromIPv4(ntohl(b.sources[i].sin_addr.s_addr));
        datagram.sourcePort = ntohs(b.sources[i].sin_port);
        for (cmsghdr *control = CMSG_FIRSTHDR(&header); control; control = CMSG_NXTHDR(&header, control)) {
            if (control->cmsg_level == IPPROTO_IP && control->cmsg_type == IP_PKTINFO) {
                in_pktinfo info;
                std::memcpy(&info, CMSG_DATA(control), sizeof info);
                datagram.destination = IpAddress::fromIPv4(ntohl(info.ipi_addr.s_addr));
                datagram.interfaceIndex = uint(info.ipi_ifindex);
            } else if (control->cmsg_level == IPPROTO_IP && control->cmsg_type == IP_TTL) {
                std::memcpy(&datagram.ttl, CMSG_DATA(control), sizeof datagram.ttl);
            } else if (control->cmsg_level == SOL_SOCKET && control->cmsg_type == SCM_TIMESTAMPNS) {
                timespec stamp{};
                std::memcpy(&stamp, CMSG_DATA(control), sizeof stamp);
                datagram.arrivalUs = qint64(stamp.tv_sec) * 1000000 + stamp.tv_nsec / 1000;
            } else if (control->cmsg_level == SOL_SOCKET && control->cmsg_type == SO_RXQ_OVFL) {
                quint32 drops = 0;
                std::memcpy(&drops, CMSG_DATA(control), sizeof drops);
                m_osDrops = drops;
            }
        }
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

int LinuxDatagramReader::read(DatagramBatch &, int)
{
    return -1;
}

#endif
