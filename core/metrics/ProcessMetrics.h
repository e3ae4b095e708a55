#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <optional>

// The process's own CPU, memory and file descriptors, named as Prometheus's client
// libraries name them (process_cpu_seconds_total, process_resident_memory_bytes, …). Read
// from /proc on Linux; elsewhere every value is absent.
struct ProcessMetrics
{
    std::optional<double> cpuSeconds;       // user + system
    std::optional<double> residentBytes;
    std::optional<double> virtualBytes;
    std::optional<double> startTimeSeconds; // since the Unix epoch
    std::optional<qint64> openFds;
    std::optional<qint64> maxFds;

    static ProcessMetrics read();

    // /proc/self/stat as the kernel writes it. The command name in parentheses may hold
    // spaces and parentheses itself, so the fields are counted from the last ')'.
    static ProcessMetrics fromProcStat(const QByteArray &stat, double ticksPerSecond, double pageBytes,
                                       double bootTimeSeconds);
    // The "btime" line of /proc/stat: when the machine booted, in seconds since the epoch.
    static std::optional<double> bootTimeFromProcStat(const QByteArray &procStat);
};
