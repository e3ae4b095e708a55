#include "Diagnostics.h"

#include "output/PayloadFormatter.h"

#include <cstdio>

namespace Diagnostics {

namespace {

void writeLine(const QString &text)
{
    const QByteArray line = PayloadFormatter::escapedLine(text).toUtf8() + '\n';
    std::fwrite(line.constData(), 1, std::size_t(line.size()), stderr);
    std::fflush(stderr);
}

} // namespace

void error(const QString &message)
{
    writeLine(QStringLiteral("mcast-monitor: ") + message);
}

void warning(const QString &message)
{
    writeLine(QStringLiteral("mcast-monitor: warning: ") + message);
}

void note(const QString &line)
{
    writeLine(line);
}

} // namespace Diagnostics
