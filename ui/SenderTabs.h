#pragma once

#include "EventLogModel.h"
#include "RateHistory.h"
#include "SenderTableModel.h"

#include <QTabWidget>
#include <QTimer>

#include <chrono>

class QAction;
class QTableView;
class RateGraph;

// What is known about the senders, as tabs: the senders table (liveness, rates, timing),
// a rate graph of the total and of the sender selected in the table, and the log of
// liveness events. The rate history is sampled here, once a second.
class SenderTabs final : public QTabWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SenderTabs)

public:
    enum Tab { SendersTab, RateGraphTab, EventLogTab };
    static constexpr std::chrono::milliseconds sampleInterval{1000};

    explicit SenderTabs(TrafficStatistics &statistics, QWidget *parent = nullptr);
    ~SenderTabs() override;

    // After the statistics recorded a batch: new senders get their rows.
    void update() { m_senderModel.update(); }
    // Periodically: counters, rates and liveness colours.
    void refresh() { m_senderModel.refresh(); }
    void appendEvents(const QList<LivenessEvent> &events);
    // Clears the statistics, the event log and the rate history.
    void clear();
    // Makes an action with a widget-and-children shortcut (Pause) reachable from the tabs.
    void addViewAction(QAction *action);
    void sampleRates();

private:
    void showSelectedSender(const QModelIndex &current);

    TrafficStatistics &m_statistics;
    SenderTableModel m_senderModel;
    EventLogModel m_eventModel;
    RateHistory m_rateHistory;
    QTimer m_sampleTimer;
    QTableView *m_senderView = nullptr;
    RateGraph *m_rateGraph = nullptr;
    QTableView *m_eventView = nullptr;
};
