#include "CommandLine.h"

#include "ConfigArguments.h"
#include "SendOptions.h"
#include "generators/StreamFormats.h"
#include "settings/ConfigValidation.h"
#include "net/NetworkInterfaces.h"
#include "net/SubscriptionSpec.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <algorithm>
#include <cmath>

#ifdef Q_OS_WIN
#include <windows.h>

#include <shellapi.h> // after windows.h, which it needs
#endif

void CommandLineOptions::applyTo(ReceiveConfig &receive, TransmitConfig &transmit) const
{
    if (group) {
        receive.group = *group;
        transmit.group = *group;
    }
    if (port) {
        receive.port = *port;
        transmit.port = *port;
    }
    if (interfaceSpec) {
        receive.interfaceSpec = *interfaceSpec;
        transmit.interfaceSpec = *interfaceSpec;
    }
    receive.subscriptions.clear();
    for (const QString &spec : subscriptionSpecs) {
        QString unused;
        if (const auto subscription = SubscriptionSpec::parse(spec, {receive.port, receive.interfaceSpec}, &unused))
            receive.subscriptions.append(*subscription);
    }
    if (ttl)
        transmit.ttl = *ttl;
    if (receiveBufferBytes)
        receive.receiveBufferBytes = *receiveBufferBytes;
    if (interval)
        transmit.interval = *interval;
    if (prefix) {
        transmit.prefix = *prefix;
        receive.atuPrefix = *prefix;
    }
    // What --send sends comes from the command line alone, not from the transmit panel.
    if (mode == Mode::Send) {
        transmit.format = format.value_or(PayloadFormat::Atu);
        transmit.rate = rate.value_or(StreamFormats::defaultRate);
        transmit.size = size.value_or(0);
    } else {
        receive.format = format; // nothing: detected per flow
    }
}

