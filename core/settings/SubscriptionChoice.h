#pragma once

#include "net/Subscription.h"

// One row of the window's subscriptions: what to join, and whether the user has it on.
// Rows that are off are kept (and saved) but not joined.
struct SubscriptionChoice
{
    Subscription subscription;
    bool enabled = true;

    friend bool operator==(const SubscriptionChoice &a, const SubscriptionChoice &b)
    {
        return a.subscription == b.subscription && a.enabled == b.enabled;
    }
    friend bool operator!=(const SubscriptionChoice &a, const SubscriptionChoice &b)
    {
        return !(a == b);
    }
};
