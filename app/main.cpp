#include "CommandLine.h"
#include "Console.h"
#include "Diagnostics.h"
#include "DisplayCheck.h"
#include "HeadlessMonitor.h"
#include "HeadlessSender.h"
#include "StandardOutput.h"
#include "TerminationSignals.h"
#include "MainWindow.h"
#include "metrics/MetricsExposition.h"
#include "metrics/MetricsServer.h"
#include "session/MonitorSession.h"
#include "settings/SettingsStore.h"
#include "session/StallMonitor.h"
#include "output/StatsPrinter.h"
#include "time/LongTimer.h"

#include <QApplication>
#include <QIcon>

#include <cstdio>

namespace {

void describeApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("mcast-monitor"));
    QCoreApplication::setApplicationName(QStringLiteral("mcast-monitor"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MCAST_MONITOR_VERSION));
}

// Prints help, version or an argument error; returns the exit code, or -1 to go on.
int answerWithoutRunning(const CommandLineOptions &options)
{
    switch (options.outcome) {
    case CommandLineOptions::Outcome::ShowHelp:
    case CommandLineOptions::Outcome::ShowVersion:
        std::fputs(qUtf8Printable(options.message), stdout);
        return 0;
    case CommandLineOptions::Outcome::Error:
        Diagnostics::error(options.message);
        return 2;
    case CommandLineOptions::Outcome::Run:
        break;
    }
    for (const QString &warning : options.warnings)
        Diagnostics::warning(warning);
    return -1;
}

// --metrics: the session's statistics over HTTP, on the caller's thread. False, said on
// stderr, when the address cannot be served.
bool serveMetrics(MetricsServer &server, const CommandLineOptions &options)
{
    if (!options.metrics)
        return true;
    QString reason;
    if (!server.listen(*options.metrics, &reason)) {
        Diagnostics::error(reason);
        return false;
    }
    Diagnostics::note(QStringLiteral("Serving metrics at ") + server.endpoint().metricsUrl());
    return true;
}

MetricsServer::Render metricsOf(const MonitorSession &session)
{
    return [&session] { return MetricsExposition::renderNow(session.statistics()); };
}

// setUp(session, runner, termination) adds what a mode needs; false ends the run with 1.
template<typename Runner, typename Config, typename SetUp>
int runWithoutWindow(QCoreApplication &app, int standardOutput, const CommandLineOptions &options,
                     const Config &config, SetUp setUp)
{
    TerminationSignals termination;
    StandardOutput output(standardOutput);
    MonitorSession session;
    Runner runner(session, options, config, output.sink());
    QObject::connect(&runner, &Runner::finished, &app, &QCoreApplication::exit, Qt::QueuedConnection);
    QObject::connect(&termination, &TerminationSignals::terminationRequested, &runner, &Runner::finish);
    // A script wants to know at once that its output is lost, not at the end of the run.
    QObject::connect(&output, &StandardOutput::failed, &app,
                     [] { QCoreApplication::exit(StandardOutput::writeErrorExitCode); });
    if (!setUp(session, runner, termination))
        return output.close(1);
    runner.start();
    return output.close(app.exec());
}

// The settings with the command line's choices applied.
void configure(const CommandLineOptions &options, ReceiveConfig &receive, TransmitConfig &transmit)
{
    SettingsStore settings;
    receive = settings.receiveConfig();
    transmit = settings.transmitConfig();
    for (const QString &warning : settings.takeWarnings())
        Diagnostics::warning(warning);
    options.applyTo(receive, transmit);
}

// SIGHUP with --config: the file and the command line read again; the subscriptions
// change at once, the rest at the next start. A file that no longer reads changes nothing.
void reload(HeadlessMonitor &monitor, const QStringList &arguments, const CommandLineOptions &running)
{
    const CommandLineOptions options = CommandLine::parse(arguments);
    if (options.outcome != CommandLineOptions::Outcome::Run) {
        Diagnostics::error(QStringLiteral("not reloaded, going on as before: ") + options.message);
        return;
    }
    const auto endpoint = [](const CommandLineOptions &of) {
        return of.metrics ? of.metrics->toString() : QString();
    };
    if (endpoint(options) != endpoint(running))
        Diagnostics::warning(QStringLiteral("the metrics address changes at the next start, not on reload"));
    ReceiveConfig receive;
    TransmitConfig transmit;
    configure(options, receive, transmit);
    Diagnostics::note(QStringLiteral("Reloaded ") + options.configFile);
    monitor.reconfigure(receive);
}

