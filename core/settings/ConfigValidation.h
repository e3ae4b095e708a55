#pragma once

#include <QHostAddress>
#include <QString>

#include <optional>

// Checks shared by the window's fields and the command line. Each returns the reason a
// value is refused, or nothing when it is acceptable.
namespace ConfigValidation {

inline constexpr int maxUdpPayload = 65507;

// Time options, in seconds. Each must be a finite number within its bounds; the long ones
// are kept by LongTimer, which waits up to 100 years.
inline constexpr double minIntervalSeconds = 0.001; // the sender's cadence, µs resolution
inline constexpr double maxIntervalSeconds = 24 * 60 * 60;
inline constexpr double minDurationSeconds = 0.001;
inline constexpr double minStatsSeconds = 0.01; // at most 100 statistics lines a second
inline constexpr double maxRunSeconds = 36525.0 * 24 * 60 * 60; // 100 years

// An IPv4 group (four decimal parts, no octal guesses) or an IPv6 one, without brackets.
std::optional<QString> groupError(const QString &text);
// A group the routers never forward (224.0.0.0/24): allowed, but worth a warning.
std::optional<QString> groupWarning(const QHostAddress &group);
std::optional<QString> portError(const QString &text);
std::optional<QString> ttlError(const QString &text);
std::optional<QString> intervalError(const QString &secondsText);
std::optional<QString> durationError(const QString &secondsText);
std::optional<QString> statsPeriodError(const QString &secondsText);
std::optional<QString> prefixError(const QString &prefix);

// The receive buffer asked of the kernel per socket: bytes, or with a K or M suffix
// (binary: 16M is 16 MiB), from 64 KiB to 1 GiB.
inline constexpr qint64 minReceiveBufferBytes = 64 * 1024;
inline constexpr qint64 maxReceiveBufferBytes = 1024 * 1024 * 1024;
std::optional<int> receiveBufferBytes(const QString &text);
std::optional<QString> receiveBufferError(const QString &text);

} // namespace ConfigValidation
