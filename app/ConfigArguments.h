#pragma once

#include "CommandLine.h"

#include <QStringList>

// --config FILE: the file's settings as command-line options, placed before the command
// line's own so that those override them (its --group values, when there are any, replace
// the file's group lines whole). Each line is checked alone first, so a bad value is named
// by FILE:LINE. A key is a long option; a switch takes `true` or `false`.
namespace ConfigArguments {

// arguments: the whole command line; commandLine: what it says alone (parseArguments).
CommandLineOptions parse(const QStringList &arguments, const CommandLineOptions &commandLine);

} // namespace ConfigArguments
