#pragma once

#include "CommandLine.h"

#include <QString>

#include <optional>

class QCommandLineParser;

// What --send sends: --format (atu when not given), and for a stream --rate and --size,
// checked together with the --interval and --prefix only the heartbeat takes.
namespace SendOptions {

// What is wrong with them, naming the value, or nothing (and `options` filled in). The
// parser has parsed; options.format and options.group are read already.
std::optional<QString> error(const QCommandLineParser &parser, CommandLineOptions &options);

} // namespace SendOptions
