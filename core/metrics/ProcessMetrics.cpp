#include "metrics/ProcessMetrics.h"

#include <QFile>

#ifdef Q_OS_LINUX
#include <QDir>

#include <sys/resource.h>
#include <unistd.h>
#endif

ProcessMetrics ProcessMetrics::fromProcStat(const QByteArray &stat, double ticksPerSecond, double pageBytes,
                                            double bootTimeSeconds)
{
    ProcessMetrics metrics;
    const qsizetype nameEnd = stat.lastIndexOf(')');
    if (nameEnd < 0 || ticksPerSecond <= 0)
        return metrics;
    // After the name: (3) state, …, (14) utime, (15) stime, …, (22) starttime, (23) vsize,
    // (24) rss, as proc(5) numbers them.
    const QList<QByteArray> fields = stat.mid(nameEnd + 1).simplified().split(' ');
    const auto field = [&fields](int number) -> std::optional<double> {
        const qsizetype index = number - 3;
        if (index >= fields.size())
            return std::nullopt;
        bool ok = false;
        const double value = double(fields[index].toULongLong(&ok));
        return ok ? std::optional<double>(value) : std::nullopt;
    };
    const auto user = field(14);
    const auto system = field(15);
    if (user && system)
        metrics.cpuSeconds = (*user + *system) / ticksPerSecond;
    if (const auto start = field(22); start && bootTimeSeconds > 0)
        metrics.startTimeSeconds = bootTimeSeconds + *start / ticksPerSecond;
    metrics.virtualBytes = field(23);
    if (const auto pages = field(24))
        metrics.residentBytes = *pages * pageBytes;
    return metrics;
}

std::optional<double> ProcessMetrics::bootTimeFromProcStat(const QByteArray &procStat)
{
    for (const QByteArray &line : procStat.split('\n')) {
        if (!line.startsWith("btime "))
            continue;
        bool ok = false;
        const double seconds = double(line.mid(6).trimmed().toLongLong(&ok));
        if (ok)
            return seconds;
    }
    return std::nullopt;
}

ProcessMetrics ProcessMetrics::read()
{
#ifdef Q_OS_LINUX
    const auto readAll = [](const char *path) {
        QFile file(QString::fromLatin1(path));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    // The boot time never changes while we run.
    static const double bootTime = bootTimeFromProcStat(readAll("/proc/stat")).value_or(0);
    ProcessMetrics metrics = fromProcStat(readAll("/proc/self/stat"), double(sysconf(_SC_CLK_TCK)),
                                          double(sysconf(_SC_PAGESIZE)), bootTime);
    const QDir descriptors(QStringLiteral("/proc/self/fd"));
    if (descriptors.exists())
        metrics.openFds = descriptors.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot).size();
    rlimit limit = {};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
        metrics.maxFds = qint64(limit.rlim_cur);
    return metrics;
#else
    return {};
#endif
}
