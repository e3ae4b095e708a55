#include "output/CsvFormat.h"

namespace CsvFormat {

namespace {

bool startsFormula(const QString &text)
{
    if (text.isEmpty())
        return false;
    switch (text.front().unicode()) {
    case u'=':
    case u'+':
    case u'-':
    case u'@':
    case u'\t':
    case u'\r':
        return true;
    default:
        return false;
    }
}

// Appends field(text), UTF-8, without the temporary strings field() makes: an export of a
// long history writes a great many fields.
void appendField(QByteArray &out, const QString &text)
{
    if (text.isEmpty())
        return;
    const QByteArray utf8 = text.toUtf8();
    if (isNumber(text)) {
        out += utf8;
        return;
    }
    out += '"';
    if (startsFormula(text))
        out += '\'';
    if (utf8.contains('"'))
        out += QByteArray(utf8).replace("\"", "\"\"");
    else
        out += utf8;
    out += '"';
}

} // namespace

bool isNumber(const QString &text)
{
    // An optional minus, digits, and optionally a point and more digits: how we write numbers.
    qsizetype i = text.startsWith(QLatin1Char('-')) ? 1 : 0;
    const qsizetype digitsStart = i;
    while (i < text.size() && text[i].isDigit() && text[i].unicode() < 0x80)
        ++i;
    if (i == digitsStart)
        return false;
    if (i == text.size())
        return true;
    if (text[i] != QLatin1Char('.'))
        return false;
    const qsizetype fractionStart = ++i;
    while (i < text.size() && text[i].isDigit() && text[i].unicode() < 0x80)
        ++i;
    return i > fractionStart && i == text.size();
}

QString neutralised(const QString &text)
{
    if (startsFormula(text) && !isNumber(text))
        return QLatin1Char('\'') + text;
    return text;
}

QString field(const QString &text)
{
    QByteArray out;
    appendField(out, text);
    return QString::fromUtf8(out);
}

QByteArray row(const QStringList &fields)
{
    qsizetype size = 2;
    for (const QString &text : fields)
        size += text.size() + 3;
    QByteArray line;
    line.reserve(size + size / 4);
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line += ',';
        appendField(line, fields[i]);
    }
    line += "\r\n";
    return line;
}

} // namespace CsvFormat
