#pragma once

#include <QColor>
#include <QString>

// How both tables mark what this window's own transmitter sent.
namespace OwnTransmitterMarker {

// Translucent green: reads on light and dark palettes, and is not the selection's blue.
inline QColor tint()
{
    return QColor(0x3c, 0xb3, 0x71, 56);
}

inline QString text()
{
    return QStringLiteral("yes");
}

} // namespace OwnTransmitterMarker
