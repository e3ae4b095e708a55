#pragma once

#include <QString>

// The logarithmic rate axis: whole decades from 0.1 up to the decade strictly above the
// highest value, and never less than 10, so a 1 pkt/s heartbeat and a 50 k pkt/s flood
// share one graph. Zero, which a logarithm cannot show, sits on the bottom line.
class LogScale final
{
public:
    static constexpr int bottomExponent = -1;
    static constexpr int minimumTopExponent = 1;

    static LogScale forMaximum(double maximum);

    int topExponent() const { return m_topExponent; }
    int decades() const { return m_topExponent - bottomExponent; }
    // Height on the axis from 0 (0.1 and below, zero included) to 1 (the top decade).
    double fraction(double value) const;
    // "0.1", "1", "10", "100", "1 k", "10 k", "100 k", "1 M", …
    static QString decadeLabel(int exponent);

private:
    explicit LogScale(int topExponent) : m_topExponent(topExponent) {}

    int m_topExponent = minimumTopExponent;
};
