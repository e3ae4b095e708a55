// Fuzzes PayloadFormatter and HexDump, the code that turns datagram bytes into text for
// the table, the tool tips, the detail pane and the console.
#include "FuzzCheck.h"
#include "output/HexDump.h"
#include "output/PayloadFormatter.h"

#include <QStringList>

#include <cstddef>
#include <cstdint>

namespace {

const QString marker = QString::fromUtf8(PayloadFormatter::truncationMarker);

// The bytes a call with maxBytes looks at.
qsizetype shownBytes(const QByteArray &bytes, int maxBytes)
{
    return maxBytes < 0 ? bytes.size() : std::min<qsizetype>(bytes.size(), maxBytes);
}

void checkEscapedText(const QByteArray &bytes, int maxBytes)
{
    const QString text = PayloadFormatter::escapedText(bytes, maxBytes);
    const qsizetype shown = shownBytes(bytes, maxBytes);
    FUZZ_CHECK(FuzzCheck::isInertText(text));
    const bool truncated = shown < bytes.size();
    FUZZ_CHECK(!truncated || text.endsWith(marker));
    // Nothing is lost: the escapes read back to exactly the bytes shown.
    const QStringView body = QStringView(text).left(text.size() - (truncated ? marker.size() : 0));
    FUZZ_CHECK(FuzzCheck::unescape(body) == bytes.left(shown));
}

void checkHex(const QByteArray &bytes, int maxBytes)
{
    const QString text = PayloadFormatter::hex(bytes, maxBytes);
    const qsizetype shown = shownBytes(bytes, maxBytes);
    const bool truncated = shown < bytes.size();
    FUZZ_CHECK(!truncated || text.endsWith(marker));
    const QString body = text.left(text.size() - (truncated ? marker.size() : 0));
    FUZZ_CHECK(body.size() == (shown == 0 ? 0 : 3 * shown - 1));
    for (const QChar c : body)
        FUZZ_CHECK(c == u' ' || FuzzCheck::hexValue(c) >= 0);
    FUZZ_CHECK(QByteArray::fromHex(body.toLatin1()) == bytes.left(shown));
}

void checkHexDump(const QByteArray &bytes, int bytesPerLine)
{
    const QString dump = HexDump::format(bytes, bytesPerLine);
    if (bytes.isEmpty()) {
        FUZZ_CHECK(dump.isEmpty());
        return;
    }
    const QStringList lines = dump.split(u'\n');
    FUZZ_CHECK(lines.size() == (bytes.size() + bytesPerLine - 1) / bytesPerLine);
    const qsizetype asciiStart = lines.first().indexOf(u'|');
    for (qsizetype line = 0; line < lines.size(); ++line) {
        const QString &text = lines[line];
        const QByteArray chunk = bytes.mid(line * bytesPerLine, bytesPerLine);
        for (const QChar c : text)
            FUZZ_CHECK(c.unicode() >= 0x20 && c.unicode() <= 0x7e);
        FUZZ_CHECK(text.left(8)
                   == QString::number(line * bytesPerLine, 16).rightJustified(8, u'0'));
        // The ASCII column starts at the same place on every line, the last one included.
        FUZZ_CHECK(text.indexOf(u'|') == asciiStart && text.endsWith(u'|'));
        FUZZ_CHECK(text.size() == asciiStart + chunk.size() + 2);
        FUZZ_CHECK(QByteArray::fromHex(text.mid(8, asciiStart - 8).toLatin1()) == chunk);
        for (qsizetype i = 0; i < chunk.size(); ++i) {
            const auto byte = static_cast<unsigned char>(chunk[i]);
            const char16_t expected = (byte >= 0x20 && byte <= 0x7e) ? byte : u'.';
            FUZZ_CHECK(text[asciiStart + 1 + i] == QChar(expected));
        }
    }
}

bool isPrintableAscii(const QByteArray &bytes)
{
    return std::all_of(bytes.cbegin(), bytes.cend(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    // The last byte picks a limit from "unlimited" to the whole input, so that truncation
    // lands everywhere, in the middle of UTF-8 sequences and escapes included.
    const int maxBytes =
        size == 0 ? PayloadFormatter::unlimited : int(data[size - 1] % (size + 2)) - 1;
    const int bytesPerLine = size == 0 ? HexDump::defaultBytesPerLine : 1 + data[0] % 40;

    checkEscapedText(bytes, PayloadFormatter::unlimited);
    checkEscapedText(bytes, maxBytes);
    checkHex(bytes, PayloadFormatter::unlimited);
    checkHex(bytes, maxBytes);
    checkHexDump(bytes, bytesPerLine);
    checkHexDump(bytes, HexDump::defaultBytesPerLine);

    const bool binary = PayloadFormatter::looksBinary(bytes);
    FUZZ_CHECK(!binary || !bytes.isEmpty());
    const QString shown = PayloadFormatter::forDisplay(bytes, maxBytes);
    FUZZ_CHECK(shown
               == (binary ? PayloadFormatter::hex(bytes, maxBytes)
                          : PayloadFormatter::escapedText(bytes, maxBytes)));
    FUZZ_CHECK(FuzzCheck::isInertText(shown));

    // Printable ASCII reads as itself, with only the escape character doubled.
    if (isPrintableAscii(bytes)) {
        FUZZ_CHECK(!binary);
        QString expected = QString::fromLatin1(bytes);
        expected.replace(u'\\', QStringLiteral("\\\\"));
        FUZZ_CHECK(PayloadFormatter::escapedText(bytes) == expected);
        if (!bytes.contains('\\'))
            FUZZ_CHECK(PayloadFormatter::escapedText(bytes) == QString::fromLatin1(bytes));
    }
    return 0;
}
