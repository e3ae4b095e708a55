#pragma once

#include <QString>

// Everything the program says on stderr, one line each. Messages quote what users typed,
// interface names and the like: escaped (newlines, ESC, other controls) so that nothing can
// break a line in two or drive the terminal.
namespace Diagnostics {

void error(const QString &message);   // "mcast-monitor: <message>"
void warning(const QString &message); // "mcast-monitor: warning: <message>"
void note(const QString &line);       // the line as it is ("Listening to …"), escaped

} // namespace Diagnostics
