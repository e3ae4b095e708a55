#include "SenderTableModel.h"

#include "LivenessPalette.h"
#include "OwnTransmitterMarker.h"
#include "SenderColumns.h"
#include "Units.h"
#include "output/DatagramText.h"
#include "output/StatsReport.h"
#include "session/MonitorSession.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

SenderTableModel::SenderTableModel(MonitorSession &session, QObject *parent)
    : SenderTableModel(session.statistics(), parent)
{
    connect(&session.pipeline(), &ReceivePipeline::batchRecorded, this, &SenderTableModel::update);
    connect(&session.pipeline(), &ReceivePipeline::livenessChanged, this, &SenderTableModel::refresh);
    connect(&session, &MonitorSession::cleared, this, &SenderTableModel::update);
    connect(&m_refreshTimer, &QTimer::timeout, this, &SenderTableModel::refresh);
    m_refreshTimer.start(refreshInterval);
}

SenderTableModel::SenderTableModel(const TrafficStatistics &statistics, QObject *parent)
    : QAbstractTableModel(parent)
    , m_statistics(statistics)
    , m_refreshTimer(this)
    , m_rows(int(statistics.senders().size()))
{
}

int SenderTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int SenderTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SenderTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    // The statistics may have been cleared behind our back; update() will reset us.
    if (std::size_t(index.row()) >= m_statistics.senders().size())
        return {};
    const TrafficStatistics::Sender &sender = m_statistics.senders()[std::size_t(index.row())];
    const SenderColumns::Column &column = SenderColumns::column(index.column());
    const SenderColumns::Flow flow{m_statistics, sender};
    const bool stateCell = index.column() == State && !sender.other;
    switch (role) {
    case Qt::DisplayRole:
        return SenderColumns::text(column.format, column.value(flow));
    case SortRole:
        return column.sortKey ? column.sortKey(flow) : column.value(flow);
    case Qt::ToolTipRole:
        return toolTip(sender, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == Ours)
            return int(Qt::AlignCenter);
        return cellAlignment(column.header.numeric);
    case Qt::BackgroundRole:
        return background(sender);
    case Qt::DecorationRole:
    case Qt::ForegroundRole:
        if (stateCell)
            return LivenessPalette::accent(sender.liveness, QGuiApplication::palette());
        return {};
    case OwnTransmitterRole:
        return sender.fromOwnTransmitter;
    case AddressRole:
        return QVariant::fromValue(sender.address);
    case LivenessRole:
        return int(sender.liveness);
    default:
        return {};
    }
}

// Late and silent rows are tinted whole, so trouble shows across the table; a live row
// keeps the own-transmitter mark.
QVariant SenderTableModel::background(const TrafficStatistics::Sender &sender) const
{
    if (sender.liveness != Liveness::Live && !sender.other)
        return QBrush(LivenessPalette::background(sender.liveness, QGuiApplication::palette()));
    if (sender.fromOwnTransmitter)
        return QBrush(OwnTransmitterMarker::tint());
    return {};
}

QString SenderTableModel::stateToolTip(const TrafficStatistics::Sender &sender) const
{
    const qint64 expected =
        sender.timing.expectedIntervalUs().value_or(TrafficStatistics::unknownIntervalUs);
    const qint64 lateAfter = std::max(expected * 3 / 2, TrafficStatistics::lateFloorUs);
    const qint64 silentAfter = std::max(3 * expected, TrafficStatistics::silentFloorUs);
    return tr("Last datagram %1 ago (at %2).\nLate after %3 of quiet, silent after %4.")
        .arg(Units::duration(double(m_statistics.nowUs() - sender.lastSeenUs)),
             DatagramText::clockTime(sender.lastSeenUs), Units::duration(double(lateAfter)),
             Units::duration(double(silentAfter)));
}

QString SenderTableModel::toolTip(const TrafficStatistics::Sender &sender, int column) const
{
    switch (column) {
    case Source:
        if (sender.other)
            return tr(
                "Senders beyond the number of addresses tracked one by one, counted together");
        break;
    case State:
    case LastSeen:
        if (!sender.other)
            return stateToolTip(sender);
        break;
    case Ports:
        if (sender.morePorts)
            return tr("%1, and more: only the first %2 source ports are kept")
                .arg(StatsReport::portList(sender))
                .arg(TrafficStatistics::maxPortsPerSender);
        return StatsReport::portList(sender);
    case Bytes:
        return tr("%1 bytes").arg(sender.bytes);
    case LossPercent:
        if (const SequenceTracker *sequence = sender.analysis.sequence())
            return tr("%1 lost of %2 expected").arg(sequence->lost()).arg(sequence->received() + sequence->lost());
        [[fallthrough]];
    case Lost:
    case Duplicates:
    case Reordered:
    case SeqRestarts:
        if (!sender.other && !sender.analysis.sequence())
            return tr("%1 datagrams carry no sequence numbers").arg(payloadFormatName(sender.format));
        break;
    case Delay:
        if (sender.analysis.delayUs())
            return tr("Meaningful only when the sender's clock and this computer's agree (the "
                      "same host, or clocks synchronised by PTP)");
        break;
    case Pids:
        if (const TsContinuity *continuity = sender.analysis.continuity())
            return tr("%n PIDs", nullptr, continuity->pidsSeen());
        break;
    case AtuOffset:
    case AtuOffsetMin:
    case AtuOffsetMean:
    case AtuOffsetMax:
        if (const auto offsets = sender.timing.atuOffsets())
            return tr("%1 ATU heartbeats; their time is read as this computer's local time")
                .arg(offsets->count);
        break;
    case FirstSeenTime:
        return DatagramText::isoTime(sender.firstSeenUs);
    case LastSeenTime:
        return DatagramText::isoTime(sender.lastSeenUs);
    default:
        break;
    }
    if (sender.fromOwnTransmitter)
        return tr("Includes datagrams sent by this window's transmitter");
    return {};
}

QVariant SenderTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    return columnHeaderData(staticMetaObject.className(), SenderColumns::column(section).header,
                            role);
}

void SenderTableModel::update()
{
    const int senders = int(m_statistics.senders().size());
    if (senders < m_rows) {
        // Cleared elsewhere: nothing left to map row by row.
        beginResetModel();
        m_rows = senders;
        endResetModel();
        return;
    }
    if (senders == m_rows)
        return;
    beginInsertRows({}, m_rows, senders - 1);
    m_rows = senders;
    endInsertRows();
}

void SenderTableModel::refresh()
{
    update();
    if (m_rows == 0)
        return;
    emit dataChanged(index(0, 0), index(m_rows - 1, ColumnCount - 1));
}
