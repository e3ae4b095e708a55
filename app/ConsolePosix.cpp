#include "Console.h"

#include <fcntl.h>
#include <unistd.h>

namespace Console {

void attachToParent()
{
}

int claimStandardOutput()
{
    if (::fcntl(STDOUT_FILENO, F_GETFD) != -1)
        return STDOUT_FILENO;
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0 && null != STDOUT_FILENO) {
        ::dup2(null, STDOUT_FILENO);
        ::close(null);
    }
    return -1;
}

} // namespace Console
