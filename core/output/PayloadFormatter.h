#pragma once

#include <QByteArray>
#include <QString>

// Turns untrusted bytes into plain text that cannot drive a terminal or a rich-text
// widget: printable UTF-8 is kept, everything else is escaped (\n, \t, \xNN, \u{NNNN}).
namespace PayloadFormatter {

inline constexpr int unlimited = -1;
inline constexpr auto truncationMarker = "…";

QString escapedText(const QByteArray &bytes, int maxBytes = unlimited);
// Text from elsewhere (a prefix the user typed, an interface name, an error message that
// quotes them) made safe for one line of a terminal or a log the same way.
QString escapedLine(const QString &text);
QString hex(const QByteArray &bytes, int maxBytes = unlimited);
// True when the bytes read poorly as text (many escapes): show them as hex instead.
bool looksBinary(const QByteArray &bytes);
// Text for a table cell: escaped text, or hex for binary payloads, shortened to maxBytes.
QString forDisplay(const QByteArray &bytes, int maxBytes);

} // namespace PayloadFormatter
