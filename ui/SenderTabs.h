#pragma once

#include "EventLogModel.h"
#include "analysis/RateHistory.h"
#include "SenderTableModel.h"

#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTimer>

#include <chrono>
#include <memory>

class ColumnChooser;
class FrozenColumnsTableView;
class MonitorSession;
class QAction;
class QTableView;
class RateGraph;
class SettingsStore;

// What is known about the senders, as tabs: the senders table (liveness, rates, loss,
// timing; sortable, its columns chosen from the header's menu and saved, Source and State
// kept in sight when it scrolls sideways), the graphs of packets received and lost per
// second, one above the other on one time axis, for the total and for the sender selected
// in the table, and the log of liveness events. The history is sampled here, once a second.
class SenderTabs final : public QTabWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SenderTabs)

public:
    enum Tab { SendersTab, GraphsTab, EventLogTab };
    static constexpr std::chrono::milliseconds sampleInterval{1000};

    // The table and the log follow the session by themselves; the table's columns are kept
    // in the settings.
    SenderTabs(MonitorSession &session, SettingsStore &settings, QWidget *parent = nullptr);
    ~SenderTabs() override;

    // Makes an action with a widget-and-children shortcut (Pause) reachable from the tabs.
    void addViewAction(QAction *action);
    void sampleRates();

private:
    void setupSenderView(SettingsStore &settings);
    void showSelectedSender(const QModelIndex &current);
    void forgetHistory();

    const TrafficStatistics &m_statistics;
    SenderTableModel m_senderModel;
    QSortFilterProxyModel m_sortedSenders;
    EventLogModel m_eventModel;
    RateHistory m_rateHistory;
    QTimer m_sampleTimer;
    FrozenColumnsTableView *m_senderView = nullptr;
    std::unique_ptr<ColumnChooser> m_columnChooser;
    RateGraph *m_rateGraph = nullptr;
    RateGraph *m_lossGraph = nullptr;
    QTableView *m_eventView = nullptr;
};
