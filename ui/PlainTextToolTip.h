#pragma once

#include <QString>

// Tool tips are rich text whenever Qt guesses so ("<b>" anywhere will do), so text that
// came from the network is escaped and wrapped in <pre> here: it always shows literally,
// in a fixed-width font, broken into lines of at most lineLength characters.
namespace PlainTextToolTip {

inline constexpr int defaultLineLength = 80;

QString fromPlainText(const QString &text, int lineLength = defaultLineLength);

} // namespace PlainTextToolTip
