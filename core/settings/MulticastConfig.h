#pragma once

#include "decoders/PayloadDecoder.h"
#include "net/Subscription.h"

#include <QHostAddress>
#include <QList>
#include <QString>

#include <chrono>

inline constexpr auto defaultGroup = "239.1.1.1";
inline constexpr quint16 defaultPort = 5001;
inline constexpr auto defaultInterface = "127.0.0.1";

struct ReceiveConfig
{
    QHostAddress group{QString::fromLatin1(defaultGroup)};
    quint16 port = defaultPort;
    QString interfaceSpec = QString::fromLatin1(defaultInterface); // name ("lo") or IPv4
    int receiveBufferBytes = 4 * 1024 * 1024;
    int historyRows = 10000;
    QString atuPrefix = QStringLiteral("ATU"); // first word of the ATU messages to decode
    // The payload format of every subscription that names none (--format); nothing: detect
    // it per flow.
    FormatChoice format = std::nullopt;
    // What to join when there are several (the command line's repeated --group); empty:
    // the one subscription above.
    QList<Subscription> subscriptions;

    QList<Subscription> joined() const
    {
        if (!subscriptions.isEmpty())
            return subscriptions;
        return {Subscription{IpAddress::fromQHostAddress(group), {}, port, interfaceSpec}};
    }
};

struct TransmitConfig
{
    QHostAddress group{QString::fromLatin1(defaultGroup)};
    quint16 port = defaultPort;
    QString interfaceSpec = QString::fromLatin1(defaultInterface);
    int ttl = 1;
    bool loopback = true;
    // What is sent: the seed's ATU message once per interval, or a test stream (RTP, MPEG-TS,
    // iperf 2) of `rate` datagrams per second, each `size` bytes (0: the format's default).
    PayloadFormat format = PayloadFormat::Atu;
    std::chrono::microseconds interval{1000000};
    QString prefix = QStringLiteral("ATU");
    qint64 rate = 1000;
    int size = 0;
};
