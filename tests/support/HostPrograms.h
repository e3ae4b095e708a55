#pragma once

#include <QFileInfo>
#include <QStandardPaths>
#include <QString>

// The test peers (ip, promtool, prometheus, iperf, tshark, nft) are Linux programs. A
// Windows test runs under Wine, which starts a Linux program given its full path (Z:
// maps /): so on Windows a program not found on the Windows PATH is looked for in the
// Linux folders too. On a real Windows machine those do not exist, and the test skips as
// where the program is not installed. Empty when not found.
namespace HostPrograms {

inline QString find(const QString &name)
{
    const QString found = QStandardPaths::findExecutable(name);
#ifdef Q_OS_WIN
    if (found.isEmpty()) {
        for (const char *folder : {"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"}) {
            const QString path = QLatin1String(folder) + QLatin1Char('/') + name;
            if (QFileInfo(path).isFile())
                return path;
        }
    }
#endif
    return found;
}

// find(name), or name itself, so that starting it fails as before when it is missing.
inline QString path(const QString &name)
{
    const QString found = find(name);
    return found.isEmpty() ? name : found;
}

} // namespace HostPrograms
