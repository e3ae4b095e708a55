#pragma once

#include <QByteArray>
#include <QString>

#include <initializer_list>
#include <utility>

// Writes the Prometheus text exposition format, version 0.0.4: a family's # HELP and
// # TYPE lines, then its samples, all of one family together. Label values are escaped
// as the format asks (backslash, double quote, newline), so any text stays one sample; a
// family without samples leaves no lines at all.
class ExpositionWriter final
{
public:
    using Label = std::pair<const char *, QString>;

    void beginFamily(const char *name, const char *type, const char *help);
    // labels: the inside of the braces, from labels() (empty: none).
    void sample(const char *name, const QByteArray &labels, double value);
    void sample(const char *name, const QByteArray &labels, qint64 value);
    void endFamily();

    // `name="value",…` with every value escaped.
    static QByteArray labels(std::initializer_list<Label> labels);
    static void appendLabel(QByteArray &out, const char *name, const QString &value);
    static QByteArray escapedLabelValue(const QString &value);
    // As Prometheus reads floats: shortest round-trip form, NaN, +Inf, -Inf.
    static QByteArray number(double value);

    QByteArray take();

private:
    void beginSample(const char *name, const QByteArray &labels);

    QByteArray m_out;
    QByteArray m_header;
    QByteArray m_samples;
};
