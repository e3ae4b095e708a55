#pragma once

#include "analysis/TrafficStatistics.h"

#include <QLabel>

// One quiet line in the place the silence alarm keeps for itself, while no alarm shows:
// "All 4 senders live", "3 senders: 2 live, 1 late", or that a silence alarm was dismissed.
// In the palette's normal colour: the alarm is what draws the eye.
class LivenessSummary final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LivenessSummary)

public:
    explicit LivenessSummary(QWidget *parent = nullptr);

    void showSummary(const TrafficStatistics &statistics);
    static QString describe(const TrafficStatistics &statistics);
};
