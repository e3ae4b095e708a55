#include "net/NetworkInterfaces.h"

QString InterfaceChoice::label() const
{
    const QString shown = friendlyName.isEmpty() ? name : QStringLiteral("%1 (#%2)").arg(friendlyName).arg(index);
    return address.isNull() ? shown : QStringLiteral("%1 — %2").arg(shown, address.toString());
}

QNetworkInterface InterfaceChoice::qtInterface() const
{
    return QNetworkInterface::interfaceFromIndex(index);
}

namespace NetworkInterfaces {

static QString friendlyNameOf(const QNetworkInterface &networkInterface)
{
    const QString friendly = networkInterface.humanReadableName();
    return friendly == networkInterface.name() ? QString() : friendly;
}

static InterfaceChoice choiceOf(const QNetworkInterface &networkInterface, const QHostAddress &address)
{
    return {networkInterface.name(), address, networkInterface.index(),
            networkInterface.flags().testFlag(QNetworkInterface::IsUp), friendlyNameOf(networkInterface)};
}

static std::optional<QHostAddress> firstIPv4(const QNetworkInterface &networkInterface)
{
    for (const QNetworkAddressEntry &entry : networkInterface.addressEntries()) {
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

static void appendChoices(const QNetworkInterface &networkInterface, bool withoutIPv4,
                          QList<InterfaceChoice> *choices)
{
    bool hasIPv4 = false;
    for (const QNetworkAddressEntry &entry : networkInterface.addressEntries()) {
        if (entry.ip().protocol() != QAbstractSocket::IPv4Protocol)
            continue;
        choices->append(choiceOf(networkInterface, entry.ip()));
        hasIPv4 = true;
    }
    if (!hasIPv4 && withoutIPv4)
        choices->append(choiceOf(networkInterface, QHostAddress()));
}

QList<InterfaceChoice> ipv4Interfaces()
{
    QList<InterfaceChoice> choices;
    for (const QNetworkInterface &networkInterface : QNetworkInterface::allInterfaces())
        appendChoices(networkInterface, false, &choices);
    return choices;
}

QList<InterfaceChoice> ipv4InterfacesAndOthers()
{
    QList<InterfaceChoice> choices;
    for (const QNetworkInterface &networkInterface : QNetworkInterface::allInterfaces())
        appendChoices(networkInterface, true, &choices);
    return choices;
}

QList<InterfaceChoice> allInterfaces()
{
    QList<InterfaceChoice> choices;
    for (const QNetworkInterface &networkInterface : QNetworkInterface::allInterfaces())
        choices.append(choiceOf(networkInterface, firstIPv4(networkInterface).value_or(QHostAddress())));
    return choices;
}

// The interface spec names: by name, friendly name or address, else by index.
static std::optional<QNetworkInterface> find(const QString &wanted, const QHostAddress &wantedAddress)
{
    const QList<QNetworkInterface> all = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &networkInterface : all) {
        if (networkInterface.name() == wanted)
            return networkInterface;
        const QString friendly = friendlyNameOf(networkInterface);
        if (!friendly.isEmpty() && friendly.compare(wanted, Qt::CaseInsensitive) == 0)
            return networkInterface;
        for (const QNetworkAddressEntry &entry : networkInterface.addressEntries()) {
            if (!wantedAddress.isNull() && entry.ip() == wantedAddress)
                return networkInterface;
        }
    }
    bool isNumber = false;
    const int index = wanted.toInt(&isNumber);
    for (const QNetworkInterface &networkInterface : all) {
        if (isNumber && networkInterface.index() == index)
            return networkInterface;
    }
    return std::nullopt;
}

std::optional<InterfaceChoice> resolve(const QString &spec, QString *error, Need need)
{
    const QString wanted = spec.trimmed();
    const QHostAddress wantedAddress(wanted);
    const auto found = find(wanted, wantedAddress);
    if (!found) {
        if (error)
            *error = QStringLiteral("no interface named or addressed %1").arg(wanted);
        return std::nullopt;
    }
    bool addressMatches = false;
    for (const QNetworkAddressEntry &entry : found->addressEntries())
        addressMatches = addressMatches || (!wantedAddress.isNull() && entry.ip() == wantedAddress);
    const auto address = firstIPv4(*found);
    if (!address && need == Need::IndexOnly)
        return choiceOf(*found, addressMatches ? wantedAddress : QHostAddress());
    if (!address) {
        if (error)
            *error = QStringLiteral("interface %1 has no IPv4 address").arg(wanted);
        return std::nullopt;
    }
    return choiceOf(*found, addressMatches ? wantedAddress : *address);
}

} // namespace NetworkInterfaces
