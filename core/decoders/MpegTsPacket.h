#pragma once

#include <QtGlobal>

// The fields of one 188-byte MPEG-TS packet (ISO/IEC 13818-1, 2.4.3.2) that continuity
// checking needs. Callers pass a pointer to a whole packet.
namespace MpegTsPacket {

inline constexpr int size = 188;
inline constexpr uchar syncByte = 0x47;
inline constexpr int nullPid = 0x1FFF;

inline bool hasSync(const uchar *packet) { return packet[0] == syncByte; }
inline bool hasTransportError(const uchar *packet) { return (packet[1] & 0x80) != 0; }
inline int pid(const uchar *packet) { return ((packet[1] & 0x1F) << 8) | packet[2]; }
// adaptation_field_control: 01 payload only, 10 adaptation field only, 11 both, 00 reserved.
inline int adaptationFieldControl(const uchar *packet) { return (packet[3] >> 4) & 0x3; }
inline bool hasPayload(const uchar *packet) { return (adaptationFieldControl(packet) & 0x1) != 0; }
inline int continuityCounter(const uchar *packet) { return packet[3] & 0x0F; }
// The adaptation field's discontinuity_indicator: the counter may jump here.
inline bool hasDiscontinuity(const uchar *packet)
{
    return (adaptationFieldControl(packet) & 0x2) != 0 && packet[4] > 0 && (packet[5] & 0x80) != 0;
}

// Whole packets only, each starting with the sync byte: how many, or 0.
inline int countAligned(const uchar *bytes, qsizetype length)
{
    if (length < size || length % size != 0)
        return 0;
    for (qsizetype offset = 0; offset < length; offset += size) {
        if (bytes[offset] != syncByte)
            return 0;
    }
    return int(length / size);
}

} // namespace MpegTsPacket
