#include "net/OwnTransmitters.h"

#include <QMutex>
#include <QSet>

#include <atomic>

namespace OwnTransmitters {

namespace {

QMutex mutex;
QSet<quint64> endpoints;
std::atomic<quint64> changes{0};

} // namespace

quint64 key(quint32 address, quint16 port)
{
    return (quint64(address) << 16) | port;
}

void add(quint32 address, quint16 port)
{
    const QMutexLocker lock(&mutex);
    endpoints.insert(key(address, port));
    ++changes;
}

void remove(quint32 address, quint16 port)
{
    const QMutexLocker lock(&mutex);
    endpoints.remove(key(address, port));
    ++changes;
}

bool contains(quint32 address, quint16 port)
{
    const QMutexLocker lock(&mutex);
    return endpoints.contains(key(address, port));
}

QSet<quint64> snapshot()
{
    const QMutexLocker lock(&mutex);
    return endpoints;
}

quint64 generation()
{
    return changes.load();
}

} // namespace OwnTransmitters
