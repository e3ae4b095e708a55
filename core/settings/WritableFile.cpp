#include "settings/WritableFile.h"

#include <QDir>
#include <QFileInfo>

namespace WritableFile {

std::optional<QString> problem(const QString &path)
{
    const QFileInfo file(path);
    if (file.isDir())
        return QStringLiteral("%1 is a folder")
            .arg(QDir::toNativeSeparators(file.absoluteFilePath()));
    // The nearest folder that exists: the file's own, or where its missing ones would be made.
    QFileInfo folder(file.absolutePath());
    while (!folder.exists() && !folder.isRoot())
        folder.setFile(folder.absolutePath());
    const QString folderName = QDir::toNativeSeparators(folder.absoluteFilePath());
    if (!folder.isDir())
        return QStringLiteral("%1 is a file, not a folder").arg(folderName);
    // The file is replaced, not rewritten in place: its folder must take a new file.
    if (!folder.isWritable())
        return QStringLiteral("folder %1 is not writable").arg(folderName);
    if (file.exists() && !file.isWritable())
        return QStringLiteral("the file is read-only");
    return std::nullopt;
}

} // namespace WritableFile
