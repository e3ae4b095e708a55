#include "capture/PcapFile.h"

#include "capture/CapturePacket.h"

#include <QtEndian>

namespace {

// The classic pcap format: a 24-byte file header, then per record a 16-byte header and the
// packet. The magic number tells readers both the byte order and microsecond timestamps.
constexpr quint32 microsecondMagic = 0xa1b2c3d4;
constexpr quint16 versionMajor = 2;
constexpr quint16 versionMinor = 4;
constexpr quint32 linkTypeRaw = 101; // LINKTYPE_RAW: a record starts at its IPv4 or IPv6 header
constexpr qsizetype recordHeaderBytes = 16;

// Every field is little-endian, whatever the host: libpcap writes the host's order, which is
// little-endian on every machine this is built for, so the files stay what they were; a
// fixed order makes them the same everywhere.
template<typename T> void appendLittleEndian(QByteArray &bytes, T value)
{
    const qsizetype at = bytes.size();
    bytes.resize(at + qsizetype(sizeof(T)));
    qToLittleEndian(value, bytes.data() + at);
}

} // namespace

PcapFile::PcapFile()
{
    // Room for a full buffer: write() hands it over before a record would overflow it.
    m_buffer.reserve(bufferBytes);
}

PcapFile::~PcapFile()
{
    close();
}

bool PcapFile::open(const QString &path)
{
    close();
    m_buffer.resize(0);
    m_error.clear();
    m_failed = false;
    m_records = 0;
    m_file.setFileName(path);
    // Unbuffered: the buffer is ours, and QFile's would copy every byte once more. QFile
    // takes any file name on Windows, where the C runtime's fopen() takes the code page's.
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)) {
        fail(m_file.errorString());
        return false;
    }
    appendFileHeader();
    return true;
}

void PcapFile::write(const ReceivedDatagram &datagram)
{
    if (!isOpen() || m_failed)
        return;
    CapturePacket::build(datagram, m_packet);
    const qsizetype recordBytes = recordHeaderBytes + m_packet.size();
    if (m_buffer.size() + recordBytes > bufferBytes && !writeBuffer())
        return;
    appendRecordHeader(datagram.arrivalUs, quint32(m_packet.size()));
    m_buffer.append(m_packet);
    ++m_records;
}

bool PcapFile::flush()
{
    if (!isOpen() || m_failed)
        return false;
    return writeBuffer();
}

bool PcapFile::close()
{
    const bool flushed = flush();
    if (!isOpen())
        return flushed;
    m_file.close();
    // Closing can report what writing did not (a network file system, say).
    if (flushed && m_file.error() != QFileDevice::NoError) {
        fail(m_file.errorString());
        return false;
    }
    return flushed;
}

void PcapFile::appendFileHeader()
{
    appendLittleEndian(m_buffer, microsecondMagic);
    appendLittleEndian(m_buffer, versionMajor);
    appendLittleEndian(m_buffer, versionMinor);
    appendLittleEndian(m_buffer, qint32(0));  // this zone: timestamps are UTC
    appendLittleEndian(m_buffer, quint32(0)); // significant figures: 0, as every writer has it
    appendLittleEndian(m_buffer, quint32(snapLength));
    appendLittleEndian(m_buffer, linkTypeRaw);
}

void PcapFile::appendRecordHeader(qint64 arrivalUs, quint32 length)
{
    // Floor division: a time before the epoch still gets microseconds in 0..999999.
    qint64 seconds = arrivalUs / 1'000'000;
    qint64 micros = arrivalUs % 1'000'000;
    if (micros < 0) {
        micros += 1'000'000;
        --seconds;
    }
    // 32 bits of seconds, as in every classic pcap file (libpcap keeps the low 32 bits too).
    appendLittleEndian(m_buffer, quint32(seconds));
    appendLittleEndian(m_buffer, quint32(micros));
    appendLittleEndian(m_buffer, length); // captured: the whole packet
    appendLittleEndian(m_buffer, length); // original
}

// Hands the buffer to the operating system. QFile returns a short count when the disk
// took part of it, and -1 with the reason on the next try.
bool PcapFile::writeBuffer()
{
    qsizetype written = 0;
    while (written < m_buffer.size()) {
        const qint64 result =
            m_file.write(m_buffer.constData() + written, m_buffer.size() - written);
        if (result <= 0) {
            fail(m_file.errorString());
            return false;
        }
        written += qsizetype(result);
    }
    m_buffer.resize(0); // keeps the capacity, unlike clear()
    return true;
}

void PcapFile::fail(const QString &reason)
{
    if (m_failed)
        return;
    m_failed = true;
    m_error = reason;
}
