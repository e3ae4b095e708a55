#pragma once

#include <QByteArray>
#include <QFile>
#include <QHostAddress>
#include <QList>
#include <QtEndian>

#include <optional>

// A reader of classic pcap files written for the tests, apart from libpcap, so that what
// the program writes is checked by code that does not share its assumptions: the file
// header, each record's header and bytes, and the IPv4 or IPv6 and UDP headers inside.
namespace PcapReader {

struct FileHeader
{
    quint32 magic = 0;
    quint16 versionMajor = 0;
    quint16 versionMinor = 0;
    qint32 thisZone = 0;
    quint32 sigFigs = 0;
    quint32 snapLength = 0;
    quint32 linkType = 0;
};

struct Record
{
    quint32 seconds = 0;
    quint32 micros = 0;
    quint32 capturedLength = 0;
    quint32 originalLength = 0;
    QByteArray packet;
};

struct Capture
{
    FileHeader header;
    QList<Record> records;
    bool whole = false; // every byte accounted for, no record cut short
};

// Little-endian, microsecond files only: what the program writes on the machines it runs on.
inline Capture parse(const QByteArray &bytes)
{
    Capture capture;
    if (bytes.size() < 24)
        return capture;
    const auto *data = reinterpret_cast<const uchar *>(bytes.constData());
    capture.header = {qFromLittleEndian<quint32>(data), qFromLittleEndian<quint16>(data + 4),
                      qFromLittleEndian<quint16>(data + 6), qFromLittleEndian<qint32>(data + 8),
                      qFromLittleEndian<quint32>(data + 12), qFromLittleEndian<quint32>(data + 16),
                      qFromLittleEndian<quint32>(data + 20)};
    qsizetype at = 24;
    while (at + 16 <= bytes.size()) {
        Record record;
        record.seconds = qFromLittleEndian<quint32>(data + at);
        record.micros = qFromLittleEndian<quint32>(data + at + 4);
        record.capturedLength = qFromLittleEndian<quint32>(data + at + 8);
        record.originalLength = qFromLittleEndian<quint32>(data + at + 12);
        at += 16;
        if (qint64(record.capturedLength) > bytes.size() - at)
            return capture;
        record.packet = bytes.mid(at, record.capturedLength);
        at += record.capturedLength;
        capture.records.append(record);
    }
    capture.whole = at == bytes.size();
    return capture;
}

inline Capture read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return parse(file.readAll());
}

// The UDP datagram inside a packet of LINKTYPE_RAW.
struct Udp
{
    QHostAddress source;
    QHostAddress destination;
    int hops = -1;
    quint16 sourcePort = 0;
    quint16 destinationPort = 0;
    quint16 udpLength = 0;
    QByteArray payload;
};

inline std::optional<Udp> udpOf(const QByteArray &packet)
{
    const auto *data = reinterpret_cast<const uchar *>(packet.constData());
    Udp udp;
    qsizetype header = 0;
    if (packet.size() >= 28 && (data[0] >> 4) == 4 && data[9] == 17) {
        header = (data[0] & 0x0f) * 4;
        udp.source = QHostAddress(qFromBigEndian<quint32>(data + 12));
        udp.destination = QHostAddress(qFromBigEndian<quint32>(data + 16));
        udp.hops = data[8];
    } else if (packet.size() >= 48 && (data[0] >> 4) == 6 && data[6] == 17) {
        header = 40;
        udp.source = QHostAddress(data + 8);
        udp.destination = QHostAddress(data + 24);
        udp.hops = data[7];
    } else {
        return std::nullopt;
    }
    udp.sourcePort = qFromBigEndian<quint16>(data + header);
    udp.destinationPort = qFromBigEndian<quint16>(data + header + 2);
    udp.udpLength = qFromBigEndian<quint16>(data + header + 4);
    udp.payload = packet.mid(header + 8);
    return udp;
}

} // namespace PcapReader
