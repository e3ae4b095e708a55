#include "SubscriptionTableModel.h"

#include "ColumnHeaders.h"
#include "PlainTextToolTip.h"
#include "Units.h"
#include "net/SubscriptionSpec.h"
#include "session/MonitorSession.h"

#include <iterator>

namespace {

constexpr qint64 rateWindowMs = 10000;

std::optional<SubscriptionSpec::Part> partIn(int column)
{
    switch (column) {
    case SubscriptionTableModel::Group:
        return SubscriptionSpec::Part::Group;
    case SubscriptionTableModel::Source:
        return SubscriptionSpec::Part::Source;
    case SubscriptionTableModel::Port:
        return SubscriptionSpec::Part::Port;
    case SubscriptionTableModel::Interface:
        return SubscriptionSpec::Part::Interface;
    default:
        return std::nullopt;
    }
}

bool isEditable(int column)
{
    return partIn(column) || column == SubscriptionTableModel::Format;
}

bool isNumeric(int column)
{
    return column == SubscriptionTableModel::Port || column == SubscriptionTableModel::Packets
           || column == SubscriptionTableModel::PacketRate;
}

// In Column order.
constexpr ColumnTitle columnTitles[] = {
    {QT_TRANSLATE_NOOP("SubscriptionTableModel", "On"),
     QT_TRANSLATE_NOOP("SubscriptionTableModel", "Join this subscription when listening")},
    {QT_TRANSLATE_NOOP("SubscriptionTableModel", "Group"),
     QT_TRANSLATE_NOOP("SubscriptionTableModel", "The multicast group joined")},
    {QT_TRANSLATE_NOOP("SubscriptionTableModel", "Source"),
     QT_TRANSLATE_NOOP("SubscriptionTableModel",
                       "Only this source's datagrams are received (source-specific multicast); "
                       "blank: any source")},
    {QT_TRANSLATE_NOOP("SubscriptionTableModel", "Port"),
     QT_TRANSLATE_NOOP("SubscriptionTableModel", "The UDP port listened on")},
    {QT_TRANSLATE_NOOP("SubscriptionTableModel", "Interface"),
     QT_TRANSLATE_NOOP("SubscriptionTableModel", "The interface the group is joined on")},
    {QT_TRANSLATE_NOOP("SubscriptionTableModel", "State"),
     QT_TRANSLATE_NOOP("SubscriptionTableModel",
                       "joined; waiting for its interface to come back; failed, with the "
                       "operating system's reason")},
    {QT_TRANSLATE_NOOP("SubscriptionTableModel", "Packets"),
     QT_TRANSLATE_NOOP("SubscriptionTableModel", "Datagrams received for this subscription")},
    {QT_TRANSLATE_NOOP("SubscriptionTableModel", "pkt/s (10 s)"),
     QT_TRANSLATE_NOOP("SubscriptionTableModel", "Datagrams per second over the last 10 seconds")},
    {QT_TRANSLATE_NOOP("SubscriptionTableModel", "Format"),
     QT_TRANSLATE_NOOP("SubscriptionTableModel",
                       "How its payloads are read: auto detects each flow's format; a format "
                       "chosen here is applied to every datagram (raw: none decoded)")},
};
static_assert(std::size(columnTitles) == SubscriptionTableModel::ColumnCount);

} // namespace

SubscriptionTableModel::SubscriptionTableModel(MonitorSession &session, QObject *parent)
    : SubscriptionTableModel(session.statistics(), parent)
{
    MulticastListener &listener = session.listener();
    connect(&listener, &MulticastListener::listening, this, &SubscriptionTableModel::showListening);
    connect(&listener, &MulticastListener::failed, this, &SubscriptionTableModel::showFailure);
    connect(&listener, &MulticastListener::stopped, this, &SubscriptionTableModel::showStopped);
    connect(&session, &MonitorSession::cleared, this, &SubscriptionTableModel::refresh);
    connect(&m_refreshTimer, &QTimer::timeout, this, &SubscriptionTableModel::refresh);
    m_refreshTimer.start(refreshInterval);
}

