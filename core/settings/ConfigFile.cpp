#include "settings/ConfigFile.h"

#include <QFile>

#include <algorithm>

namespace ConfigFile {

namespace {

bool isKeyCharacter(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
           || c == QLatin1Char('-');
}

// The inside of "…", or nothing when the quotes do not close at the end of the value.
std::optional<QString> unquoted(const QString &value)
{
    QString out;
    for (qsizetype i = 1; i < value.size(); ++i) {
        const QChar c = value[i];
        if (c == QLatin1Char('"'))
            return i == value.size() - 1 ? std::optional<QString>(out) : std::nullopt;
        if (c == QLatin1Char('\\') && i + 1 < value.size()
            && (value[i + 1] == QLatin1Char('"') || value[i + 1] == QLatin1Char('\\')))
            ++i;
        out += value[i];
    }
    return std::nullopt;
}

} // namespace

std::optional<QList<Entry>> parse(const QByteArray &text, const QString &path, QString *error)
{
    QList<Entry> entries;
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const int number = int(index + 1);
        const auto refuse = [&](const QString &why) -> std::optional<QList<Entry>> {
            if (error)
                *error = QStringLiteral("%1:%2: %3").arg(path).arg(number).arg(why);
            return std::nullopt;
        };
        const QString line = QString::fromUtf8(lines[index]).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals < 0)
            return refuse(QStringLiteral("expected KEY = VALUE, found '%1'").arg(line));
        Entry entry;
        entry.line = number;
        entry.key = line.left(equals).trimmed();
        if (entry.key.isEmpty() || !entry.key.front().isLower() || !std::all_of(entry.key.cbegin(), entry.key.cend(), isKeyCharacter))
            return refuse(QStringLiteral("'%1' is not a key (the command line's long options: group, port, metrics, …)")
                              .arg(entry.key));
        entry.value = line.mid(equals + 1).trimmed();
        if (entry.value.startsWith(QLatin1Char('"'))) {
            const auto inside = unquoted(entry.value);
            if (!inside)
                return refuse(QStringLiteral("the value of %1 opens a quote that does not close at the end of the line")
                                  .arg(entry.key));
            entry.value = *inside;
            entry.quoted = true;
        }
        entries.append(entry);
    }
    return entries;
}

std::optional<QList<Entry>> read(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const QByteArray text = file.read(maxFileBytes + 1);
    if (text.size() > maxFileBytes) {
        if (error)
            *error = QStringLiteral("%1: larger than %2 bytes; not a settings file").arg(path).arg(maxFileBytes);
        return std::nullopt;
    }
    return parse(text, path, error);
}

} // namespace ConfigFile
