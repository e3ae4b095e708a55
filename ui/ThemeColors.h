#pragma once

#include <QColor>

class QPalette;

// Small colour arithmetic for widgets that paint themselves and must suit light and dark
// themes alike.
namespace ThemeColors {

// Dark themes are told apart by the lightness of their window colour.
bool isDark(const QPalette &palette);
// from, moved towards `to` by amount (0 = from, 1 = to), opaque.
QColor mixed(const QColor &from, const QColor &to, double amount);

} // namespace ThemeColors
