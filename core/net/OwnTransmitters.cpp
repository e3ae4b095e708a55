#include "net/OwnTransmitters.h"

#include <QMutex>

#include <atomic>

namespace OwnTransmitters {

namespace {

QMutex mutex;
QSet<Endpoint> endpoints;
std::atomic<quint64> changes{0};

} // namespace

void add(const Endpoint &source)
{
    const QMutexLocker lock(&mutex);
    endpoints.insert(source);
    ++changes;
}

void remove(const Endpoint &source)
{
    const QMutexLocker lock(&mutex);
    endpoints.remove(source);
    ++changes;
}

QSet<Endpoint> snapshot()
{
    const QMutexLocker lock(&mutex);
    return endpoints;
}

quint64 generation()
{
    return changes.load();
}

} // namespace OwnTransmitters
