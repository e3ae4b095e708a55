#include "SenderTableModel.h"

#include "ColumnHeaders.h"
#include "output/DatagramText.h"
#include "LivenessPalette.h"
#include "OwnTransmitterMarker.h"
#include "output/StatsReport.h"
#include "session/MonitorSession.h"
#include "Units.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>
#include <iterator>

namespace {

constexpr qint64 shortWindowMs = 1000;
constexpr qint64 longWindowMs = 10000;

bool isNumeric(int column)
{
    return column >= SenderTableModel::Packets && column <= SenderTableModel::ByteRate1s
           && column != SenderTableModel::Ports;
}

bool isOtherSenders(const TrafficStatistics::Sender &sender)
{
    return sender.other;
}

// In Column order.
constexpr ColumnTitle columnTitles[] = {
    {QT_TRANSLATE_NOOP("SenderTableModel", "Source"),
     QT_TRANSLATE_NOOP("SenderTableModel", "Sender's IPv4 address")},
    {QT_TRANSLATE_NOOP("SenderTableModel", "State"),
     QT_TRANSLATE_NOOP("SenderTableModel",
                       "live; late when nothing has arrived for 1.5 × the expected interval "
                       "(at least 0.2 s); silent after 3 × (at least 3 s)")},
    {QT_TRANSLATE_NOOP("SenderTableModel", "Ours"),
     QT_TRANSLATE_NOOP("SenderTableModel",
                       "This flow is this window's own transmitter (it is always a row of its own)")},
    {QT_TRANSLATE_NOOP("SenderTableModel", "Group"),
     QT_TRANSLATE_NOOP("SenderTableModel", "The group and port this flow is sent to")},
    {QT_TRANSLATE_NOOP("SenderTableModel", "Format"),
     QT_TRANSLATE_NOOP("SenderTableModel",
                       "The payload format the decoder recognised: atu (the seed's heartbeat, one "
                       "flow per prefix) or raw (everything else from this source, whatever its "
                       "source ports)")},
    {QT_TRANSLATE_NOOP("SenderTableModel", "Packets"),
     QT_TRANSLATE_NOOP("SenderTableModel", "Datagrams received from this sender")},
    {QT_TRANSLATE_NOOP("SenderTableModel", "pkt/s (10 s)"),
     QT_TRANSLATE_NOOP("SenderTableModel", "Datagrams per second over the last 10 seconds")},
    {QT_TRANSLATE_NOOP("SenderTableModel", "Interval"),
     QT_TRANSLATE_NOOP("SenderTableModel", "Time between its last two datagrams")},
    {QT_TRANSLATE_NOOP("SenderTableModel", "Expected"),
     QT_TRANSLATE_NOOP("SenderTableModel",
                       "Expected interval: the median of its recent intervals, which liveness "
                       "is judged by")},
    {QT_TRANSLATE_NOOP("SenderTableModel", "Mean interval"),
     QT_TRANSLATE_NOOP("SenderTableModel", "Mean of every interval since it appeared")},
    {QT_TRANSLATE_NOOP("SenderTableModel", "Jitter"),
     QT_TRANSLATE_NOOP("SenderTableModel", "Standard deviation of its recent intervals")},
    {QT_TRANSLATE_NOOP("SenderTableModel", "ATU offset"),
     QT_TRANSLATE_NOOP("SenderTableModel",
                       "Arrival minus ATU time of its latest heartbeat. The ATU time carries no "
                       "zone and is read as this computer's local time")},
    {QT_TRANSLATE_NOOP("SenderTableModel", "Offset min"),
     QT_TRANSLATE_NOOP("SenderTableModel", "Smallest ATU offset seen")},
    {QT_TRANSLATE_NOOP("SenderTableModel", "Offset mean"),
     QT_TRANSLATE_NOOP("SenderTableModel", "Mean of every ATU offset seen")},
    {QT_TRANSLATE_NOOP("SenderTableModel", "Offset max"),
     QT_TRANSLATE_NOOP("SenderTableModel", "Largest ATU offset seen")},
    {QT_TRANSLATE_NOOP("SenderTableModel", "Ports"),
     QT_TRANSLATE_NOOP("SenderTableModel", "Source ports seen from this sender")},
    {QT_TRANSLATE_NOOP("SenderTableModel", "Bytes"),
     QT_TRANSLATE_NOOP("SenderTableModel", "Payload bytes received from this sender")},
    {QT_TRANSLATE_NOOP("SenderTableModel", "B/s (10 s)"),
     QT_TRANSLATE_NOOP("SenderTableModel", "Payload bytes per second over the last 10 seconds")},
    {QT_TRANSLATE_NOOP("SenderTableModel", "pkt/s (1 s)"),
     QT_TRANSLATE_NOOP("SenderTableModel", "Datagrams per second over the last second")},
    {QT_TRANSLATE_NOOP("SenderTableModel", "B/s (1 s)"),
     QT_TRANSLATE_NOOP("SenderTableModel", "Payload bytes per second over the last second")},
    {QT_TRANSLATE_NOOP("SenderTableModel", "First seen"),
     QT_TRANSLATE_NOOP("SenderTableModel", "Local time of the first datagram")},
    {QT_TRANSLATE_NOOP("SenderTableModel", "Last seen"),
     QT_TRANSLATE_NOOP("SenderTableModel", "Local time of the latest datagram")},
};
static_assert(std::size(columnTitles) == SenderTableModel::ColumnCount);

} // namespace

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
    const bool stateCell = index.column() == State && !isOtherSenders(sender);
    switch (role) {
    case Qt::DisplayRole:
        return displayText(sender, index.column());
    case Qt::ToolTipRole:
        return toolTip(sender, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == Ours)
            return int(Qt::AlignCenter);
        return cellAlignment(isNumeric(index.column()));
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
    if (sender.liveness != Liveness::Live && !isOtherSenders(sender))
        return QBrush(LivenessPalette::background(sender.liveness, QGuiApplication::palette()));
    if (sender.fromOwnTransmitter)
        return QBrush(OwnTransmitterMarker::tint());
    return {};
}

