#include "net/NetworkInterfaces.h"

QString InterfaceChoice::label() const
{
    return address.isNull() ? name : QStringLiteral("%1 — %2").arg(name, address.toString());
}

QNetworkInterface InterfaceChoice::qtInterface() const
{
    return QNetworkInterface::interfaceFromIndex(index);
}

namespace NetworkInterfaces {

static std::optional<QHostAddress> firstIPv4(const QNetworkInterface &interface)
{
    for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
        if (entry.ip().protocol() == QAbstractSocket::IPv4Protocol)
            return entry.ip();
    }
    return std::nullopt;
}

QHostAddress ipv6Source(int interfaceIndex)
{
    QHostAddress linkLocal;
    for (const QNetworkAddressEntry &entry : QNetworkInterface::interfaceFromIndex(interfaceIndex).addressEntries()) {
        const QHostAddress address = entry.ip();
        if (address.protocol() != QAbstractSocket::IPv6Protocol)
            continue;
        if (!address.isLinkLocal())
            return address;
        if (linkLocal.isNull())
            linkLocal = address;
    }
    return linkLocal;
}

static void appendChoices(const QNetworkInterface &interface, bool withoutIPv4,
                          QList<InterfaceChoice> *choices)
{
    const bool isUp = interface.flags().testFlag(QNetworkInterface::IsUp);
    bool hasIPv4 = false;
    for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
        if (entry.ip().protocol() != QAbstractSocket::IPv4Protocol)
            continue;
        choices->append({interface.name(), entry.ip(), interface.index(), isUp});
        hasIPv4 = true;
    }
    if (!hasIPv4 && withoutIPv4)
        choices->append({interface.name(), QHostAddress(), interface.index(), isUp});
}

QList<InterfaceChoice> ipv4Interfaces()
{
    QList<InterfaceChoice> choices;
    for (const QNetworkInterface &interface : QNetworkInterface::allInterfaces())
        appendChoices(interface, false, &choices);
    return choices;
}

QList<InterfaceChoice> ipv4InterfacesAndOthers()
{
    QList<InterfaceChoice> choices;
    for (const QNetworkInterface &interface : QNetworkInterface::allInterfaces())
        appendChoices(interface, true, &choices);
    return choices;
}

QList<InterfaceChoice> allInterfaces()
{
    QList<InterfaceChoice> choices;
    for (const QNetworkInterface &interface : QNetworkInterface::allInterfaces()) {
        choices.append({interface.name(), firstIPv4(interface).value_or(QHostAddress()), interface.index(),
                        interface.flags().testFlag(QNetworkInterface::IsUp)});
    }
    return choices;
}

std::optional<InterfaceChoice> resolve(const QString &spec, QString *error, Need need)
{
    const QString wanted = spec.trimmed();
    const QHostAddress wantedAddress(wanted);
    for (const QNetworkInterface &interface : QNetworkInterface::allInterfaces()) {
        const auto address = firstIPv4(interface);
        const bool nameMatches = interface.name() == wanted;
        bool addressMatches = false;
        for (const QNetworkAddressEntry &entry : interface.addressEntries())
            addressMatches = addressMatches || (!wantedAddress.isNull() && entry.ip() == wantedAddress);
        if (!nameMatches && !addressMatches)
            continue;
        if (!address && need == Need::IndexOnly) {
            return InterfaceChoice{interface.name(), addressMatches ? wantedAddress : QHostAddress(),
                                   interface.index(), interface.flags().testFlag(QNetworkInterface::IsUp)};
        }
        if (!address) {
            if (error)
                *error = QStringLiteral("interface %1 has no IPv4 address").arg(wanted);
            return std::nullopt;
        }
        return InterfaceChoice{interface.name(), addressMatches ? wantedAddress : *address,
                               interface.index(),
                               interface.flags().testFlag(QNetworkInterface::IsUp)};
    }
    if (error)
        *error = QStringLiteral("no interface named or addressed %1").arg(wanted);
    return std::nullopt;
}

} // namespace NetworkInterfaces
