#include "CommandLine.h"
#include "HeadlessMonitor.h"
#include "HeadlessSender.h"
#include "TerminationSignals.h"
#include "MainWindow.h"
#include "SettingsStore.h"

#include <QApplication>
#include <QIcon>
#include <QTimer>

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
        std::fprintf(stderr, "mcast-monitor: %s\n", qUtf8Printable(options.message));
        return 2;
    case CommandLineOptions::Outcome::Run:
        break;
    }
    for (const QString &warning : options.warnings)
        std::fprintf(stderr, "mcast-monitor: warning: %s\n", qUtf8Printable(warning));
    return -1;
}

template<typename Runner, typename Config>
int runWithoutWindow(QCoreApplication &app, const CommandLineOptions &options, const Config &config)
{
    TerminationSignals termination;
    Runner runner(options, config);
    QObject::connect(&runner, &Runner::finished, &app, &QCoreApplication::exit, Qt::QueuedConnection);
    QObject::connect(&termination, &TerminationSignals::terminationRequested, &runner, &Runner::finish);
    runner.start();
    return app.exec();
}

int runHeadless(QCoreApplication &app)
{
    const CommandLineOptions options = CommandLine::parse(app.arguments());
    if (const int code = answerWithoutRunning(options); code >= 0)
        return code;
    SettingsStore settings;
    ReceiveConfig receive = settings.receiveConfig();
    TransmitConfig transmit = settings.transmitConfig();
    for (const QString &warning : settings.takeWarnings())
        std::fprintf(stderr, "mcast-monitor: warning: %s\n", qUtf8Printable(warning));
    options.applyTo(receive, transmit);
    if (options.mode == CommandLineOptions::Mode::Send)
        return runWithoutWindow<HeadlessSender>(app, options, transmit);
    return runWithoutWindow<HeadlessMonitor>(app, options, receive);
}

int runGui(QApplication &app)
{
    const CommandLineOptions options = CommandLine::parse(app.arguments());
    if (const int code = answerWithoutRunning(options); code >= 0)
        return code;
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/mcast-monitor.svg")));
    SettingsStore settings;
    MainWindow window(settings, options);
    window.show();
    if (options.durationSeconds)
        QTimer::singleShot(std::chrono::milliseconds(qRound64(*options.durationSeconds * 1000)),
                           &window, &QWidget::close);
    return app.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    if (CommandLine::wantsHeadless(argc, argv)) {
        QCoreApplication app(argc, argv);
        describeApplication();
        return runHeadless(app);
    }
    QApplication app(argc, argv);
    describeApplication();
    return runGui(app);
}