QVariant SenderTableModel::displayText(const TrafficStatistics::Sender &sender, int column) const
{
    switch (column) {
    case Source:
        if (isOtherSenders(sender))
            return tr("other senders");
        return sender.address.toString();
    case State:
        return isOtherSenders(sender) ? QString() : StatsReport::livenessName(sender.liveness);
    case Group:
        return isOtherSenders(sender)
                   ? QString()
                   : Endpoint{sender.group, sender.port}.toString();
    case Format:
        return isOtherSenders(sender) ? QString() : payloadFormatName(sender.format);
    case Ports:
        return StatsReport::portList(sender);
    case Packets:
        return QString::number(sender.packets);
    case Bytes:
        return Units::bytes(double(sender.bytes));
    case PacketRate1s:
        return Units::count(m_statistics.rate(sender.rates, shortWindowMs).packetsPerSecond);
    case ByteRate1s:
        return Units::byteRate(m_statistics.rate(sender.rates, shortWindowMs).bytesPerSecond);
    case PacketRate10s:
        return Units::count(m_statistics.rate(sender.rates, longWindowMs).packetsPerSecond);
    case ByteRate10s:
        return Units::byteRate(m_statistics.rate(sender.rates, longWindowMs).bytesPerSecond);
    case FirstSeen:
        return DatagramText::clockTime(sender.firstSeenUs);
    case LastSeen:
        return DatagramText::clockTime(sender.lastSeenUs);
    case Ours:
        return sender.fromOwnTransmitter ? OwnTransmitterMarker::text() : QString();
    default:
        return timingText(sender, column);
    }
}

// Empty until there is something to say: intervals need two datagrams, offsets an ATU one.
QVariant SenderTableModel::timingText(const TrafficStatistics::Sender &sender, int column) const
{
    const SenderTiming &timing = sender.timing;
    const auto text = [](const auto &microseconds) {
        return microseconds ? Units::duration(double(*microseconds)) : QString();
    };
    const auto offsets = timing.atuOffsets();
    switch (column) {
    case LastInterval:
        return text(timing.lastIntervalUs());
    case ExpectedInterval:
        return text(timing.expectedIntervalUs());
    case MeanInterval:
        return text(timing.meanIntervalUs());
    case Jitter:
        return text(timing.jitterUs());
    case AtuOffset:
        return offsets ? Units::duration(double(offsets->lastUs)) : QString();
    case AtuOffsetMin:
        return offsets ? Units::duration(double(offsets->minUs)) : QString();
    case AtuOffsetMean:
        return offsets ? Units::duration(offsets->meanUs) : QString();
    case AtuOffsetMax:
        return offsets ? Units::duration(double(offsets->maxUs)) : QString();
    default:
        return {};
    }
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
        if (isOtherSenders(sender))
            return tr(
                "Senders beyond the number of addresses tracked one by one, counted together");
        break;
    case State:
        if (!isOtherSenders(sender))
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
    case AtuOffset:
    case AtuOffsetMin:
    case AtuOffsetMean:
    case AtuOffsetMax:
        if (const auto offsets = sender.timing.atuOffsets())
            return tr("%1 ATU heartbeats; their time is read as this computer's local time")
                .arg(offsets->count);
        break;
    case FirstSeen:
        return DatagramText::isoTime(sender.firstSeenUs);
    case LastSeen:
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
    return columnHeaderData(staticMetaObject.className(), columnTitles[section], isNumeric(section), role);
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

