#include "net/SubscriptionSpec.h"

namespace SubscriptionSpec {

namespace {

std::optional<quint16> portNumber(QStringView text)
{
    if (text.isEmpty() || text.size() > 5)
        return std::nullopt;
    uint value = 0;
    for (const QChar c : text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return std::nullopt;
        value = value * 10 + uint(c.unicode() - '0');
    }
    if (value == 0 || value > 65535)
        return std::nullopt;
    return quint16(value);
}

QString quoted(QStringView text)
{
    return QLatin1Char('"') + text.toString() + QLatin1Char('"');
}

// Interface-local (1) and link-local (2) IPv6 scopes name no network without an interface.
bool needsInterface(const IpAddress &group)
{
    if (!group.isIPv6())
        return false;
    const int scope = group.ipv6Bytes()[1] & 0x0f;
    return scope == 1 || scope == 2;
}

} // namespace

std::optional<Subscription> parse(QStringView spec, const Defaults &defaults, QString *error)
{
    const auto fail = [&](const QString &why) -> std::optional<Subscription> {
        *error = QStringLiteral("%1: %2").arg(quoted(spec), why);
        return std::nullopt;
    };
    Subscription subscription;
    subscription.port = defaults.port;
    subscription.interfaceSpec = defaults.interfaceSpec;
    QStringView rest = spec.trimmed();
    if (rest.isEmpty())
        return fail(QStringLiteral("no group given"));

    if (const qsizetype at = rest.indexOf(QLatin1Char('@')); at >= 0) {
        subscription.interfaceSpec = rest.mid(at + 1).toString();
        if (subscription.interfaceSpec.isEmpty())
            return fail(QStringLiteral("no interface after @"));
        rest = rest.left(at);
    }
    if (const qsizetype comma = rest.indexOf(QLatin1Char(',')); comma >= 0) {
        QStringView sourceText = rest.left(comma);
        if (sourceText.startsWith(QLatin1Char('[')) && sourceText.endsWith(QLatin1Char(']')))
            sourceText = sourceText.mid(1, sourceText.size() - 2);
        QString why;
        const auto source = IpAddress::parse(sourceText, &why);
        if (!source)
            return fail(QStringLiteral("source %1: %2").arg(quoted(sourceText), why));
        subscription.source = *source;
        rest = rest.mid(comma + 1);
    }

    QStringView groupText = rest;
    QStringView portText;
    if (rest.startsWith(QLatin1Char('['))) {
        const qsizetype close = rest.indexOf(QLatin1Char(']'));
        if (close < 0)
            return fail(QStringLiteral("no ] after the IPv6 group"));
        groupText = rest.mid(1, close - 1);
        const QStringView after = rest.mid(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(QLatin1Char(':')))
                return fail(QStringLiteral("expected :PORT after ]"));
            portText = after.mid(1);
            if (portText.isEmpty())
                return fail(QStringLiteral("no port after :"));
        }
    } else if (rest.count(QLatin1Char(':')) == 1) {
        const qsizetype colon = rest.indexOf(QLatin1Char(':'));
        groupText = rest.left(colon);
        portText = rest.mid(colon + 1);
        if (portText.isEmpty())
            return fail(QStringLiteral("no port after :"));
    }
    QString why;
    const auto group = IpAddress::parse(groupText, &why);
    if (!group)
        return fail(QStringLiteral("group %1: %2").arg(quoted(groupText), why));
    subscription.group = *group;
    if (!portText.isNull()) {
        const auto port = portNumber(portText);
        if (!port)
            return fail(QStringLiteral("port %1 is not a number from 1 to 65535").arg(quoted(portText)));
        subscription.port = *port;
    }
    if (const QString wrong = problem(subscription); !wrong.isEmpty())
        return fail(wrong);
    return subscription;
}

std::optional<Subscription> withPart(const Subscription &subscription, Part part, QStringView text,
                                     QString *error)
{
    Subscription edited = subscription;
    QStringView value = text.trimmed();
    if ((part == Part::Group || part == Part::Source) && value.startsWith(QLatin1Char('['))
        && value.endsWith(QLatin1Char(']')))
        value = value.mid(1, value.size() - 2);
    QString why;
    switch (part) {
    case Part::Group: {
        const auto group = IpAddress::parse(value, &why);
        if (!group) {
            *error = QStringLiteral("group %1: %2").arg(quoted(value), why);
            return std::nullopt;
        }
        edited.group = *group;
        break;
    }
    case Part::Source: {
        if (value.isEmpty()) {
            edited.source = IpAddress();
            break;
        }
        const auto source = IpAddress::parse(value, &why);
        if (!source) {
            *error = QStringLiteral("source %1: %2").arg(quoted(value), why);
            return std::nullopt;
        }
        edited.source = *source;
        break;
    }
    case Part::Port: {
        const auto port = portNumber(value);
        if (!port) {
            *error = QStringLiteral("port %1 is not a number from 1 to 65535").arg(quoted(value));
            return std::nullopt;
        }
        edited.port = *port;
        break;
    }
    case Part::Interface:
        if (value.isEmpty() || value.contains(QLatin1Char('@'))) {
            *error = QStringLiteral("interface %1: give a name or an address").arg(quoted(value));
            return std::nullopt;
        }
        edited.interfaceSpec = value.toString();
        break;
    }
    if (const QString wrong = problem(edited); !wrong.isEmpty()) {
        *error = wrong;
        return std::nullopt;
    }
    return edited;
}

QString problem(const Subscription &subscription)
{
    const IpAddress &group = subscription.group;
    const IpAddress &source = subscription.source;
    if (!group.isMulticast()) {
        return QStringLiteral("%1 is not a multicast group (IPv4 224.0.0.0–239.255.255.255, IPv6 ff00::/8)")
            .arg(group.toString());
    }
    if (subscription.port == 0)
        return QStringLiteral("no port for %1").arg(group.toString());
    if (group.isSourceSpecificMulticast() && source.isNull()) {
        return QStringLiteral("%1 is a source-specific group (%2): give its source as SOURCE,GROUP")
            .arg(group.toString(), QLatin1String(group.isIPv4() ? "232.0.0.0/8" : "ff3x::/32"));
    }
    if (!source.isNull()) {
        if (source.family() != group.family()) {
            return QStringLiteral("source %1 and group %2 are not of the same address family")
                .arg(source.toString(), group.toString());
        }
        if (source.isMulticast() || source.isAny())
            return QStringLiteral("source %1 is not a unicast address").arg(source.toString());
    }
    if (needsInterface(group) && subscription.interfaceSpec.isEmpty())
        return QStringLiteral("%1 is link-local: give its interface as GROUP@INTERFACE").arg(group.toString());
    return {};
}

} // namespace SubscriptionSpec
