#include "LogScale.h"

#include <algorithm>
#include <cmath>
#include <iterator>

LogScale LogScale::forMaximum(double maximum)
{
    if (!(maximum > 0) || !std::isfinite(maximum))
        return LogScale(minimumTopExponent);
    // Strictly above the highest value, so that the peak never touches the frame.
    return LogScale(std::max(minimumTopExponent, int(std::floor(std::log10(maximum))) + 1));
}

double LogScale::fraction(double value) const
{
    const double exponent = std::log10(std::max(value, std::pow(10.0, bottomExponent)));
    return std::clamp((exponent - bottomExponent) / decades(), 0.0, 1.0);
}

QString LogScale::decadeLabel(int exponent)
{
    if (exponent < 0)
        return QStringLiteral("0.") + QString(-exponent - 1, QLatin1Char('0')) + QLatin1Char('1');
    static const char *const prefixes[] = {"", " k", " M", " G", " T", " P", " E"};
    const int step = std::min(exponent / 3, int(std::size(prefixes)) - 1);
    return QLatin1Char('1') + QString(exponent - 3 * step, QLatin1Char('0'))
           + QLatin1String(prefixes[step]);
}
