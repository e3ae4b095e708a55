#include "PlainTextToolTip.h"

#include <QStringList>

#include <algorithm>

namespace PlainTextToolTip {

namespace {

// Splits one line into pieces of at most lineLength characters, never between the two
// halves of a surrogate pair.
void appendWrapped(QStringList &out, const QString &line, int lineLength)
{
    qsizetype start = 0;
    do {
        qsizetype end = std::min(start + lineLength, line.size());
        if (end < line.size() && end > start + 1 && line.at(end - 1).isHighSurrogate())
            --end;
        out.append(line.mid(start, end - start));
        start = end;
    } while (start < line.size());
}

} // namespace

QString fromPlainText(const QString &text, int lineLength)
{
    lineLength = std::max(lineLength, 2);
    QStringList lines;
    for (const QString &line : text.split(QLatin1Char('\n')))
        appendWrapped(lines, line, lineLength);
    return QLatin1String("<pre>") + lines.join(QLatin1Char('\n')).toHtmlEscaped()
           + QLatin1String("</pre>");
}

} // namespace PlainTextToolTip
