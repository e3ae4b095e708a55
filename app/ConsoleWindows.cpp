#include "Console.h"

#include <windows.h>

#include <cstdio>
#include <fcntl.h>
#include <io.h>

namespace Console {

namespace {

// Whether the handle leads somewhere: a console, a file or a pipe the parent gave us.
bool leadsSomewhere(DWORD which)
{
    const HANDLE handle = GetStdHandle(which);
    return handle != nullptr && handle != INVALID_HANDLE_VALUE && GetFileType(handle) != FILE_TYPE_UNKNOWN;
}

} // namespace

void attachToParent()
{
    const bool output = leadsSomewhere(STD_OUTPUT_HANDLE);
    const bool error = leadsSomewhere(STD_ERROR_HANDLE);
    if ((output && error) || !AttachConsole(ATTACH_PARENT_PROCESS))
        return;
    // Only the streams that went nowhere: `mcast-monitor --headless > log.txt` keeps its file.
    if (!output)
        std::freopen("CONOUT$", "w", stdout);
    if (!error)
        std::freopen("CONOUT$", "w", stderr);
}

int claimStandardOutput()
{
    const int descriptor = _fileno(stdout);
    if (descriptor < 0 || _get_osfhandle(descriptor) == -1)
        return -1;
    _setmode(descriptor, _O_BINARY);
    return descriptor;
}

} // namespace Console
