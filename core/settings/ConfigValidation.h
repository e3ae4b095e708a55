#pragma once

#include <QHostAddress>
#include <QString>

#include <optional>

// Checks shared by the window's fields and the command line. Each returns the reason a
// value is refused, or nothing when it is acceptable.
namespace ConfigValidation {

inline constexpr int maxUdpPayload = 65507;

std::optional<QString> groupError(const QString &text);
// A group the routers never forward (224.0.0.0/24): allowed, but worth a warning.
std::optional<QString> groupWarning(const QHostAddress &group);
std::optional<QString> portError(const QString &text);
std::optional<QString> ttlError(const QString &text);
std::optional<QString> intervalError(const QString &secondsText);
std::optional<QString> prefixError(const QString &prefix);

} // namespace ConfigValidation
