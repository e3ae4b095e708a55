#pragma once

#include "net/ReceivedDatagram.h"

#include <QByteArray>
#include <QFile>
#include <QString>

// A capture file in the classic pcap format, written by this class on every platform (no
// libpcap or Npcap needed): link type LINKTYPE_RAW (each record is an IPv4 or IPv6 packet,
// no link-layer header: the socket never saw one, and a made-up Ethernet header would show
// invented addresses), microsecond timestamps (the kernel's arrival time), records whole.
// Each datagram is written as the packet it arrived in (CapturePacket). Used from one
// thread at a time; writes are buffered until the buffer fills, flush() or close().
class PcapFile final
{
    Q_DISABLE_COPY_MOVE(PcapFile)

public:
    // The largest record, as libpcap and Wireshark have it; above any IPv4 or IPv6 UDP packet.
    static constexpr int snapLength = 262144;
    // Under a flood, one write to the operating system per this many bytes.
    static constexpr qsizetype bufferBytes = 256 * 1024;

    PcapFile();
    // Writes out what is buffered and closes without a word: call close() to learn whether
    // it worked.
    ~PcapFile();

    // Creates or truncates path and buffers the file header. False with errorString() set
    // to the reason ("No such file or directory").
    bool open(const QString &path);
    bool isOpen() const { return m_file.isOpen(); }
    // Appends a record. A write error is kept: hasFailed(), errorString().
    void write(const ReceivedDatagram &datagram);
    // Hands what is buffered to the operating system. False after any write error.
    bool flush();
    // Flushes and closes. False when anything written since open() was lost.
    bool close();

    bool hasFailed() const { return m_failed; }
    QString errorString() const { return m_error; }
    qint64 recordCount() const { return m_records; }

private:
    void appendFileHeader();
    void appendRecordHeader(qint64 arrivalUs, quint32 length);
    bool writeBuffer();
    void fail(const QString &reason);

    QFile m_file;
    QByteArray m_buffer;
    QByteArray m_packet; // reused for every record
    QString m_error;
    qint64 m_records = 0;
    bool m_failed = false;
};
