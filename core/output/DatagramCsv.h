#pragma once

#include "net/ReceivedDatagram.h"

#include <QByteArray>
#include <QString>

#include <limits>

// Datagrams as CSV rows (CsvFormat), one per datagram, with the keys of the --json datagram
// lines as column names: time (local, to the microsecond, with the zone's offset), source,
// source_port, group, port, size, ttl (empty where not reported), ours, atu_time,
// atu_offset_ms (empty for datagrams that are not ATU messages), payload (escaped text, whole)
// and payload_hex (the exact bytes). One object per export: it remembers the local-time
// text of the last second, which most rows of a capture share.
class DatagramCsv final
{
public:
    static QByteArray header();
    QByteArray row(const ReceivedDatagram &datagram);

private:
    QString isoTimeUs(qint64 timeUs);

    qint64 m_second = std::numeric_limits<qint64>::min();
    QString m_secondText;
    qsizetype m_fractionAt = 0;
};
