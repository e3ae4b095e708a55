#pragma once

#include "analysis/TrafficStatistics.h"

#include <QColor>

class QPalette;

// Colours for a sender's liveness that read well on light and dark themes alike. The
// accent is for text, icons and swatches drawn on the palette's base colour; the
// background is a tint of that base for table rows, dark text on light themes and light
// text on dark ones keeping their contrast.
namespace LivenessPalette {

QColor accent(Liveness state, const QPalette &palette);
QColor background(Liveness state, const QPalette &palette);
// A liveness event in the colour of the state it leads to: appeared and back are live;
// loss and restart, which change no state, are in late's colour.
Liveness stateAfter(LivenessEvent::Kind kind);

} // namespace LivenessPalette
