#include "ConfigArguments.h"

#include "settings/ConfigFile.h"

namespace ConfigArguments {

namespace {

CommandLineOptions error(const QString &reason)
{
    CommandLineOptions options;
    options.outcome = CommandLineOptions::Outcome::Error;
    options.message = reason;
    return options;
}

bool isRunnable(const CommandLineOptions &options)
{
    return options.outcome == CommandLineOptions::Outcome::Run;
}

// What a line is checked with: the mode, as the command line or the file sets it.
QStringList modeArguments(const CommandLineOptions &commandLine, const QList<ConfigFile::Entry> &entries)
{
    if (commandLine.mode == CommandLineOptions::Mode::Headless)
        return {QStringLiteral("--headless")};
    if (commandLine.mode == CommandLineOptions::Mode::Send)
        return {QStringLiteral("--send")};
    for (const ConfigFile::Entry &entry : entries) {
        if ((entry.key == QLatin1String("headless") || entry.key == QLatin1String("send"))
            && entry.value == QLatin1String("true") && !entry.quoted)
            return {QStringLiteral("--") + entry.key};
    }
    return {};
}

// With --send, what is sent decides which other lines fit (--rate for a stream, --interval
// for the heartbeat): the command line's --format, else the file's.
QStringList sendFormatArguments(const QStringList &mode, const CommandLineOptions &commandLine,
                                const QList<ConfigFile::Entry> &entries)
{
    if (mode != QStringList{QStringLiteral("--send")})
        return {};
    if (commandLine.format)
        return {QStringLiteral("--format=") + payloadFormatName(*commandLine.format)};
    for (const ConfigFile::Entry &entry : entries) {
        // A format that is not one is said on its own line.
        if (entry.key == QLatin1String("format") && payloadFormatFromName(entry.value))
            return {QStringLiteral("--format=") + entry.value};
    }
    return {};
}

// Whether the command line gives this option itself (--key VALUE, --key=VALUE, -key …):
// then the file's line is neither checked nor used.
bool commandLineSets(const QStringList &arguments, const QString &key)
{
    for (const QString &argument : arguments.mid(1)) {
        for (const QString &dashes : {QStringLiteral("--"), QStringLiteral("-")}) {
            const QString option = dashes + key;
            if (argument == option || argument.startsWith(option + QLatin1Char('=')))
                return true;
        }
    }
    return false;
}

} // namespace

CommandLineOptions parse(const QStringList &arguments, const CommandLineOptions &commandLine)
{
    const QString &path = commandLine.configFile;
    QString reason;
    const auto entries = ConfigFile::read(path, &reason);
    if (!entries)
        return error(reason);
    const QString program = arguments.value(0, QStringLiteral("mcast-monitor"));
    const QStringList mode = modeArguments(commandLine, *entries);
    const QStringList context = mode + sendFormatArguments(mode, commandLine, *entries);
    const bool commandLineHasGroups = commandLine.group || !commandLine.subscriptionSpecs.isEmpty();
    QStringList fromFile;
    for (const ConfigFile::Entry &entry : *entries) {
        const auto refuse = [&](const QString &why) {
            return error(QStringLiteral("%1:%2: %3").arg(path).arg(entry.line).arg(why));
        };
        if (entry.key == QLatin1String("config") || entry.key.startsWith(QLatin1String("help"))
            || entry.key == QLatin1String("version"))
            return refuse(QStringLiteral("'%1' is for the command line, not a settings file").arg(entry.key));
        if (entry.key == QLatin1String("group") ? commandLineHasGroups : commandLineSets(arguments, entry.key))
            continue;
        const QString option = QStringLiteral("--") + entry.key;
        const QString withValue = option + QLatin1Char('=') + entry.value;
        const CommandLineOptions asValue = CommandLine::parseArguments(QStringList{program} + context + QStringList{withValue});
        QStringList lineArguments{withValue};
        if (!isRunnable(asValue)) {
            const CommandLineOptions asSwitch = CommandLine::parseArguments(QStringList{program} + context + QStringList{option});
            if (!isRunnable(asSwitch))
                return refuse(asValue.message);
            const bool isBoolean = !entry.quoted
                                   && (entry.value == QLatin1String("true") || entry.value == QLatin1String("false"));
            if (!isBoolean)
                return refuse(QStringLiteral("%1 is a switch: write %1 = true or %1 = false").arg(entry.key));
            lineArguments = entry.value == QLatin1String("true") ? QStringList{option} : QStringList{};
        }
        fromFile += lineArguments;
    }
    CommandLineOptions options = CommandLine::parseArguments(QStringList{program} + fromFile + arguments.mid(1));
    if (!isRunnable(options) && options.outcome == CommandLineOptions::Outcome::Error)
        options.message = QStringLiteral("%1 with the command line: %2").arg(path, options.message);
    return options;
}

} // namespace ConfigArguments