SubscriptionTableModel::SubscriptionTableModel(const TrafficStatistics &statistics, QObject *parent)
    : QAbstractTableModel(parent)
    , m_statistics(statistics)
    , m_refreshTimer(this)
{
}

int SubscriptionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_choices.size());
}

int SubscriptionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SubscriptionTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SubscriptionChoice &choice = m_choices.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(choice, index.column());
    case Qt::EditRole:
        return isEditable(index.column()) ? displayText(choice, index.column()) : QVariant();
    case Qt::CheckStateRole:
        if (index.column() == Enabled)
            return choice.enabled ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ToolTipRole:
        if (index.column() == State) {
            const QString reason = stateReason(choice);
            return reason.isEmpty() ? QVariant() : PlainTextToolTip::fromPlainText(reason);
        }
        if (index.column() == Group)
            return PlainTextToolTip::fromPlainText(
                tr("%1\nDouble-click a group, source, port, interface or format to change it")
                    .arg(choice.subscription.toString()));
        return {};
    case Qt::TextAlignmentRole:
        return cellAlignment(isNumeric(index.column()));
    default:
        return {};
    }
}

QVariant SubscriptionTableModel::displayText(const SubscriptionChoice &choice, int column) const
{
    const Subscription &subscription = choice.subscription;
    const auto *traffic = choice.enabled ? trafficOf(subscription) : nullptr;
    switch (column) {
    case Group:
        return subscription.group.toString();
    case Source:
        return subscription.source.isNull() ? QString() : subscription.source.toString();
    case Port:
        return QString::number(subscription.port);
    case Interface:
        return subscription.interfaceSpec;
    case Format:
        return formatChoiceName(subscription.format);
    case State: {
        const QString reason = stateReason(choice);
        return reason.isEmpty() ? stateText(choice)
                                : tr("%1: %2").arg(stateText(choice), reason.simplified());
    }
    case Packets:
        return traffic ? QString::number(traffic->traffic.packets) : QString();
    case PacketRate:
        return traffic ? Units::count(
                   m_statistics.rate(traffic->traffic.rates, rateWindowMs).packetsPerSecond)
                       : QString();
    default:
        return {};
    }
}

QString SubscriptionTableModel::stateText(const SubscriptionChoice &choice) const
{
    if (!choice.enabled)
        return tr("off");
    if (!m_failure.isEmpty())
        return SubscriptionStatus::stateName(SubscriptionStatus::State::Failed);
    if (const SubscriptionStatus *status = statusOf(choice.subscription))
        return SubscriptionStatus::stateName(status->state);
    return m_status ? tr("joining") : tr("not listening");
}

QString SubscriptionTableModel::stateReason(const SubscriptionChoice &choice) const
{
    if (!choice.enabled)
        return {};
    if (!m_failure.isEmpty())
        return m_failure;
    const SubscriptionStatus *status = statusOf(choice.subscription);
    return status ? status->reason : QString();
}

QVariant SubscriptionTableModel::headerData(int section, Qt::Orientation orientation,
                                            int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    return columnHeaderData("SubscriptionTableModel", columnTitles[section], isNumeric(section),
                            role);
}

Qt::ItemFlags SubscriptionTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Enabled)
        flags |= Qt::ItemIsUserCheckable;
    if (index.isValid() && isEditable(index.column()))
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool SubscriptionTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    if (index.column() == Enabled && role == Qt::CheckStateRole)
        return setEnabled(index.row(), value.toInt() == Qt::Checked);
    if (partIn(index.column()) && role == Qt::EditRole)
        return setPart(index, value.toString());
    if (index.column() == Format && role == Qt::EditRole)
        return setFormat(index.row(), value.toString());
    return false;
}

bool SubscriptionTableModel::setEnabled(int row, bool enabled)
{
    SubscriptionChoice &choice = m_choices[row];
    if (choice.enabled == enabled)
        return true;
    choice.enabled = enabled;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    emit choicesEdited();
    return true;
}

bool SubscriptionTableModel::setPart(const QModelIndex &index, const QString &text)
{
    QString reason;
    const auto subscription = edited(index, text, &reason);
    if (!subscription) {
        emit editRefused(reason);
        return false;
    }
    replace(index.row(), *subscription);
    return true;
}

