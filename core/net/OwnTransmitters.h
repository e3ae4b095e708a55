#pragma once

#include "net/IpAddress.h"

#include <QSet>
#include <QtGlobal>

// The source endpoints our own transmitters send from, so that the receiver can mark
// datagrams that looped back to us. Thread-safe: written on the GUI thread, read by the
// receive worker.
namespace OwnTransmitters {

void add(const Endpoint &source);
void remove(const Endpoint &source);
// The whole set at once, for a reader that checks many datagrams.
QSet<Endpoint> snapshot();
// Changes each time the set changes, so a reader can cache a copy cheaply.
quint64 generation();

} // namespace OwnTransmitters
