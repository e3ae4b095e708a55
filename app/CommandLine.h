#pragma once

#include "decoders/PayloadDecoder.h"
#include "metrics/MetricsEndpoint.h"
#include "settings/MulticastConfig.h"

#include <QString>
#include <QStringList>

#include <optional>

// What the user asked for on the command line. Options given override the saved
// settings, for the window and for headless runs alike.
struct CommandLineOptions
{
    enum class Mode { Gui, Headless, Send };
    enum class Outcome { Run, ShowHelp, ShowVersion, Error };

    Outcome outcome = Outcome::Run;
    Mode mode = Mode::Gui;
    QString message; // help or version text, or the one-line error

    std::optional<QHostAddress> group;
    // --group SPECs other than one plain IPv4 group: what headless and the window join.
    // Validated; --port and --interface (or the settings) fill what a spec leaves out.
    QStringList subscriptionSpecs;
    std::optional<quint16> port;
    std::optional<QString> interfaceSpec;
    std::optional<int> ttl;
    std::optional<int> receiveBufferBytes; // --receive-buffer, asked of the kernel per socket
    std::optional<std::chrono::microseconds> interval;
    std::optional<QString> prefix;
    // --format: with --send the stream to send (atu when not given), otherwise how to read
    // every subscription's payloads (nothing: detected per flow).
    FormatChoice format = std::nullopt;
    std::optional<qint64> rate; // --send a stream: datagrams per second
    std::optional<int> size;    // --send a stream: bytes per datagram

    std::optional<qint64> count;
    std::optional<double> durationSeconds;
    std::optional<double> statsSeconds;
    std::optional<QString> pcapPath; // --headless: every datagram into this capture file
    bool json = false;
    bool datagrams = false; // with --stats: print each datagram too
    bool listen = false;    // the window starts listening at once
    bool platformChosen = false; // Qt's -platform: the window may need no display
    std::optional<MetricsEndpoint> metrics; // --metrics: serve Prometheus metrics there
    QString configFile;                     // --config: read at start, again on SIGHUP (headless)
    QStringList warnings;

    void applyTo(ReceiveConfig &receive, TransmitConfig &transmit) const;
    // Whether --group, --port or --interface name what to join: then the window shows
    // those subscriptions for this run instead of its saved list.
    bool namesSubscriptions() const
    {
        return group || port || interfaceSpec || !subscriptionSpecs.isEmpty();
    }
};

namespace CommandLine {

// main()'s arguments as QCoreApplication::arguments() gives them, before one exists.
QStringList arguments(int argc, char **argv);
// Needs no application object: main() parses before it makes one. Qt's own window options
// (-platform, -style, -reverse, …) are accepted and left to QApplication. A --config FILE's
// settings come first and the command line overrides them (ConfigArguments).
CommandLineOptions parse(const QStringList &arguments);
// The arguments alone: a --config is noted in configFile, not read.
CommandLineOptions parseArguments(const QStringList &arguments);

} // namespace CommandLine
