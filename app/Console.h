#pragma once

// Standard output and error as the platform gives them to a program that may have a
// window (ConsolePosix.cpp, ConsoleWindows.cpp).
namespace Console {

// The command-line modes (help, --headless, --send) write to the console they were
// started from. On Windows the program is a GUI program, which gets no console: where
// standard output or error goes nowhere (not redirected to a file or pipe), they are
// attached to the parent's console, if it has one. Nothing to do elsewhere.
void attachToParent();

// The descriptor standard output is written to, or -1 when it is closed. Call it first in
// main(), before anything opens a file: on POSIX descriptor 1 is then held by /dev/null, so
// that no socket or file of ours lands on it and receives the lines. On Windows it writes
// bytes as they are (binary mode: lines end in \n, as on Linux, not \r\n).
int claimStandardOutput();

} // namespace Console
