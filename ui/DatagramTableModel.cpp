#include "DatagramTableModel.h"

#include "ColumnHeaders.h"
#include "output/DatagramText.h"
#include "OwnTransmitterMarker.h"
#include "output/PayloadFormatter.h"
#include "PlainTextToolTip.h"

#include <QBrush>

#include <algorithm>
#include <iterator>
#include <utility>

namespace {

QString destinationText(const ReceivedDatagram &datagram)
{
    return Endpoint{datagram.destination, datagram.destinationPort}.toString();
}

bool isNumeric(int column)
{
    switch (column) {
    case DatagramTableModel::SourcePort:
    case DatagramTableModel::Size:
    case DatagramTableModel::Ttl:
    case DatagramTableModel::AtuOffset:
        return true;
    default:
        return false;
    }
}

constexpr auto always = ColumnShown::Always;
constexpr auto byDefault = ColumnShown::ByDefault;
constexpr auto onRequest = ColumnShown::OnRequest;

// In DatagramTableModel::Column order; the keys name the columns in the settings: never
// change one. By default the table shows what fits 1024 px with the payload in view; the
// source port, TTL, our own marker (those rows are tinted anyway) and the ATU time are a
// right click away.
constexpr ColumnHeader columnHeaders[] = {
    {"time",
     {QT_TRANSLATE_NOOP("DatagramTableModel", "Time"),
      QT_TRANSLATE_NOOP("DatagramTableModel", "Local time the datagram arrived")},
     false, always, "00:00:00.000"},
    {"source",
     {QT_TRANSLATE_NOOP("DatagramTableModel", "Source"),
      QT_TRANSLATE_NOOP("DatagramTableModel", "Sender's address")},
     false, always, "255.255.255.255"},
    {"source_port",
     {QT_TRANSLATE_NOOP("DatagramTableModel", "Src port"),
      QT_TRANSLATE_NOOP("DatagramTableModel", "Sender's UDP port")},
     true, onRequest, "65535"},
    {"group",
     {QT_TRANSLATE_NOOP("DatagramTableModel", "Group"),
      QT_TRANSLATE_NOOP("DatagramTableModel",
                        "Multicast group and port it was sent to: the subscription it came in by")},
     false, byDefault, "239.255.1.1:65535"},
    {"size",
     {QT_TRANSLATE_NOOP("DatagramTableModel", "Size"),
      QT_TRANSLATE_NOOP("DatagramTableModel", "UDP payload size in bytes")},
     true, byDefault, "65507"},
    {"ttl",
     {QT_TRANSLATE_NOOP("DatagramTableModel", "TTL"),
      QT_TRANSLATE_NOOP("DatagramTableModel",
                        "IP time-to-live on arrival (— when the system did not report it)")},
     true, onRequest, "255"},
    {"ours",
     {QT_TRANSLATE_NOOP("DatagramTableModel", "Ours"),
      QT_TRANSLATE_NOOP("DatagramTableModel", "Sent by this window's own transmitter")},
     false, onRequest, "yes"},
    {"atu_time",
     {QT_TRANSLATE_NOOP("DatagramTableModel", "ATU time"),
      QT_TRANSLATE_NOOP("DatagramTableModel",
                        "Timestamp of an ATU heartbeat. It carries no time zone: it is read as "
                        "this computer's local time")},
     false, onRequest, "00:00:00.000"},
    {"atu_offset",
     {QT_TRANSLATE_NOOP("DatagramTableModel", "Offset ms"),
      QT_TRANSLATE_NOOP("DatagramTableModel",
                        "Arrival time minus ATU time. The ATU time is read as this computer's "
                        "local time, so a sender in another time zone is whole hours off")},
     true, byDefault, "-9999.9"},
    {"payload",
     {QT_TRANSLATE_NOOP("DatagramTableModel", "Payload"),
      QT_TRANSLATE_NOOP("DatagramTableModel",
                        "Payload as escaped text, or hex when it looks binary; hover a cell for "
                        "more")},
     false, always, ""},
};
static_assert(std::size(columnHeaders) == DatagramTableModel::ColumnCount);

} // namespace

DatagramTableModel::DatagramTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int DatagramTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_count;
}

int DatagramTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const ReceivedDatagram &DatagramTableModel::datagram(int row) const
{
    Q_ASSERT(row >= 0 && row < m_count);
    return m_ring[std::size_t((m_head + row) % m_capacity)];
}

QVariant DatagramTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ReceivedDatagram &datagram = this->datagram(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(datagram, index.column());
    case Qt::ToolTipRole:
        return toolTip(datagram, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == Ours)
            return int(Qt::AlignCenter);
        return cellAlignment(isNumeric(index.column()));
    case Qt::BackgroundRole:
        if (datagram.fromOwnTransmitter)
            return QBrush(OwnTransmitterMarker::tint());
        return {};
    case OwnTransmitterRole:
        return datagram.fromOwnTransmitter;
    case PayloadRole:
        return datagram.payload;
    default:
        return {};
    }
}

