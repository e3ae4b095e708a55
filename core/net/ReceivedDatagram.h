#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QtGlobal>

#include "decoders/PayloadDecoder.h"
#include "net/IpAddress.h"

#include <optional>

// One datagram as the receiver saw it. Addresses are plain values (IpAddress): cheap to
// copy, hash and compare when a flood arrives.
struct ReceivedDatagram
{
    qint64 arrivalUs = 0; // wall clock, microseconds since the Unix epoch (the kernel's, where it tells)
    IpAddress source;
    quint16 sourcePort = 0;
    IpAddress destination; // the group
    quint16 destinationPort = 0;
    int subscription = -1;     // index in the receiver's subscriptions (ListeningStatus), -1 unknown
    int ttl = -1;              // -1 when the platform did not report it
    uint interfaceIndex = 0;   // 0 when the platform did not report it
    bool fromOwnTransmitter = false;
    PayloadFormat format = PayloadFormat::Raw; // from the decoder, on the receive thread
    quint64 streamId = 0;                      // the decoder's stream identity
    std::optional<qint64> atuTimeUs; // the decoded ATU timestamp, read as local time
    StreamFields stream{};           // sequence number, timing, MPEG-TS packets
    QByteArray payload;
};

using DatagramBatch = QList<ReceivedDatagram>;

Q_DECLARE_METATYPE(ReceivedDatagram)
Q_DECLARE_METATYPE(DatagramBatch)
