#pragma once

#include <QByteArray>
#include <QString>

// The classic `hexdump -C` layout, one line per bytesPerLine bytes:
//   00000000  41 54 55 20 32 30 32 32  2d 30 32 2d 31 33 20 30  |ATU 2022-02-13 0|
// Hex in groups of eight, printable ASCII (0x20–0x7e) on the right and '.' for anything
// else, so the text is safe to show in any widget. The last line is padded so that its
// ASCII column starts where the others do. Lines are joined by '\n', with none at the end.
// offsetDigits narrows the offset where the bytes are known to be few (a UDP payload's
// offsets all fit in four).
namespace HexDump {

inline constexpr int defaultBytesPerLine = 16;
inline constexpr int defaultOffsetDigits = 8;

QString format(const QByteArray &bytes, int bytesPerLine = defaultBytesPerLine,
               int offsetDigits = defaultOffsetDigits);

} // namespace HexDump
