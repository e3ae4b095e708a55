#include "DatagramTableModel.h"

#include "DatagramText.h"
#include "OwnTransmitterMarker.h"
#include "PayloadFormatter.h"
#include "PlainTextToolTip.h"

#include <QBrush>

#include <algorithm>

namespace {

QString destinationText(const ReceivedDatagram &datagram)
{
    return QStringLiteral("%1:%2")
        .arg(DatagramText::ipv4(datagram.destination))
        .arg(datagram.destinationPort);
}

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
        switch (index.column()) {
        case SourcePort:
        case Size:
        case Ttl:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        case Ours:
            return int(Qt::AlignCenter);
        default:
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        }
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
        return DatagramText::ipv4(datagram.source);
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
    if (datagram.fromOwnTransmitter)
        return tr("Sent by this window's transmitter");
    return {};
}

QVariant DatagramTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Time:
            return tr("Time");
        case Source:
            return tr("Source");
        case SourcePort:
            return tr("Src port");
        case Destination:
            return tr("Destination");
        case Size:
            return tr("Size");
        case Ttl:
            return tr("TTL");
        case Ours:
            return tr("Ours");
        case Payload:
            return tr("Payload");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Time:
            return tr("Local time the datagram arrived");
        case Source:
            return tr("Sender's IPv4 address");
        case SourcePort:
            return tr("Sender's UDP port");
        case Destination:
            return tr("Multicast group and port it was sent to");
        case Size:
            return tr("UDP payload size in bytes");
        case Ttl:
            return tr("IP time-to-live on arrival (— when the system did not report it)");
        case Ours:
            return tr("Sent by this window's own transmitter");
        case Payload:
            return tr(
                "Payload as escaped text, or hex when it looks binary; hover a cell for more");
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole) {
        if (section == SourcePort || section == Size || section == Ttl)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    }
    return {};
}

void DatagramTableModel::appendBatch(const DatagramBatch &batch)
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
}
