#include "ThemeColors.h"

#include <QPalette>

namespace ThemeColors {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor mixed(const QColor &from, const QColor &to, double amount)
{
    const auto channel = [amount](float a, float b) { return float(a + (b - a) * amount); };
    return QColor::fromRgbF(channel(from.redF(), to.redF()), channel(from.greenF(), to.greenF()),
                            channel(from.blueF(), to.blueF()));
}

} // namespace ThemeColors
