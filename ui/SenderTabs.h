#pragma once

#include "EventLogModel.h"
#include "analysis/RateHistory.h"
#include "SenderTableModel.h"

#include <QTabWidget>
#include <QTimer>

#include <chrono>

class MonitorSession;
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

    // The table and the log follow the session by themselves.
    explicit SenderTabs(MonitorSession &session, QWidget *parent = nullptr);
    ~SenderTabs() override;

    // Makes an action with a widget-and-children shortcut (Pause) reachable from the tabs.
    void addViewAction(QAction *action);
    void sampleRates();

private:
    void showSelectedSender(const QModelIndex &current);
    void forgetHistory();

    const TrafficStatistics &m_statistics;
    SenderTableModel m_senderModel;
    EventLogModel m_eventModel;
    RateHistory m_rateHistory;
    QTimer m_sampleTimer;
    QTableView *m_senderView = nullptr;
    RateGraph *m_rateGraph = nullptr;
    QTableView *m_eventView = nullptr;
};
