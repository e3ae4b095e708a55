#include "output/HexDump.h"

#include <algorithm>

namespace HexDump {

namespace {

constexpr int groupSize = 8;
const char hexDigits[] = "0123456789abcdef";

QChar printable(unsigned char byte)
{
    return byte >= 0x20 && byte <= 0x7e ? QChar(QLatin1Char(char(byte))) : QChar(u'.');
}

} // namespace

QString format(const QByteArray &bytes, int bytesPerLine, int offsetDigits)
{
    if (bytes.isEmpty())
        return {};
    if (bytesPerLine <= 0)
        bytesPerLine = defaultBytesPerLine;
    offsetDigits = std::clamp(offsetDigits, 1, 16);

    const qsizetype groups = (bytesPerLine + groupSize - 1) / groupSize;
    // offset, two spaces, "xx " per byte, one more space per group, then "|ascii|".
    const qsizetype hexWidth = offsetDigits + 2 + 3 * qsizetype(bytesPerLine) + groups;
    const qsizetype lines = (bytes.size() + bytesPerLine - 1) / bytesPerLine;
    const qsizetype length = lines * (hexWidth + 2 + bytesPerLine + 1) - 1
                             - (lines * bytesPerLine - bytes.size());

    // Written through a pointer into a string sized once: a full 64 kB datagram is ~4,000
    // lines and this keeps it a single allocation.
    QString text(length, Qt::Uninitialized);
    QChar *out = text.data();
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.constData());
    for (qsizetype start = 0; start < bytes.size(); start += bytesPerLine) {
        const qsizetype count = std::min<qsizetype>(bytesPerLine, bytes.size() - start);
        for (int shift = (offsetDigits - 1) * 4; shift >= 0; shift -= 4)
            *out++ = QLatin1Char(hexDigits[(quint64(start) >> shift) & 0xf]);
        *out++ = u' ';
        *out++ = u' ';
        for (qsizetype i = 0; i < bytesPerLine; ++i) {
            if (i < count) {
                *out++ = QLatin1Char(hexDigits[data[start + i] >> 4]);
                *out++ = QLatin1Char(hexDigits[data[start + i] & 0xf]);
            } else {
                *out++ = u' ';
                *out++ = u' ';
            }
            *out++ = u' ';
            if ((i + 1) % groupSize == 0 || i + 1 == bytesPerLine)
                *out++ = u' ';
        }
        *out++ = u'|';
        for (qsizetype i = 0; i < count; ++i)
            *out++ = printable(data[start + i]);
        *out++ = u'|';
        if (start + count < bytes.size())
            *out++ = u'\n';
    }
    Q_ASSERT(out == text.data() + text.size());
    return text;
}

} // namespace HexDump
