#include "net/DatagramBatchSender.h"

#include <cstring>

#ifdef Q_OS_WIN
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#endif

namespace {

#ifdef Q_OS_WIN
int lastError()
{
    return WSAGetLastError();
}
bool bufferFull(int error)
{
    return error == WSAEWOULDBLOCK || error == WSAENOBUFS;
}
#else
int lastError()
{
    return errno;
}
bool bufferFull(int error)
{
    return error == EAGAIN || error == EWOULDBLOCK || error == ENOBUFS;
}
#endif

} // namespace

struct DatagramBatchSender::Messages
{
#ifdef Q_OS_LINUX
    std::array<mmsghdr, maxBatch> headers{};
    std::array<iovec, maxBatch> pieces{};
#endif
};

DatagramBatchSender::~DatagramBatchSender() = default;

DatagramBatchSender::DatagramBatchSender(qintptr descriptor, const QHostAddress &group, quint16 port,
                                         int interfaceIndex)
    : m_messages(std::make_unique<Messages>())
    , m_descriptor(descriptor)
{
    if (group.protocol() == QAbstractSocket::IPv6Protocol) {
        sockaddr_in6 address{};
        address.sin6_family = AF_INET6;
        address.sin6_port = htons(port);
        const Q_IPV6ADDR bytes = group.toIPv6Address();
        std::memcpy(&address.sin6_addr, bytes.c, sizeof bytes.c);
        // Interface- and link-local groups (ffx1::, ffx2::) exist only on one interface.
        const int scope = bytes.c[1] & 0x0F;
        if (scope <= 2)
            address.sin6_scope_id = quint32(interfaceIndex);
        static_assert(sizeof address <= sizeof m_destination);
        std::memcpy(m_destination.data(), &address, sizeof address);
        m_destinationSize = int(sizeof address);
    } else {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(group.toIPv4Address());
        std::memcpy(m_destination.data(), &address, sizeof address);
        m_destinationSize = int(sizeof address);
    }
}

QString DatagramBatchSender::errorText(int errorCode)
{
    return qt_error_string(errorCode);
}

bool DatagramBatchSender::waitUntilWritable() const
{
    constexpr int waitMs = 10;
#ifdef Q_OS_WIN
    WSAPOLLFD descriptor{SOCKET(m_descriptor), POLLWRNORM, 0};
    return WSAPoll(&descriptor, 1, waitMs) > 0;
#else
    pollfd descriptor{int(m_descriptor), POLLOUT, 0};
    int ready = 0;
    do {
        ready = ::poll(&descriptor, 1, waitMs);
    } while (ready < 0 && errno == EINTR);
    return ready > 0;
#endif
}

DatagramBatchSender::Result DatagramBatchSender::send(const char *data, int size, int count)
{
#ifdef Q_OS_LINUX
    Result result;
    count = qMin(count, maxBatch);
    mmsghdr *messages = m_messages->headers.data();
    for (int i = 0; i < count; ++i) {
        iovec &piece = m_messages->pieces[std::size_t(i)];
        piece = {const_cast<char *>(data) + qsizetype(i) * size, std::size_t(size)};
        msghdr &header = messages[i].msg_hdr;
        header = {};
        header.msg_name = m_destination.data();
        header.msg_namelen = socklen_t(m_destinationSize);
        header.msg_iov = &piece;
        header.msg_iovlen = 1;
    }
    int done = 0;
    bool waited = false;
    while (done < count) {
        const int sent = ::sendmmsg(int(m_descriptor), messages + done, unsigned(count - done), 0);
        if (sent > 0) {
            done += sent;
            result.sent += sent;
            waited = false;
            continue;
        }
        const int error = errno;
        if (error == EINTR)
            continue;
        if (bufferFull(error) && !waited && waitUntilWritable()) {
            waited = true;
            continue;
        }
        // The datagram at `done` cannot go: count it and go on with the next.
        ++done;
        ++result.failed;
        result.errorCode = error;
        waited = false;
    }
    return result;
#else
    return sendEach(data, size, count);
#endif
}

DatagramBatchSender::Result DatagramBatchSender::sendEach(const char *data, int size, int count)
{
    Result result;
    const auto *destination = reinterpret_cast<const sockaddr *>(m_destination.data());
    for (int i = 0; i < count; ++i) {
        const char *datagram = data + qsizetype(i) * size;
        bool waited = false;
        for (;;) {
#ifdef Q_OS_WIN
            const auto written = ::sendto(SOCKET(m_descriptor), datagram, size, 0, destination, m_destinationSize);
#else
            const auto written = ::sendto(int(m_descriptor), datagram, std::size_t(size), 0, destination,
                                          socklen_t(m_destinationSize));
#endif
            if (written == size) {
                ++result.sent;
                break;
            }
            const int error = lastError();
#ifndef Q_OS_WIN
            if (error == EINTR)
                continue;
#endif
            if (bufferFull(error) && !waited && waitUntilWritable()) {
                waited = true;
                continue;
            }
            ++result.failed;
            result.errorCode = error;
            break;
        }
    }
    return result;
}
