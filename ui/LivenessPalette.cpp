#include "LivenessPalette.h"

#include "ThemeColors.h"

#include <QPalette>

namespace LivenessPalette {

// Saturated and darker on light themes, paler on dark ones, so each stays at about the
// same contrast against the base it is drawn on.
QColor accent(Liveness state, const QPalette &palette)
{
    const bool dark = ThemeColors::isDark(palette);
    switch (state) {
    case Liveness::Live: return dark ? QColor(0x66, 0xbb, 0x6a) : QColor(0x2e, 0x7d, 0x32);
    case Liveness::Late: return dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0xa3, 0x5c, 0x00);
    case Liveness::Silent: return dark ? QColor(0xef, 0x6c, 0x6a) : QColor(0xc6, 0x28, 0x28);
    }
    return palette.color(QPalette::Text);
}

// A light wash of the accent over the base: the text colour, chosen by the theme to
// contrast with its base, still contrasts with the tint.
QColor background(Liveness state, const QPalette &palette)
{
    const double amount = ThemeColors::isDark(palette) ? 0.24 : 0.16;
    return ThemeColors::mixed(palette.color(QPalette::Base), accent(state, palette), amount);
}

Liveness stateAfter(LivenessEvent::Kind kind)
{
    switch (kind) {
    case LivenessEvent::Kind::Late: return Liveness::Late;
    case LivenessEvent::Kind::Silent: return Liveness::Silent;
    case LivenessEvent::Kind::Appeared:
    case LivenessEvent::Kind::Back: return Liveness::Live;
    // Not a liveness change, but trouble with what arrives: the colour of late.
    case LivenessEvent::Kind::Loss:
    case LivenessEvent::Kind::Restart: return Liveness::Late;
    }
    return Liveness::Live;
}

} // namespace LivenessPalette
