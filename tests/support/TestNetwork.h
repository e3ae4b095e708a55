#pragma once

#include "HostPrograms.h"

#include <QFile>
#include <QHash>
#include <QHostAddress>
#include <QNetworkDatagram>
#include <QNetworkInterface>
#include <QProcess>
#include <QTest>
#include <QUdpSocket>
#include <QVariant>

#include <algorithm>

// Tests that send multicast run only inside the private network namespace that
// tests/run-in-netns.sh makes (it sets MCAST_MONITOR_NETNS): nothing may leave the host.
#define REQUIRE_PRIVATE_NETWORK()                                                                  \
    do {                                                                                           \
        if (qEnvironmentVariableIsEmpty("MCAST_MONITOR_NETNS"))                                    \
            QSKIP("sends multicast: run inside tests/run-in-netns.sh");                            \
    } while (false)

namespace TestNetwork {

// A UDP port of our own, so that test executables running in parallel never meet: the
// same for the same offset within a process, chosen by the kernel among the ports nobody
// has bound (a formula of the process id and the offset once gave two tests whose ids were
// 5 apart the same port, and one flooded the other's window).
inline quint16 freshPort(int offset = 0)
{
    static QHash<int, quint16> chosen;
    if (const auto found = chosen.constFind(offset); found != chosen.cend())
        return *found;
    for (int attempt = 0; attempt < 100; ++attempt) {
        QUdpSocket probe;
        if (!probe.bind(QHostAddress::AnyIPv4, 0, QAbstractSocket::DontShareAddress))
            continue;
        const quint16 port = probe.localPort();
        if (std::find(chosen.cbegin(), chosen.cend(), port) == chosen.cend()) {
            chosen.insert(offset, port);
            return port;
        }
    }
    qFatal("freshPort: the kernel gave no free UDP port");
}

inline QNetworkInterface loopback()
{
    for (const QNetworkInterface &networkInterface : QNetworkInterface::allInterfaces()) {
        if (networkInterface.flags().testFlag(QNetworkInterface::IsLoopBack))
            return networkInterface;
    }
    return {};
}

// Sends one datagram to group:port out of the interface with the given address.
inline bool sendFrom(const QString &interfaceAddress, const QString &group, quint16 port,
                     const QByteArray &payload, int ttl = 1, bool loopback = true)
{
    QUdpSocket socket;
    if (!socket.bind(QHostAddress(interfaceAddress), 0))
        return false;
    for (const QNetworkInterface &networkInterface : QNetworkInterface::allInterfaces()) {
        for (const QNetworkAddressEntry &entry : networkInterface.addressEntries()) {
            if (entry.ip() == QHostAddress(interfaceAddress))
                socket.setMulticastInterface(networkInterface);
        }
    }
    socket.setSocketOption(QAbstractSocket::MulticastTtlOption, ttl);
    socket.setSocketOption(QAbstractSocket::MulticastLoopbackOption, loopback ? 1 : 0);
    return socket.writeDatagram(payload, QHostAddress(group), port) == payload.size();
}

inline bool run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    return process.waitForFinished(10000) && process.exitStatus() == QProcess::NormalExit
           && process.exitCode() == 0;
}

// Runs `ip` with space-separated arguments ("link set lo up").
inline bool ip(const QString &arguments)
{
    return run(HostPrograms::path(QStringLiteral("ip")), arguments.split(QLatin1Char(' ')));
}

// A veth peer receives datagrams whose source address is local to this namespace too;
// Linux drops those unless the interface accepts local sources without reverse-path checks.
inline void allowLocalSources(const QString &networkInterface)
{
    for (const auto *setting : {"accept_local", "rp_filter"}) {
        QFile file(QStringLiteral("/proc/sys/net/ipv4/conf/%1/%2").arg(networkInterface, QLatin1String(setting)));
        if (file.open(QIODevice::WriteOnly))
            file.write(qstrcmp(setting, "accept_local") == 0 ? "1" : "0");
    }
}

} // namespace TestNetwork
