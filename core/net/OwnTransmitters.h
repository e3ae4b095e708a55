#pragma once

#include <QSet>
#include <QtGlobal>

// The source endpoints our own transmitters send from, so that the receiver can mark
// datagrams that looped back to us. Thread-safe: written on the GUI thread, read by the
// receive worker.
namespace OwnTransmitters {

void add(quint32 address, quint16 port);
void remove(quint32 address, quint16 port);
bool contains(quint32 address, quint16 port);
// The whole set at once, for a reader that checks many datagrams.
QSet<quint64> snapshot();
quint64 key(quint32 address, quint16 port);
// Changes each time the set changes, so a reader can cache a copy cheaply.
quint64 generation();

} // namespace OwnTransmitters
