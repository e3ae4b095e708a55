#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

// A probe's settings file (--config): one `key = value` a line, the keys being the
// command line's long options. Blank lines and lines starting with # are skipped. A value
// runs to the end of the line, trimmed; in double quotes it keeps its spaces and may be
// empty ("\"" and "\\" inside). The file only says what is written; the command line
// decides what the keys mean (app/ConfigArguments).
namespace ConfigFile {

inline constexpr qint64 maxFileBytes = 1024 * 1024;

struct Entry
{
    QString key;
    QString value;
    bool quoted = false;
    int line = 0;
};

// On failure *error is "FILE:LINE: reason" (or "FILE: reason" for the file as a whole).
std::optional<QList<Entry>> read(const QString &path, QString *error);
std::optional<QList<Entry>> parse(const QByteArray &text, const QString &path, QString *error);

} // namespace ConfigFile
