#pragma once

#include "net/NetworkInterfaces.h"
#include "net/Subscription.h"

#include <QMetaType>

// What the receiver actually got from the operating system once it listens.
struct ListeningStatus
{
    Subscription subscription; // as joined: its interface spec is the interface's name
    InterfaceChoice interface;
    int requestedBufferBytes = 0;
    int grantedBufferBytes = 0;

    QString describe() const; // "239.1.1.1:5001 on lo — 127.0.0.1, buffer 4 MiB"
};

Q_DECLARE_METATYPE(ListeningStatus)
