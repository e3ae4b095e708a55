#pragma once

#include <QString>

#include <optional>

// Whether a file can be written where it is, asked before writing it (so that the reason is
// ours to tell): a folder on its path that is a file, a folder that cannot be written (nor
// the one its missing folders would be made in), a file that is read-only or a folder.
// As the operating system answers for this user: root may write where others may not.
namespace WritableFile {

// Why path cannot be written ("folder /x is not writable"), or nothing when it can.
std::optional<QString> problem(const QString &path);

} // namespace WritableFile
