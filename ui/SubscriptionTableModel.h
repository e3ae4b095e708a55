#pragma once

#include "analysis/TrafficStatistics.h"
#include "net/ListeningStatus.h"
#include "settings/SubscriptionChoice.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <chrono>
#include <optional>

class MonitorSession;

// The window's subscriptions, one row each: whether it is on, what it joins, how its payloads
// are read ("auto": detected per flow, or a format forced on them), where the receiver got
// with it (joined, waiting, failed with the OS's reason) and what it carried.
// The list is the user's; states come from the listener, counters from the statistics.
class SubscriptionTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SubscriptionTableModel)

public:
    enum Column {
        Enabled,
        Group,
        Source,
        Port,
        Interface,
        State,
        Packets,
        PacketRate,
        Format, // last: set once, while the state and counters are watched
        ColumnCount
    };

    static constexpr std::chrono::milliseconds refreshInterval{500};

    // Follows the session by itself: states on every listening(), stopped() and failed(),
    // counters every refreshInterval.
    explicit SubscriptionTableModel(MonitorSession &session, QObject *parent = nullptr);
    // Shows statistics and states the caller feeds through showListening() and refresh().
    explicit SubscriptionTableModel(const TrafficStatistics &statistics, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

    const QList<SubscriptionChoice> &choices() const { return m_choices; }
    void setChoices(const QList<SubscriptionChoice> &choices);
    // Appends the subscription, on; false (and nothing changes) when the list has it already.
    bool add(const Subscription &subscription);
    // The subscriptions that are on, in order: what the receiver should join.
    QList<Subscription> enabledSubscriptions() const;
    // The row's subscription with the cell at index (group, source, port or interface) set
    // to text, or nothing with *error saying why not (invalid, or in the list already).
    std::optional<Subscription> edited(const QModelIndex &index, const QString &text,
                                       QString *error) const;

    void showListening(const ListeningStatus &status);
    void showFailure(const QString &reason);
    void showStopped();
    // Counters changed and rates decay even without traffic.
    void refresh();

signals:
    // The user changed the list: a row added, removed, edited, switched on or off.
    void choicesEdited();
    // An edit of a cell was refused, and why; the row is as it was.
    void editRefused(const QString &reason);

private:
    const SubscriptionStatus *statusOf(const Subscription &subscription) const;
    const TrafficStatistics::SubscriptionTraffic *trafficOf(const Subscription &subscription) const;
    QString stateText(const SubscriptionChoice &choice) const;
    QString stateReason(const SubscriptionChoice &choice) const;
    QVariant displayText(const SubscriptionChoice &choice, int column) const;
    void statesChanged();
    bool setEnabled(int row, bool enabled);
    bool setPart(const QModelIndex &index, const QString &text);
    bool setFormat(int row, const QString &name);
    void replace(int row, const Subscription &subscription);

    const TrafficStatistics &m_statistics;
    QTimer m_refreshTimer;
    QList<SubscriptionChoice> m_choices;
    std::optional<ListeningStatus> m_status; // while listening
    QString m_failure; // why listening as a whole failed, until the next start
};
