#include "capture/PcapFile.h"

#include "capture/CapturePacket.h"

#include <QFile>

#include <cerrno>
#include <cstdio>
#include <cstring>

#ifdef MCAST_MONITOR_HAS_PCAP
#include <pcap/pcap.h>
#endif

#ifdef Q_OS_WIN
#include <string>

#include <windows.h>
#endif

namespace {

#ifdef MCAST_MONITOR_HAS_PCAP
// Why the last write to the file failed. On Windows the file belongs to the library's C
// runtime, whose errno is not ours to read.
QString writeError()
{
#ifdef Q_OS_WIN
    return QStringLiteral("the file could not be written (disk full or not writable)");
#else
    return QString::fromLocal8Bit(std::strerror(errno ? errno : EIO));
#endif
}
#endif

#if defined(Q_OS_WIN) && defined(MCAST_MONITOR_HAS_PCAP)
// wpcap.dll is delay-loaded (see core/CMakeLists.txt): the program starts without Npcap,
// and this loads it, from Npcap's folder, before the first call into it.
bool loadNpcap()
{
    static const bool loaded = [] {
        wchar_t system[MAX_PATH];
        const UINT length = GetSystemDirectoryW(system, MAX_PATH);
        if (length > 0 && length < MAX_PATH) {
            const std::wstring npcap = std::wstring(system, length) + L"\\Npcap\\wpcap.dll";
            if (LoadLibraryExW(npcap.c_str(), nullptr, LOAD_WITH_ALTERED_SEARCH_PATH))
                return true;
        }
        return LoadLibraryW(L"wpcap.dll") != nullptr; // WinPcap's place, System32
    }();
    return loaded;
}
#endif

} // namespace

bool PcapFile::isAvailable(QString *reason)
{
#ifndef MCAST_MONITOR_HAS_PCAP
    if (reason)
        *reason = QStringLiteral("this build has no pcap support (it was built without libpcap)");
    return false;
#elif defined(Q_OS_WIN)
    if (loadNpcap())
        return true;
    if (reason)
        *reason = QStringLiteral("writing pcap files needs Npcap (npcap.com) installed");
    return false;
#else
    Q_UNUSED(reason)
    return true;
#endif
}

PcapFile::~PcapFile()
{
    release();
}

bool PcapFile::open(const QString &path)
{
    release();
    m_path = path;
    m_error.clear();
    m_failed = false;
    m_records = 0;
    if (QString reason; !isAvailable(&reason)) {
        fail(reason);
        return false;
    }
#ifdef MCAST_MONITOR_HAS_PCAP
#ifdef Q_OS_WIN
    // Paths are UTF-8 from here on, so any file name works (libpcap 1.10, Npcap 1.x).
    static const bool utf8 = [] {
        char error[PCAP_ERRBUF_SIZE];
        return pcap_init(PCAP_CHAR_ENC_UTF_8, error) == 0;
    }();
    const QByteArray name = utf8 ? path.toUtf8() : path.toLocal8Bit();
#else
    const QByteArray name = QFile::encodeName(path);
#endif
    m_pcap = pcap_open_dead_with_tstamp_precision(DLT_RAW, snapLength, PCAP_TSTAMP_PRECISION_MICRO);
    if (!m_pcap) {
        fail(QStringLiteral("libpcap could not start a capture"));
        return false;
    }
#ifdef Q_OS_WIN
    // The library's C runtime may differ from ours: it opens the file itself.
    m_dumper = pcap_dump_open(m_pcap, name.constData());
    if (!m_dumper) {
        fail(QString::fromLocal8Bit(pcap_geterr(m_pcap)));
        release();
        return false;
    }
#else
    errno = 0;
    FILE *file = std::fopen(name.constData(), "wb");
    if (!file) {
        fail(writeError());
        release();
        return false;
    }
    // A large buffer: under a flood, one write() per 256 KiB rather than per 4 KiB.
    std::setvbuf(file, nullptr, _IOFBF, 256 * 1024);
    m_dumper = pcap_dump_fopen(m_pcap, file);
    if (!m_dumper) {
        // libpcap has closed the file when writing the header failed, not otherwise (an
        // unknown link type, which DLT_RAW is not): leaving it is the safe side.
        fail(QString::fromLocal8Bit(pcap_geterr(m_pcap)));
        release();
        return false;
    }
#endif
    return true;
#else
    return false;
#endif
}

void PcapFile::write(const ReceivedDatagram &datagram)
{
#ifdef MCAST_MONITOR_HAS_PCAP
    if (!m_dumper || m_failed)
        return;
    CapturePacket::build(datagram, m_packet);
    pcap_pkthdr header{};
    // Floor division: a time before the epoch still gets microseconds in 0..999999.
    qint64 seconds = datagram.arrivalUs / 1'000'000;
    qint64 micros = datagram.arrivalUs % 1'000'000;
    if (micros < 0) {
        micros += 1'000'000;
        --seconds;
    }
    header.ts.tv_sec = decltype(header.ts.tv_sec)(seconds);
    header.ts.tv_usec = decltype(header.ts.tv_usec)(micros);
    header.caplen = bpf_u_int32(m_packet.size());
    header.len = bpf_u_int32(m_packet.size());
    errno = 0;
    pcap_dump(reinterpret_cast<u_char *>(m_dumper), &header,
              reinterpret_cast<const u_char *>(m_packet.constData()));
#ifndef Q_OS_WIN
    // pcap_dump() returns nothing: the stream's error flag says whether fwrite() failed.
    // (On Windows the stream is the library's; the next flush tells.)
    if (std::ferror(pcap_dump_file(m_dumper))) {
        fail(writeError());
        return;
    }
#endif
    ++m_records;
#else
    Q_UNUSED(datagram)
#endif
}

bool PcapFile::flush()
{
#ifdef MCAST_MONITOR_HAS_PCAP
    if (!m_dumper || m_failed)
        return false;
    errno = 0;
    if (pcap_dump_flush(m_dumper) != 0) {
        fail(writeError());
        return false;
    }
    return true;
#else
    return false;
#endif
}

bool PcapFile::close()
{
    const bool flushed = flush();
    release();
    return flushed;
}

void PcapFile::fail(const QString &reason)
{
    if (m_failed)
        return;
    m_failed = true;
    m_error = reason;
}

void PcapFile::release()
{
#ifdef MCAST_MONITOR_HAS_PCAP
    if (m_dumper)
        pcap_dump_close(m_dumper);
    if (m_pcap)
        pcap_close(m_pcap);
#endif
    m_dumper = nullptr;
    m_pcap = nullptr;
}
