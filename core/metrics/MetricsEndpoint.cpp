#include "metrics/MetricsEndpoint.h"

#include "net/IpAddress.h"

namespace {

std::optional<quint16> portNumber(const QString &text)
{
    bool ok = false;
    const uint port = text.toUInt(&ok);
    if (!ok || port < 1 || port > 65535 || text.startsWith(QLatin1Char('+')))
        return std::nullopt;
    return quint16(port);
}

} // namespace

std::optional<MetricsEndpoint> MetricsEndpoint::parse(const QString &input, QString *reason)
{
    const QString text = input.trimmed();
    const auto refuse = [&](const QString &why) -> std::optional<MetricsEndpoint> {
        if (reason)
            *reason = QStringLiteral("--metrics '%1': %2").arg(input, why);
        return std::nullopt;
    };
    QString addressText;
    QString portText = text;
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QStringLiteral("]:"));
        if (close < 0)
            return refuse(QStringLiteral("an IPv6 address needs a port after it: [ADDRESS]:PORT"));
        addressText = text.mid(1, close - 1);
        portText = text.mid(close + 2);
    } else if (const qsizetype colon = text.lastIndexOf(QLatin1Char(':')); colon >= 0) {
        addressText = text.left(colon);
        portText = text.mid(colon + 1);
        if (addressText.contains(QLatin1Char(':')))
            return refuse(QStringLiteral("write an IPv6 address in brackets: [ADDRESS]:PORT"));
    }
    const auto port = portNumber(portText);
    if (!port)
        return refuse(QStringLiteral("the port must be a number from 1 to 65535"));
    MetricsEndpoint endpoint;
    endpoint.port = *port;
    if (!addressText.isEmpty()) {
        QString why;
        const auto address = IpAddress::parse(addressText, &why);
        if (!address)
            return refuse(why);
        if (address->isMulticast())
            return refuse(QStringLiteral("%1 is a multicast address").arg(addressText));
        endpoint.address = address->toQHostAddress();
    }
    return endpoint;
}

QString MetricsEndpoint::toString() const
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QStringLiteral("[%1]").arg(address.toString())
                             : address.toString();
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

QString MetricsEndpoint::metricsUrl() const
{
    return QStringLiteral("http://%1/metrics").arg(toString());
}
