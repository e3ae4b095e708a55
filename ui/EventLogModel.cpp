#include "EventLogModel.h"

#include "output/DatagramText.h"
#include "LivenessPalette.h"
#include "output/StatsReport.h"

#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

EventLogModel::EventLogModel(QObject *parent)
    : EventLogModel(defaultMaxRows, parent)
{
}

EventLogModel::EventLogModel(int maxRows, QObject *parent)
    : QAbstractTableModel(parent)
    , m_maxRows(std::max(1, maxRows))
{
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LivenessEvent &event = m_events[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayText(event, index.column());
    case Qt::ToolTipRole:
        // Built from numbers only: no markup can reach the rich-text tool tip.
        if (index.column() == Time)
            return DatagramText::isoTime(event.timeUs);
        return {};
    case Qt::DecorationRole:
        if (index.column() == Event)
            return LivenessPalette::accent(LivenessPalette::stateAfter(event.kind),
                                           QGuiApplication::palette());
        return {};
    case Qt::ForegroundRole:
        // Only the events that need attention stand out; appearing and coming back are news,
        // not trouble.
        if (index.column() == Event && event.kind != LivenessEvent::Kind::Appeared
            && event.kind != LivenessEvent::Kind::Back)
            return LivenessPalette::accent(LivenessPalette::stateAfter(event.kind),
                                           QGuiApplication::palette());
        return {};
    default:
        return {};
    }
}

QVariant EventLogModel::displayText(const LivenessEvent &event, int column) const
{
    switch (column) {
    case Time: return DatagramText::clockTime(event.timeUs);
    case Sender: return event.source.toString();
    case Event: return StatsReport::eventDescription(event) + StatsReport::eventFlow(event);
    default: return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time: return tr("Time");
    case Sender: return tr("Sender");
    case Event: return tr("Event");
    default: return {};
    }
}

void EventLogModel::appendEvents(const QList<LivenessEvent> &events)
{
    if (events.isEmpty())
        return;
    // Of a batch larger than the log only its newest events would survive.
    const qsizetype skipped = std::max<qsizetype>(0, events.size() - m_maxRows);
    const int incoming = int(events.size() - skipped);
    const int overflow = int(m_events.size()) + incoming - m_maxRows;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        m_events.erase(m_events.begin(), m_events.begin() + overflow);
        endRemoveRows();
    }
    const int first = int(m_events.size());
    beginInsertRows({}, first, first + incoming - 1);
    m_events.insert(m_events.end(), events.cbegin() + skipped, events.cend());
    endInsertRows();
}

void EventLogModel::clear()
{
    if (m_events.empty())
        return;
    beginResetModel();
    m_events.clear();
    m_events.shrink_to_fit();
    endResetModel();
}
