#include "SenderTableModel.h"

#include "DatagramText.h"
#include "OwnTransmitterMarker.h"
#include "Units.h"

#include <QBrush>
#include <QStringList>

namespace {

constexpr qint64 shortWindowMs = 1000;
constexpr qint64 longWindowMs = 10000;

QString portsText(const TrafficStatistics::Sender &sender)
{
    QStringList ports;
    ports.reserve(sender.ports.size() + 1);
    for (const quint16 port : sender.ports)
        ports.append(QString::number(port));
    if (sender.morePorts)
        ports.append(QStringLiteral("…"));
    return ports.join(QLatin1String(", "));
}

bool isNumeric(int column)
{
    return column >= SenderTableModel::Packets && column <= SenderTableModel::ByteRate10s;
}

} // namespace

SenderTableModel::SenderTableModel(TrafficStatistics &statistics, QObject *parent)
    : QAbstractTableModel(parent)
    , m_statistics(statistics)
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
    switch (role) {
    case Qt::DisplayRole:
        return displayText(sender, index.column());
    case Qt::ToolTipRole:
        return toolTip(sender, index.column());
    case Qt::TextAlignmentRole:
        if (isNumeric(index.column()))
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (index.column() == Ours)
            return int(Qt::AlignCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::BackgroundRole:
        if (sender.fromOwnTransmitter)
            return QBrush(OwnTransmitterMarker::tint());
        return {};
    case OwnTransmitterRole:
        return sender.fromOwnTransmitter;
    default:
        return {};
    }
}

QVariant SenderTableModel::displayText(const TrafficStatistics::Sender &sender, int column) const
{
    switch (column) {
    case Source:
        if (sender.address == TrafficStatistics::otherSendersAddress)
            return tr("other senders");
        return DatagramText::ipv4(sender.address);
    case Ports:
        return portsText(sender);
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
        return {};
    }
}

QString SenderTableModel::toolTip(const TrafficStatistics::Sender &sender, int column) const
{
    switch (column) {
    case Source:
        if (sender.address == TrafficStatistics::otherSendersAddress)
            return tr(
                "Senders beyond the number of addresses tracked one by one, counted together");
        break;
    case Ports:
        if (sender.morePorts)
            return tr("%1, and more: only the first %2 source ports are kept")
                .arg(portsText(sender))
                .arg(TrafficStatistics::maxPortsPerSender);
        return portsText(sender);
    case Bytes:
        return tr("%1 bytes").arg(sender.bytes);
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
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Source:
            return tr("Source");
        case Ports:
            return tr("Ports");
        case Packets:
            return tr("Packets");
        case Bytes:
            return tr("Bytes");
        case PacketRate1s:
            return tr("pkt/s (1 s)");
        case ByteRate1s:
            return tr("B/s (1 s)");
        case PacketRate10s:
            return tr("pkt/s (10 s)");
        case ByteRate10s:
            return tr("B/s (10 s)");
        case FirstSeen:
            return tr("First seen");
        case LastSeen:
            return tr("Last seen");
        case Ours:
            return tr("Ours");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Source:
            return tr("Sender's IPv4 address");
        case Ports:
            return tr("Source ports seen from this sender");
        case Packets:
            return tr("Datagrams received from this sender");
        case Bytes:
            return tr("Payload bytes received from this sender");
        case PacketRate1s:
            return tr("Datagrams per second over the last second");
        case ByteRate1s:
            return tr("Payload bytes per second over the last second");
        case PacketRate10s:
            return tr("Datagrams per second over the last 10 seconds");
        case ByteRate10s:
            return tr("Payload bytes per second over the last 10 seconds");
        case FirstSeen:
            return tr("Local time of the first datagram");
        case LastSeen:
            return tr("Local time of the latest datagram");
        case Ours:
            return tr("Includes datagrams sent by this window's own transmitter");
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return int(isNumeric(section) ? Qt::AlignRight | Qt::AlignVCenter
                                      : Qt::AlignLeft | Qt::AlignVCenter);
    return {};
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

void SenderTableModel::clear()
{
    beginResetModel();
    m_statistics.clear();
    m_rows = 0;
    endResetModel();
}
