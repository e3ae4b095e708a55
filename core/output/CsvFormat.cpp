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
    if (text.isEmpty() || isNumber(text))
        return text;
    QString quoted = neutralised(text);
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QByteArray row(const QStringList &fields)
{
    QString line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line += QLatin1Char(',');
        line += field(fields[i]);
    }
    line += QLatin1String("\r\n");
    return line.toUtf8();
}

} // namespace CsvFormat
