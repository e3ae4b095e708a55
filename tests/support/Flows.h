#pragma once

#include "analysis/TrafficStatistics.h"

// The flow of undecoded datagrams from `source` that a test recorded without a group or
// port of their own.
inline FlowKey flowOf(const IpAddress &source)
{
    FlowKey key;
    key.source = source;
    return key;
}