// Another format is the same membership: the receiver keeps its socket and reads what
// arrives from then on in the new format.
bool SubscriptionTableModel::setFormat(int row, const QString &name)
{
    Subscription subscription = m_choices.at(row).subscription;
    if (!parseFormatChoice(name, &subscription.format)) {
        emit editRefused(tr("%1 is no payload format: choose one of %2")
                             .arg(name.left(32), formatChoiceNames().join(QStringLiteral(", "))));
        return false;
    }
    for (int other = 0; other < m_choices.size(); ++other) {
        if (other != row && m_choices.at(other).subscription == subscription) {
            emit editRefused(tr("%1 is in the list already").arg(subscription.toString()));
            return false;
        }
    }
    replace(row, subscription);
    return true;
}

void SubscriptionTableModel::replace(int row, const Subscription &subscription)
{
    SubscriptionChoice &choice = m_choices[row];
    if (choice.subscription == subscription)
        return;
    choice.subscription = subscription;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    emit choicesEdited();
}

std::optional<Subscription> SubscriptionTableModel::edited(const QModelIndex &index,
                                                           const QString &text,
                                                           QString *error) const
{
    const auto part = partIn(index.column());
    if (!part || index.row() < 0 || index.row() >= m_choices.size())
        return std::nullopt;
    const Subscription &current = m_choices.at(index.row()).subscription;
    auto subscription = SubscriptionSpec::withPart(current, *part, text, error);
    if (!subscription)
        return std::nullopt;
    for (int row = 0; row < m_choices.size(); ++row) {
        if (row != index.row() && m_choices.at(row).subscription == *subscription) {
            *error = tr("%1 is in the list already").arg(subscription->toString());
            return std::nullopt;
        }
    }
    return subscription;
}

bool SubscriptionTableModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_choices.size())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_choices.remove(row, count);
    endRemoveRows();
    emit choicesEdited();
    return true;
}

void SubscriptionTableModel::setChoices(const QList<SubscriptionChoice> &choices)
{
    beginResetModel();
    m_choices = choices;
    endResetModel();
}

bool SubscriptionTableModel::add(const Subscription &subscription)
{
    for (const SubscriptionChoice &choice : std::as_const(m_choices)) {
        if (choice.subscription == subscription)
            return false;
    }
    const int row = int(m_choices.size());
    beginInsertRows({}, row, row);
    m_choices.append({subscription, true});
    endInsertRows();
    emit choicesEdited();
    return true;
}

QList<Subscription> SubscriptionTableModel::enabledSubscriptions() const
{
    QList<Subscription> subscriptions;
    for (const SubscriptionChoice &choice : m_choices) {
        if (choice.enabled)
            subscriptions.append(choice.subscription);
    }
    return subscriptions;
}

void SubscriptionTableModel::showListening(const ListeningStatus &status)
{
    m_status = status;
    m_failure.clear();
    statesChanged();
}

void SubscriptionTableModel::showFailure(const QString &reason)
{
    m_status.reset();
    m_failure = reason;
    statesChanged();
}

void SubscriptionTableModel::showStopped()
{
    m_status.reset();
    m_failure.clear();
    statesChanged();
}

void SubscriptionTableModel::refresh()
{
    if (!m_choices.isEmpty())
        emit dataChanged(index(0, Packets), index(rowCount() - 1, PacketRate), {Qt::DisplayRole});
}

void SubscriptionTableModel::statesChanged()
{
    if (!m_choices.isEmpty())
        emit dataChanged(index(0, State), index(rowCount() - 1, PacketRate));
}

const SubscriptionStatus *SubscriptionTableModel::statusOf(const Subscription &subscription) const
{
    if (!m_status)
        return nullptr;
    for (const SubscriptionStatus &status : m_status->subscriptions) {
        if (status.subscription == subscription)
            return &status;
    }
    return nullptr;
}

const TrafficStatistics::SubscriptionTraffic *
SubscriptionTableModel::trafficOf(const Subscription &subscription) const
{
    for (const auto &traffic : m_statistics.subscriptions()) {
        if (traffic.status.subscription == subscription)
            return &traffic;
    }
    return nullptr;
}
