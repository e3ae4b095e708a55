#include "DisplayCheck.h"

#include <QtGlobal>

#include <cstdio>
#include <cstdlib>

namespace DisplayCheck {

namespace {

QtMessageHandler previousHandler = nullptr;

void endOnPlatformFailure(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtFatalMsg && message.contains(QLatin1String("platform plugin"))) {
        std::fputs("mcast-monitor: no display: the window system could not be reached (see "
                   "above); set DISPLAY or use --headless\n",
                   stderr);
        std::fflush(stderr);
        std::_Exit(noDisplayExitCode);
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

} // namespace

std::optional<QString> missingDisplay(bool platformChosen)
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
    // A Wayland session without WAYLAND_DISPLAY: Qt tries the default socket, and the
    // guard catches a failure.
    if (platformChosen || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")
        || !qEnvironmentVariableIsEmpty("DISPLAY")
        || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        || qgetenv("XDG_SESSION_TYPE") == "wayland")
        return std::nullopt;
    return QStringLiteral("no display: set DISPLAY or use --headless");
#else
    Q_UNUSED(platformChosen)
    return std::nullopt; // Windows and macOS always have one
#endif
}

PlatformFailureGuard::PlatformFailureGuard()
{
    previousHandler = qInstallMessageHandler(endOnPlatformFailure);
}

PlatformFailureGuard::~PlatformFailureGuard()
{
    release();
}

void PlatformFailureGuard::release()
{
    if (!m_held)
        return;
    m_held = false;
    qInstallMessageHandler(previousHandler);
}

} // namespace DisplayCheck
