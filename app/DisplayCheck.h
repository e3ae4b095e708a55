#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

// The window needs a display, and QApplication's constructor aborts without one (exit 134,
// "Reinstalling the application may fix this problem"). These say so in one line instead.
namespace DisplayCheck {

inline constexpr int noDisplayExitCode = 4;

// Why the window cannot open here, or nothing. On X11 and Wayland systems: neither DISPLAY
// nor WAYLAND_DISPLAY is set, this is no Wayland session, and no platform was chosen
// (QT_QPA_PLATFORM, -platform).
std::optional<QString> missingDisplay(bool platformChosen);

// While one is held, Qt's fatal "no Qt platform plugin could be initialized" (a display that
// is set but cannot be reached, a platform that cannot start) ends the program with one
// line on stderr and noDisplayExitCode. Qt's warnings before it still say why.
class PlatformFailureGuard final
{
    Q_DISABLE_COPY_MOVE(PlatformFailureGuard)

public:
    PlatformFailureGuard();
    ~PlatformFailureGuard();

    // Qt's fatal errors after the platform has started are its own again.
    void release();

private:
    bool m_held = true;
};

} // namespace DisplayCheck
