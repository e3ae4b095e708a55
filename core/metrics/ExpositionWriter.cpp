#include "metrics/ExpositionWriter.h"

#include <charconv>
#include <cmath>

void ExpositionWriter::beginFamily(const char *name, const char *type, const char *help)
{
    m_header.clear();
    m_samples.clear();
    m_header.append("# HELP ").append(name).append(' ').append(help).append('\n');
    m_header.append("# TYPE ").append(name).append(' ').append(type).append('\n');
}

void ExpositionWriter::beginSample(const char *name, const QByteArray &labels)
{
    m_samples.append(name);
    if (!labels.isEmpty())
        m_samples.append('{').append(labels).append('}');
    m_samples.append(' ');
}

void ExpositionWriter::sample(const char *name, const QByteArray &labels, double value)
{
    beginSample(name, labels);
    m_samples.append(number(value)).append('\n');
}

void ExpositionWriter::sample(const char *name, const QByteArray &labels, qint64 value)
{
    beginSample(name, labels);
    m_samples.append(QByteArray::number(value)).append('\n');
}

void ExpositionWriter::endFamily()
{
    if (!m_samples.isEmpty())
        m_out.append(m_header).append(m_samples);
    m_header.clear();
    m_samples.clear();
}

QByteArray ExpositionWriter::labels(std::initializer_list<Label> labels)
{
    QByteArray out;
    for (const Label &label : labels)
        appendLabel(out, label.first, label.second);
    return out;
}

void ExpositionWriter::appendLabel(QByteArray &out, const char *name, const QString &value)
{
    if (!out.isEmpty())
        out.append(',');
    out.append(name).append("=\"").append(escapedLabelValue(value)).append('"');
}

QByteArray ExpositionWriter::escapedLabelValue(const QString &value)
{
    // toUtf8() never yields invalid UTF-8 (a lone surrogate becomes a replacement), which
    // Prometheus would refuse.
    const QByteArray utf8 = value.toUtf8();
    QByteArray out;
    out.reserve(utf8.size());
    for (const char c : utf8) {
        switch (c) {
        case '\\': out.append("\\\\"); break;
        case '"': out.append("\\\""); break;
        case '\n': out.append("\\n"); break;
        default: out.append(c);
        }
    }
    return out;
}

QByteArray ExpositionWriter::number(double value)
{
    if (std::isnan(value))
        return QByteArrayLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return QByteArray(buffer, int(result.ptr - buffer));
}

QByteArray ExpositionWriter::take()
{
    QByteArray out;
    out.swap(m_out);
    return out;
}
