#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include "decoders/StreamFields.h"

#include <optional>

// What a payload is, as far as the receive path cares: its format, the stream it belongs
// to within its sender, and fields a format may carry. Decoders run on the receive thread
// for every datagram, so each is cheap and never allocates for a payload it does not take.
enum class PayloadFormat : quint8 { Raw, Atu, Rtp, MpegTs, RtpMpegTs, Iperf2, Mcjoin };

// "raw", "atu", "rtp", "mpegts", "rtp-mpegts", "iperf2", "mcjoin": the names --format,
// the JSON and the window use.
QString payloadFormatName(PayloadFormat format);
// The format a name stands for (the names above; "rtp-mpegts" is also reached by "rtp"
// when the RTP payload is MPEG-TS), or nothing for an unknown name.
std::optional<PayloadFormat> payloadFormatFromName(const QString &name);

// A format chosen for a subscription or for the whole run; nothing: detect it per flow.
using FormatChoice = std::optional<PayloadFormat>;
QString formatChoiceName(FormatChoice choice); // "auto" or the format's name
// "auto" or a format's name into choice; false (choice untouched) for anything else.
bool parseFormatChoice(const QString &name, FormatChoice *choice);
// "auto" and then every format's name, in the enum's order: what a chooser offers.
QStringList formatChoiceNames();

struct DecodedPayload
{
    PayloadFormat format = PayloadFormat::Raw;
    // Tells two streams of one sender apart (an RTP SSRC, an ATU prefix); 0 for raw.
    quint64 streamId = 0;
    std::optional<qint64> sendTimeUs; // when the payload says it was sent (ATU time)
    StreamFields stream{};
};

class PayloadDecoder
{
public:
    virtual ~PayloadDecoder() = default;
    // The payload's fields, or nothing when it is not in this decoder's format.
    virtual std::optional<DecodedPayload> decode(const QByteArray &payload) const = 0;
};
