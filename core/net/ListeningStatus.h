#pragma once

#include "net/NetworkInterfaces.h"
#include "net/Subscription.h"

#include <QList>
#include <QMetaType>

// Where one subscription stands: joined on its interface, waiting for the interface to
// come back, or failed with the operating system's reason.
struct SubscriptionStatus
{
    enum class State { Joined, WaitingForInterface, Failed };

    Subscription subscription; // as asked for
    InterfaceChoice networkInterface; // as resolved (empty when it could not be)
    State state = State::Failed;
    QString reason; // why it failed or waits

    QString describe() const; // "239.1.1.1:5001 on lo — 127.0.0.1"
    // The interface's name as resolved, or as asked for when it could not be.
    QString interfaceName() const { return networkInterface.name.isEmpty() ? subscription.interfaceSpec : networkInterface.name; }
    static QString stateName(State state); // "joined", "waiting", "failed"
};

// What the receiver actually got from the operating system once it listens.
struct ListeningStatus
{
    QList<SubscriptionStatus> subscriptions; // in the order asked for
    int requestedBufferBytes = 0;
    int grantedBufferBytes = 0;

    // The subscriptions whose traffic arrives now.
    QList<Subscription> joined() const;
    // "239.1.1.1:5001 on lo — 127.0.0.1, receive buffer 4 MiB", or for several
    // "3 subscriptions (2 joined, 1 waiting), receive buffer 4 MiB".
    QString describe() const;
    // "4.0 MiB" as asked; "4.0 MiB (the kernel reserves 8.0 MiB)" where the kernel counts
    // its bookkeeping in (Linux doubles it); "208 KiB of 4.0 MiB asked" where it capped it.
    QString describeBuffer() const;
};

Q_DECLARE_METATYPE(ListeningStatus)