QVariant DatagramTableModel::displayText(const ReceivedDatagram &datagram, int column) const
{
    switch (column) {
    case Time:
        return DatagramText::clockTime(datagram.arrivalUs);
    case Source:
        return datagram.source.toString();
    case SourcePort:
        // Text, not a number: the delegate would group digits ("5,001") by locale.
        return QString::number(datagram.sourcePort);
    case Destination:
        return destinationText(datagram);
    case Size:
        return QString::number(datagram.payload.size());
    case Ttl:
        return datagram.ttl >= 0 ? QString::number(datagram.ttl) : QStringLiteral("—");
    case Ours:
        return datagram.fromOwnTransmitter ? OwnTransmitterMarker::text() : QString();
    case AtuTime:
        return datagram.atuTimeUs ? DatagramText::clockTime(*datagram.atuTimeUs) : QString();
    case AtuOffset:
        if (const auto offset = DatagramText::atuOffsetMs(datagram))
            return QString::number(*offset, 'f', 1);
        return QString();
    case Payload:
        return PayloadFormatter::forDisplay(datagram.payload, displayedPayloadBytes);
    default:
        return {};
    }
}

QString DatagramTableModel::toolTip(const ReceivedDatagram &datagram, int column) const
{
    if (column == Payload) {
        const bool binary = PayloadFormatter::looksBinary(datagram.payload);
        const QString header = QStringLiteral("%1 bytes%2\n")
                                   .arg(datagram.payload.size())
                                   .arg(binary ? QStringLiteral(", shown as hex") : QString());
        const QString body =
            binary ? PayloadFormatter::hex(datagram.payload, toolTipPayloadBytes)
                   : PayloadFormatter::escapedText(datagram.payload, toolTipPayloadBytes);
        return PlainTextToolTip::fromPlainText(header + body);
    }
    if (column == Time)
        return DatagramText::isoTime(datagram.arrivalUs);
    if ((column == AtuTime || column == AtuOffset) && datagram.atuTimeUs)
        return tr("ATU time %1, read as this computer's local time (the message carries no "
                  "time zone)\nOffset: arrival − ATU time = %2 ms")
            .arg(DatagramText::isoTimeUs(*datagram.atuTimeUs))
            .arg(DatagramText::atuOffsetMs(datagram).value_or(0), 0, 'f', 3);
    if (datagram.fromOwnTransmitter)
        return tr("Sent by this window's transmitter");
    return {};
}

QVariant DatagramTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    return columnHeaderData(staticMetaObject.className(), columnHeaders[section], role);
}

void DatagramTableModel::appendBatch(const DatagramBatch &batch)
{
    if (batch.isEmpty())
        return;
    if (m_paused) {
        m_pending.append(batch);
        m_arrivedWhilePaused += batch.size();
        trimPending();
        return;
    }
    insertBatch(batch);
}

void DatagramTableModel::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (paused)
        return;
    const DatagramBatch pending = std::exchange(m_pending, {});
    m_arrivedWhilePaused = 0;
    insertBatch(pending);
}

// What waits beyond the ring's capacity would be evicted at once on resume: drop it now.
void DatagramTableModel::trimPending()
{
    const qsizetype excess = m_pending.size() - m_capacity;
    if (excess <= 0)
        return;
    m_pending.remove(0, excess);
    m_evicted += excess;
}

void DatagramTableModel::insertBatch(const DatagramBatch &batch)
{
    if (batch.isEmpty())
        return;
    // A batch bigger than the whole ring: only its newest rows could ever be seen.
    const int incoming = int(std::min<qsizetype>(batch.size(), m_capacity));
    const qsizetype skipped = batch.size() - incoming;
    evictOldest(m_count + incoming - m_capacity);
    m_evicted += skipped;

    beginInsertRows({}, m_count, m_count + incoming - 1);
    for (auto it = batch.cbegin() + skipped; it != batch.cend(); ++it) {
        const auto slot = std::size_t((m_head + m_count) % m_capacity);
        // Until the ring first fills, the next slot is always the end of the vector.
        if (slot < m_ring.size())
            m_ring[slot] = *it;
        else
            m_ring.push_back(*it);
        ++m_count;
    }
    endInsertRows();
}

void DatagramTableModel::evictOldest(int rows)
{
    if (rows <= 0)
        return;
    beginRemoveRows({}, 0, rows - 1);
    for (int i = 0; i < rows; ++i)
        m_ring[std::size_t((m_head + i) % m_capacity)].payload = {}; // free the memory now
    m_head = (m_head + rows) % m_capacity;
    m_count -= rows;
    m_evicted += rows;
    endRemoveRows();
}

void DatagramTableModel::clear()
{
    beginResetModel();
    m_ring.clear();
    m_head = 0;
    m_count = 0;
    m_evicted = 0;
    m_pending.clear();
    m_arrivedWhilePaused = 0;
    endResetModel();
}

void DatagramTableModel::setCapacity(int capacity)
{
    capacity = std::max(1, capacity);
    if (capacity == m_capacity)
        return;
    const int kept = std::min(m_count, capacity);
    std::vector<ReceivedDatagram> newest;
    newest.reserve(std::size_t(kept));
    for (int row = m_count - kept; row < m_count; ++row)
        newest.push_back(datagram(row));

    beginResetModel();
    m_evicted += m_count - kept;
    m_ring = std::move(newest);
    m_capacity = capacity;
    m_head = 0;
    m_count = kept;
    endResetModel();
    trimPending();
}
