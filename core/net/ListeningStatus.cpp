#include "net/ListeningStatus.h"

QString ListeningStatus::describe() const
{
    const double kib = grantedBufferBytes / 1024.0;
    const QString buffer = kib >= 1024 ? QStringLiteral("%1 MiB").arg(kib / 1024.0, 0, 'f', 1)
                                       : QStringLiteral("%1 KiB").arg(kib, 0, 'f', 0);
    return QStringLiteral("%1 on %2, receive buffer %3")
        .arg(Endpoint{subscription.group, subscription.port}.toString(), interface.label(), buffer);
}