namespace CommandLine {

namespace {

// The reason several --group SPECs (or one that is more than an IPv4 group) cannot be
// used, or nothing: each must read as a subscription on an interface that exists and is
// up. Headless and the window join them all; --send takes one destination.
std::optional<QString> subscriptionsError(const QStringList &specs, CommandLineOptions &options,
                                          const QString &interfaceOption)
{
    // No default interface here: a link-local IPv6 group must be given its own (@ or
    // --interface), not whatever the settings name. The others take the default below.
    const SubscriptionSpec::Defaults defaults{options.port.value_or(defaultPort), interfaceOption};
    QList<Subscription> subscriptions;
    for (const QString &spec : specs) {
        QString reason;
        auto subscription = SubscriptionSpec::parse(spec, defaults, &reason);
        if (!subscription)
            return QStringLiteral("--group %1").arg(reason);
        if (subscription->interfaceSpec.isEmpty())
            subscription->interfaceSpec = QString::fromLatin1(defaultInterface);
        const auto need = subscription->group.isIPv6() ? NetworkInterfaces::Need::IndexOnly
                                                       : NetworkInterfaces::Need::IPv4Address;
        const auto networkInterface = NetworkInterfaces::resolve(subscription->interfaceSpec, &reason, need);
        if (!networkInterface)
            return QStringLiteral("--group %1: %2").arg(spec, reason);
        if (!networkInterface->isUp)
            return QStringLiteral("--group %1: interface %2 is down").arg(spec, networkInterface->label());
        if (const auto warning = ConfigValidation::groupWarning(subscription->group.toQHostAddress());
            warning && subscription->group.isIPv4())
            options.warnings.append(*warning);
        subscriptions.append(*subscription);
    }
    if (options.mode != CommandLineOptions::Mode::Send) {
        options.subscriptionSpecs = specs;
        // The window's transmit panel aims at a lone IPv4 group, as with a plain --group.
        const Subscription &first = subscriptions.front();
        if (options.mode == CommandLineOptions::Mode::Gui && subscriptions.size() == 1
            && first.group.isIPv4() && !first.isSourceSpecific()) {
            options.group = first.group.toQHostAddress();
            options.port = first.port;
            options.interfaceSpec = first.interfaceSpec;
        }
        return std::nullopt;
    }
    if (subscriptions.size() > 1)
        return QStringLiteral("--send takes one --group; several are for --headless and the window");
    const Subscription &only = subscriptions.front();
    if (only.isSourceSpecific())
        return QStringLiteral("--send takes no source (%1); source-specific groups are for receiving")
            .arg(only.source.toString());
    options.group = only.group.toQHostAddress();
    options.port = only.port;
    options.interfaceSpec = only.interfaceSpec;
    return std::nullopt;
}

// Qt's options for the window, as QGuiApplication and QApplication read them (their
// --help-all). The parser must know them, since it runs before QApplication takes them out.
struct QtWindowOption
{
    const char *name;
    bool takesValue;
};

constexpr QtWindowOption qtWindowOptions[] = {
    {"platform", true},
    {"platformpluginpath", true},
    {"platformtheme", true},
    {"plugin", true},
    {"qwindowgeometry", true},
    {"qwindowicon", true},
    {"qwindowtitle", true},
    {"reverse", false},
    {"session", true},
    {"style", true},
    {"stylesheet", true},
    {"widgetcount", false},
    {"testability", false},
    {"qmljsdebugger", true},
    // X11 only
    {"display", true},
    {"name", true},
    {"nograb", false},
    {"dograb", false},
    {"visual", true},
    {"geometry", true},
    {"icon", true},
    {"title", true},
};

void addQtWindowOptions(QCommandLineParser &parser)
{
    for (const QtWindowOption &known : qtWindowOptions) {
        QCommandLineOption option(QString::fromLatin1(known.name));
        if (known.takesValue)
            option.setValueName(QStringLiteral("value"));
        option.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(option);
    }
}

CommandLineOptions error(const QString &reason)
{
    CommandLineOptions options;
    options.outcome = CommandLineOptions::Outcome::Error;
    options.message = reason;
    return options;
}

} // namespace

QStringList arguments(int argc, char **argv)
{
    QStringList list;
#ifdef Q_OS_WIN
    // argv is in the ANSI code page there; the wide command line holds every character.
    Q_UNUSED(argc)
    Q_UNUSED(argv)
    int count = 0;
    if (LPWSTR *wide = CommandLineToArgvW(GetCommandLineW(), &count)) {
        for (int i = 0; i < count; ++i)
            list.append(QString::fromWCharArray(wide[i]));
        LocalFree(wide);
    }
#else
    for (int i = 0; i < argc; ++i)
        list.append(QString::fromLocal8Bit(argv[i]));
#endif
    return list;
}

CommandLineOptions parse(const QStringList &arguments)
{
    const CommandLineOptions options = parseArguments(arguments);
    if (options.outcome != CommandLineOptions::Outcome::Run || options.configFile.isEmpty())
        return options;
    return ConfigArguments::parse(arguments, options);
}

CommandLineOptions parseArguments(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Watch and generate UDP multicast traffic.\n"
        "Without --headless or --send it opens the window, which also takes Qt's own\n"
        "options (-platform, -style, -reverse, -qwindowgeometry, ...)."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption headless(QStringLiteral("headless"),
                                      QStringLiteral("Join and print each datagram; no window."));
    const QCommandLineOption send(QStringLiteral("send"),
                                  QStringLiteral("Send the seed's messages; no window."));
    const QCommandLineOption group(
        QStringLiteral("group"),
        QStringLiteral("Multicast group (default 239.1.1.1); repeat it to join several, "
                       "each [SOURCE,]GROUP[:PORT][@INTERFACE], IPv6 in brackets before a port: "
                       "239.1.1.2:5002@lo, '[ff15::1]:5001@veth0', 198.18.0.5,232.1.1.1. "
                       "--send takes one."),
        QStringLiteral("spec"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("UDP port (default 5001)."),
                                  QStringLiteral("port"));
    const QCommandLineOption networkInterface(
        QStringLiteral("interface"),
        QStringLiteral("Interface by name (lo) or address (127.0.0.1, ::1) for the groups "
                       "that name none (default 127.0.0.1)."),
        QStringLiteral("name|address"));
    const QCommandLineOption ttl(QStringLiteral("ttl"),
                                 QStringLiteral("TTL of sent datagrams, 0-255 (default 1)."),
                                 QStringLiteral("hops"));
    const QCommandLineOption receiveBuffer(
        QStringLiteral("receive-buffer"),
        QStringLiteral("Kernel receive buffer per socket, bytes or with K or M (default 4M; "
                       "Linux caps it at net.core.rmem_max unless run with CAP_NET_ADMIN)."),
        QStringLiteral("size"));
    const QCommandLineOption interval(
        QStringLiteral("interval"),
        QStringLiteral("Seconds between sent messages, 0.001-86400 (default 1)."),
        QStringLiteral("seconds"));
    const QCommandLineOption prefix(
        QStringLiteral("prefix"),
        QStringLiteral("First word of sent messages and of the ATU messages to decode; an empty "
                       "one means the timestamp alone (default ATU)."),
        QStringLiteral("text"));
    const QCommandLineOption format(
        QStringLiteral("format"),
        QStringLiteral("With --send: what to send, atu (the seed's message, the default), rtp (RTP "
                       "carrying MPEG-TS), mpegts or iperf2. Otherwise how to read what is received: "
                       "auto (detected per flow, the default), raw, atu, rtp, mpegts, rtp-mpegts, "
                       "iperf2 or mcjoin."),
        QStringLiteral("name"));
    const QCommandLineOption rate(
        QStringLiteral("rate"),
        QStringLiteral("With --send and a stream format: datagrams per second, 1-1000000 "
                       "(default 1000)."),
        QStringLiteral("pps"));
    const QCommandLineOption size(
        QStringLiteral("size"),
        QStringLiteral("With --send and a stream format: bytes per datagram (default 1328 rtp, "
                       "1316 mpegts, 1470 iperf2)."),
        QStringLiteral("bytes"));
    const QCommandLineOption count(
        QStringLiteral("count"),
        QStringLiteral("With --headless or --send: stop after N datagrams received or sent."),
        QStringLiteral("N"));
    const QCommandLineOption duration(
        QStringLiteral("duration"),
        QStringLiteral("Stop after SEC seconds, 0.001 up to 100 years."), QStringLiteral("SEC"));
    const QCommandLineOption stats(
        QStringLiteral("stats"),
        QStringLiteral("Print statistics every SEC seconds, 0.01 up to 100 years, and on exit."),
        QStringLiteral("SEC"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print one JSON object per line."));
    const QCommandLineOption datagrams(
        QStringLiteral("datagrams"),
        QStringLiteral("With --stats, print each datagram too (by default only statistics)."));
    const QCommandLineOption listen(
        QStringLiteral("listen"),
        QStringLiteral("Window: start listening at once (implied by --stats)."));
    const QCommandLineOption pcap(
        QStringLiteral("pcap"),
        QStringLiteral("With --headless: write every datagram received to FILE, a pcap capture "
                       "(Wireshark, tshark -r)."),
        QStringLiteral("FILE"));
    const QCommandLineOption metrics(
        QStringLiteral("metrics"),
        QStringLiteral("Serve Prometheus metrics over HTTP at /metrics on [ADDRESS:]PORT "
                       "(127.0.0.1 unless an address is given; [::1]:9300 for IPv6)."),
        QStringLiteral("[address:]port"));
    const QCommandLineOption config(
        QStringLiteral("config"),
        QStringLiteral("Read settings from FILE, one 'option = value' a line (the command line "
                       "overrides them); headless re-reads it on SIGHUP."),
        QStringLiteral("file"));
    parser.addOptions({headless, send, group, port, networkInterface, ttl, interval, prefix, format, rate,
                       size, count, duration, stats, json, datagrams, listen});
    parser.addOptions({metrics, config, receiveBuffer});
    parser.addOptions({pcap});
    addQtWindowOptions(parser);
    // Qt writes its options with one dash (-platform, -style=Fusion); ours take one or two.
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);

    if (!parser.parse(arguments))
        return error(parser.errorText());
    CommandLineOptions options;
    // --help-all would add Qt's options, which Qt lists only once QApplication exists.
    if (parser.isSet(help) || parser.isSet(QStringLiteral("help-all"))) {
        options.outcome = CommandLineOptions::Outcome::ShowHelp;
        // Without an application object Qt cannot name the program in the usage line.
        options.message =
            parser.helpText().replace(QStringLiteral("<executable_name>"),
                                      arguments.value(0, QStringLiteral("mcast-monitor")));
        return options;
    }
    if (parser.isSet(version)) {
        options.outcome = CommandLineOptions::Outcome::ShowVersion;
        options.message = QStringLiteral("%1 %2\n").arg(QCoreApplication::applicationName(),
                                                       QCoreApplication::applicationVersion());
        return options;
    }
    if (!parser.positionalArguments().isEmpty())
        return error(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    if (parser.isSet(headless) && parser.isSet(send))
        return error(QStringLiteral("--headless and --send cannot be combined; run two instances"));
    options.mode = parser.isSet(headless) ? CommandLineOptions::Mode::Headless
                   : parser.isSet(send)   ? CommandLineOptions::Mode::Send
                                          : CommandLineOptions::Mode::Gui;
    if (parser.isSet(port)) {
        if (const auto reason = ConfigValidation::portError(parser.value(port)))
            return error(*reason);
        options.port = quint16(parser.value(port).toInt());
    }
    if (parser.isSet(networkInterface)) {
        if (parser.value(networkInterface).trimmed().isEmpty())
            return error(QStringLiteral("--interface needs a name or an address"));
        options.interfaceSpec = parser.value(networkInterface).trimmed();
        // Any interface will do here; what a group needs of it is checked with the group.
        QString reason;
        const auto found = NetworkInterfaces::resolve(*options.interfaceSpec, &reason,
                                                      NetworkInterfaces::Need::IndexOnly);
        if (!found)
            return error(QStringLiteral("--interface: %1").arg(reason));
        if (!found->isUp)
            return error(QStringLiteral("--interface: interface %1 is down").arg(found->label()));
    }
    const QStringList groups = parser.values(group);
    const auto plainIPv4 = [](const QString &text) {
        return std::all_of(text.cbegin(), text.cend(),
                           [](QChar c) { return c.isDigit() || c == QLatin1Char('.') || c.isSpace(); });
    };
    if (groups.size() == 1 && plainIPv4(groups.front())) {
        if (const auto reason = ConfigValidation::groupError(groups.front()))
            return error(*reason);
        options.group = QHostAddress(groups.front().trimmed());
        // Sending to a source-specific group needs no source; joining one does.
        if (const auto ssm = IpAddress::fromQHostAddress(*options.group);
            ssm.isSourceSpecificMulticast() && options.mode != CommandLineOptions::Mode::Send)
            return error(QStringLiteral("--group %1 is a source-specific group (232.0.0.0/8): give "
                                        "its source as SOURCE,GROUP")
                             .arg(ssm.toString()));
        if (const auto warning = ConfigValidation::groupWarning(*options.group))
            options.warnings.append(*warning);
    } else if (!groups.isEmpty()) {
        if (const auto reason = subscriptionsError(groups, options, parser.value(networkInterface).trimmed()))
            return error(*reason);
    }
    // No --group (the saved one is IPv4), or one IPv4 group: it is joined on --interface.
    if (parser.isSet(networkInterface)
        && (groups.isEmpty() || (options.group && options.group->protocol() == QAbstractSocket::IPv4Protocol))) {
        QString reason;
        if (!NetworkInterfaces::resolve(*options.interfaceSpec, &reason))
            return error(QStringLiteral("--interface: %1, which an IPv4 group needs").arg(reason));
    }
    if (parser.isSet(ttl)) {
        if (const auto reason = ConfigValidation::ttlError(parser.value(ttl)))
            return error(*reason);
        options.ttl = parser.value(ttl).toInt();
    }
    if (parser.isSet(receiveBuffer)) {
        if (options.mode == CommandLineOptions::Mode::Send)
            return error(QStringLiteral("--receive-buffer is for receiving; --send receives nothing"));
        if (const auto reason = ConfigValidation::receiveBufferError(parser.value(receiveBuffer)))
            return error(QStringLiteral("--receive-buffer: %1").arg(*reason));
        options.receiveBufferBytes = ConfigValidation::receiveBufferBytes(parser.value(receiveBuffer));
    }
    if (parser.isSet(interval)) {
        if (const auto reason = ConfigValidation::intervalError(parser.value(interval)))
            return error(*reason);
        options.interval = std::chrono::microseconds(
            std::llround(parser.value(interval).trimmed().toDouble() * 1e6));
    }
    if (parser.isSet(prefix)) {
        if (const auto reason = ConfigValidation::prefixError(parser.value(prefix)))
            return error(*reason);
        options.prefix = parser.value(prefix);
    }
    if (parser.isSet(format)) {
        const QString name = parser.value(format).trimmed();
        if (options.mode == CommandLineOptions::Mode::Send) {
            options.format = payloadFormatFromName(name);
            if (!options.format)
                return error(QStringLiteral("--format '%1' is not a format; --send sends %2")
                                 .arg(parser.value(format), StreamFormats::sendableNames()));
        } else if (!parseFormatChoice(name, &options.format)) {
            return error(QStringLiteral("--format '%1' must be auto, raw, atu, rtp, mpegts, rtp-mpegts, iperf2 or mcjoin")
                             .arg(parser.value(format)));
        }
    }
    if (options.mode == CommandLineOptions::Mode::Send) {
        if (const auto reason = SendOptions::error(parser, options))
            return error(*reason);
    } else {
        for (const QCommandLineOption &sendOnly : {rate, size}) {
            if (parser.isSet(sendOnly))
                return error(QStringLiteral("--%1 is for --send").arg(sendOnly.names().constFirst()));
        }
    }
    if (parser.isSet(count)) {
        bool ok = false;
        const qint64 value = parser.value(count).toLongLong(&ok);
        if (!ok || value < 1)
            return error(QStringLiteral("--count '%1' must be a whole number above 0").arg(parser.value(count)));
        // Rather than ignored: the window counts nothing (its transmit panel sends until stopped).
        if (options.mode == CommandLineOptions::Mode::Gui)
            return error(
                QStringLiteral("--count '%1' is for --headless and --send; the window has no count")
                    .arg(parser.value(count)));
        options.count = value;
    }
    if (parser.isSet(duration)) {
        if (const auto reason = ConfigValidation::durationError(parser.value(duration)))
            return error(*reason);
        options.durationSeconds = parser.value(duration).trimmed().toDouble();
    }
    if (parser.isSet(stats)) {
        if (const auto reason = ConfigValidation::statsPeriodError(parser.value(stats)))
            return error(*reason);
        options.statsSeconds = parser.value(stats).trimmed().toDouble();
    }
    if (parser.isSet(metrics)) {
        if (options.mode == CommandLineOptions::Mode::Send)
            return error(QStringLiteral("--metrics is for --headless and the window; --send has no statistics"));
        QString reason;
        options.metrics = MetricsEndpoint::parse(parser.value(metrics), &reason);
        if (!options.metrics)
            return error(reason);
    }
    if (parser.isSet(config)) {
        if (parser.value(config).isEmpty())
            return error(QStringLiteral("--config needs a file"));
        options.configFile = parser.value(config);
    }
    if (parser.isSet(pcap)) {
        if (options.mode != CommandLineOptions::Mode::Headless)
            return error(QStringLiteral("--pcap is for --headless; the window saves a capture with "
                                        "File > Save Capture"));
        if (parser.value(pcap).isEmpty())
            return error(QStringLiteral("--pcap needs a file name"));
        options.pcapPath = parser.value(pcap);
    }
    options.platformChosen = parser.isSet(QStringLiteral("platform"));
    options.json = parser.isSet(json);
    options.datagrams = parser.isSet(datagrams);
    options.listen = parser.isSet(listen) || (options.mode == CommandLineOptions::Mode::Gui && options.statsSeconds);
    return options;
}

} // namespace CommandLine