int runHeadless(QCoreApplication &app, int standardOutput, const QStringList &arguments,
                const CommandLineOptions &options)
{
    ReceiveConfig receive;
    TransmitConfig transmit;
    configure(options, receive, transmit);
    if (options.mode == CommandLineOptions::Mode::Send)
        return runWithoutWindow<HeadlessSender>(app, standardOutput, options, transmit,
                                                [](MonitorSession &, HeadlessSender &, TerminationSignals &) {
                                                    return true;
                                                });
    const auto setUp = [&](MonitorSession &session, HeadlessMonitor &monitor, TerminationSignals &termination) {
        auto *metrics = new MetricsServer(metricsOf(session), &monitor);
        if (!serveMetrics(*metrics, options))
            return false;
        if (!options.configFile.isEmpty()) {
            termination.reloadOnHangUp();
            QObject::connect(&termination, &TerminationSignals::reloadRequested, &monitor,
                             [&monitor, &arguments, &options] { reload(monitor, arguments, options); });
        }
        return true;
    };
    return runWithoutWindow<HeadlessMonitor>(app, standardOutput, options, receive, setUp);
}

int runGui(QApplication &app, int standardOutput, const CommandLineOptions &options)
{
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/mcast-monitor.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral(MCAST_MONITOR_APP_ID));
    TerminationSignals termination; // from here on a signal waits for the event loop
    SettingsStore settings;
    QObject::connect(&settings, &SettingsStore::saveProblemChanged, &settings,
                     [](const QString &path, const QString &reason) {
                         if (!reason.isEmpty())
                             Diagnostics::error(QStringLiteral("cannot save settings to %1: %2").arg(path, reason));
                     });
    ReceiveConfig receive = settings.receiveConfig();
    TransmitConfig transmit = settings.transmitConfig();
    options.applyTo(receive, transmit);
    // Subscriptions from the command line are this run's; the saved list is left as it is.
    QList<SubscriptionChoice> subscriptions;
    if (options.namesSubscriptions()) {
        for (const Subscription &subscription : receive.joined())
            subscriptions.append({subscription, true});
    } else {
        subscriptions = settings.subscriptionChoices();
    }
    const auto origin = options.namesSubscriptions() ? MainWindow::SubscriptionOrigin::CommandLine
                                                     : MainWindow::SubscriptionOrigin::Settings;
    MonitorSession session;
    MainWindow window(session, settings, receive, {subscriptions, origin}, transmit);
    MetricsServer metrics(metricsOf(session));
    if (!serveMetrics(metrics, options))
        return 1;
    if (metrics.isListening())
        window.showMetricsUrl(metrics.endpoint().metricsUrl());
    // --stats: the same statistics lines as headless, plus how long the window stalled. A
    // write error is said at once; the window stays open and exits with its code.
    StandardOutput output(standardOutput);
    StallMonitor stalls;
    StatsPrinter stats(session.statistics(), output.sink(), options.json);
    stats.setStallMonitor(&stalls);
    // A duration or a termination signal ends the run as closing the window does (its
    // layout saved), then the event loop, dialogs included.
    const auto end = [&window] {
        window.close();
        QCoreApplication::exit(0);
    };
    QObject::connect(&termination, &TerminationSignals::terminationRequested, &window, end);
    LongTimer duration;
    duration.setSingleShot(true);
    QObject::connect(&duration, &LongTimer::timeout, &window, end);
    window.show();
    if (options.listen)
        window.startListening();
    if (options.statsSeconds) {
        stalls.start();
        stats.start(*options.statsSeconds);
    }
    if (options.durationSeconds)
        duration.start(LongTimer::fromSeconds(*options.durationSeconds));
    const int code = app.exec();
    if (options.statsSeconds)
        stats.printFinal();
    return output.close(code);
}

} // namespace

int main(int argc, char *argv[])
{
    describeApplication();
    // Before any application object: QApplication aborts where there is no display, and an
    // argument error must be said first.
    const CommandLineOptions options = CommandLine::parse(CommandLine::arguments(argc, argv));
    const bool window = options.outcome == CommandLineOptions::Outcome::Run
                        && options.mode == CommandLineOptions::Mode::Gui;
    if (!window)
        Console::attachToParent();
    if (const int code = answerWithoutRunning(options); code >= 0)
        return code;
    const int standardOutput = StandardOutput::claimDescriptor();
    if (!window) {
        QCoreApplication app(argc, argv);
        return runHeadless(app, standardOutput, CommandLine::arguments(argc, argv), options);
    }
    if (const auto reason = DisplayCheck::missingDisplay(options.platformChosen)) {
        Diagnostics::error(*reason);
        return DisplayCheck::noDisplayExitCode;
    }
    DisplayCheck::PlatformFailureGuard guard;
    QApplication app(argc, argv);
    guard.release();
    return runGui(app, standardOutput, options);
}
