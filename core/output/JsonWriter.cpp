#include "output/JsonWriter.h"

#include <cmath>

void JsonWriter::separate()
{
    if (m_needsComma)
        m_out += ',';
    m_needsComma = true;
}

JsonWriter &JsonWriter::beginObject()
{
    separate();
    m_out += '{';
    m_needsComma = false;
    return *this;
}

JsonWriter &JsonWriter::endObject()
{
    m_out += '}';
    m_needsComma = true;
    return *this;
}

JsonWriter &JsonWriter::beginArray()
{
    separate();
    m_out += '[';
    m_needsComma = false;
    return *this;
}

JsonWriter &JsonWriter::endArray()
{
    m_out += ']';
    m_needsComma = true;
    return *this;
}

JsonWriter &JsonWriter::key(const char *name)
{
    separate();
    appendString(QString::fromLatin1(name));
    m_out += ':';
    m_needsComma = false;
    return *this;
}

JsonWriter &JsonWriter::value(const QString &text)
{
    separate();
    appendString(text);
    return *this;
}

JsonWriter &JsonWriter::value(const char *latin1Text)
{
    return value(QString::fromLatin1(latin1Text));
}

JsonWriter &JsonWriter::value(qint64 number)
{
    separate();
    m_out += QByteArray::number(number);
    return *this;
}

JsonWriter &JsonWriter::value(double number, int decimals)
{
    if (!std::isfinite(number))
        return null();
    separate();
    m_out += numberText(number, decimals);
    return *this;
}

QByteArray JsonWriter::numberText(double number, int decimals)
{
    QByteArray text = QByteArray::number(number, 'f', decimals);
    // "12.500" reads better as 12.5; keep at least one digit after the point.
    if (text.contains('.')) {
        while (text.endsWith('0') && !text.endsWith(".0"))
            text.chop(1);
    }
    if (text == "-0.0")
        text = "0.0";
    return text;
}

JsonWriter &JsonWriter::value(bool flag)
{
    separate();
    m_out += flag ? "true" : "false";
    return *this;
}

JsonWriter &JsonWriter::null()
{
    separate();
    m_out += "null";
    return *this;
}

void JsonWriter::appendString(const QString &text)
{
    static const char hexDigits[] = "0123456789abcdef";
    m_out += '"';
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t unit = text.at(i).unicode();
        switch (unit) {
        case u'"': m_out += "\\\""; continue;
        case u'\\': m_out += "\\\\"; continue;
        case u'\n': m_out += "\\n"; continue;
        case u'\r': m_out += "\\r"; continue;
        case u'\t': m_out += "\\t"; continue;
        default: break;
        }
        // C0 and C1 controls, DEL, the line and paragraph separators (line breaks to
        // JavaScript and many viewers) and the byte-order mark (invisible, and dropped by
        // some readers): escaped, so a line of JSON shows and splits as one line everywhere.
        if (unit < 0x20 || (unit >= 0x7f && unit <= 0x9f) || unit == 0x2028 || unit == 0x2029
            || unit == 0xfeff) {
            m_out += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4)
                m_out += hexDigits[(unit >> shift) & 0xf];
        } else if (unit < 0x80) {
            m_out += char(unit);
        } else if (QChar::isHighSurrogate(unit) && i + 1 < size && text.at(i + 1).isLowSurrogate()) {
            m_out += text.mid(i, 2).toUtf8();
            ++i;
        } else if (QChar::isSurrogate(unit)) {
            m_out += "\\ufffd"; // a lone surrogate has no UTF-8 form
        } else {
            m_out += QString(QChar(unit)).toUtf8();
        }
    }
    m_out += '"';
}
