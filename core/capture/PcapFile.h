#pragma once

#include "net/ReceivedDatagram.h"

#include <QByteArray>
#include <QString>

struct pcap;
struct pcap_dumper;

// A capture file in the classic pcap format, written through libpcap's dump API: link type
// LINKTYPE_RAW (each record is an IPv4 or IPv6 packet, no link-layer header: the socket
// never saw one, and a made-up Ethernet header would show invented addresses), microsecond
// timestamps (the kernel's arrival time), records whole. Each datagram is written as the
// packet it arrived in (CapturePacket). Used from one thread at a time; writes are buffered
// until flush() or close().
class PcapFile final
{
    Q_DISABLE_COPY_MOVE(PcapFile)

public:
    // The largest record; libpcap's own ceiling, above any IPv4 or IPv6 UDP packet.
    static constexpr int snapLength = 262144;

    PcapFile() = default;
    ~PcapFile(); // closes without a word; call close() to learn whether it worked

    // Creates or truncates path and writes the file header. False with errorString() set
    // to the reason ("No such file or directory").
    bool open(const QString &path);
    bool isOpen() const { return m_dumper != nullptr; }
    // Appends a record. A write error is kept: hasFailed(), errorString().
    void write(const ReceivedDatagram &datagram);
    // Hands what is buffered to the operating system. False after any write error.
    bool flush();
    // Flushes and closes. False when anything written since open() was lost.
    bool close();

    bool hasFailed() const { return m_failed; }
    QString errorString() const { return m_error; }
    qint64 recordCount() const { return m_records; }

    // Whether this build can write pcap files and the library is there to do it: on
    // Windows the program runs without Npcap, and only capturing needs it. False with the
    // reason otherwise.
    static bool isAvailable(QString *reason = nullptr);

private:
    void fail(const QString &reason);
    void release();

    pcap *m_pcap = nullptr;
    pcap_dumper *m_dumper = nullptr;
    QString m_path;
    QString m_error;
    QByteArray m_packet; // reused for every record
    qint64 m_records = 0;
    bool m_failed = false;
};
