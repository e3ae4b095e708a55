#pragma once

#include <QtGlobal>

// The CRC-32 of MPEG-2 sections (ISO/IEC 13818-1 annex A): polynomial 0x04C11DB7, initial
// value 0xFFFFFFFF, no reflection and no final XOR. A section followed by its CRC sums to 0.
namespace MpegCrc32 {

quint32 compute(const char *data, qsizetype size);

} // namespace MpegCrc32
