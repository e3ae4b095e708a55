// Fuzzes PayloadFormatter and HexDump, the code that turns datagram bytes into text for
// the table, the tool tips, the detail pane and the console.
#include "FuzzCheck.h"
#include "output/HexDump.h"
#include "output/PayloadFormatter.h"

#include <QStringList>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>

namespace {

const QString marker = QString::fromUtf8(PayloadFormatter::truncationMarker);

// The bytes a call with maxBytes looks at.
qsizetype shownBytes(const QByteArray &bytes, int maxBytes)
{
    return maxBytes < 0 ? bytes.size() : std::min<qsizetype>(bytes.size(), maxBytes);
}

// How the escapes spell a byte or a code point.
QString byteEscape(unsigned char byte)
{
    char text[8];
    std::snprintf(text, sizeof text, "\\x%02x", byte);
    return QString::fromLatin1(text);
}

QString codePointEscape(char32_t codePoint)
{
    char text[16];
    std::snprintf(text, sizeof text, "\\u{%04x}", unsigned(codePoint));
    return QString::fromLatin1(text);
}

// The code point itself, in UTF-16.
QString asItself(char32_t codePoint)
{
    QString text;
    if (codePoint < 0x10000) {
        text += QChar(char16_t(codePoint));
    } else {
        text += QChar(char16_t(0xd800 + ((codePoint - 0x10000) >> 10)));
        text += QChar(char16_t(0xdc00 + ((codePoint - 0x10000) & 0x3ff)));
    }
    return text;
}

// Printable ASCII reads as itself, but for the escape character; \n, \r and \t stand for
// themselves; any other ASCII byte, and every byte that does not start a well-formed UTF-8
// sequence, is \xNN.
QString asciiOrByte(unsigned char byte)
{
    switch (byte) {
    case '\\':
        return QStringLiteral("\\\\");
    case '\n':
        return QStringLiteral("\\n");
    case '\r':
        return QStringLiteral("\\r");
    case '\t':
        return QStringLiteral("\\t");
    default:
        break;
    }
    return byte >= 0x20 && byte <= 0x7e ? QString(QChar(char16_t(byte))) : byteEscape(byte);
}

// text, from position at, begins with expected: consume it.
bool consume(QStringView text, qsizetype &at, const QString &expected)
{
    if (!text.mid(at).startsWith(expected))
        return false;
    at += expected.size();
    return true;
}

// body stands for exactly these bytes, in order: each byte or UTF-8 sequence as the
// escaping rules above say. A decoded code point that mustBeEscaped() is \u{NNNN}, one that
// mustBeShown() is itself, and any other either of the two.
bool representsExactly(QStringView body, const QByteArray &bytes)
{
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.constData());
    qsizetype at = 0;
    for (qsizetype i = 0; i < bytes.size();) {
        const FuzzCheck::Utf8Sequence sequence =
            FuzzCheck::utf8Sequence(data + i, bytes.size() - i);
        if (sequence.length <= 1) {
            if (!consume(body, at, asciiOrByte(data[i])))
                return false;
            ++i;
            continue;
        }
        const char32_t codePoint = sequence.codePoint;
        if (consume(body, at, asItself(codePoint))) {
            if (FuzzCheck::mustBeEscaped(codePoint))
                return false;
        } else if (FuzzCheck::mustBeShown(codePoint)
                   || !consume(body, at, codePointEscape(codePoint))) {
            return false;
        }
        i += sequence.length;
    }
    return at == body.size();
}

void checkEscapedText(const QByteArray &bytes, int maxBytes)
{
    const QString text = PayloadFormatter::escapedText(bytes, maxBytes);
    const qsizetype shown = shownBytes(bytes, maxBytes);
    FUZZ_CHECK(FuzzCheck::isInertText(text));
    const bool truncated = shown < bytes.size();
    FUZZ_CHECK(!truncated || text.endsWith(marker));
    // Nothing is lost or invented: every byte shown is there, in order, as the rules say.
    const QStringView body = QStringView(text).left(text.size() - (truncated ? marker.size() : 0));
    FUZZ_CHECK(representsExactly(body, bytes.left(shown)));
}

// Binary means that more than a quarter of the first 256 bytes are control bytes other than \n, \r
// and \t, or bytes outside well-formed UTF-8 (a sequence may end after the 256th byte).
bool shouldLookBinary(const QByteArray &bytes)
{
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype sample = std::min<qsizetype>(bytes.size(), 256);
    qsizetype suspicious = 0;
    for (qsizetype i = 0; i < sample;) {
        const FuzzCheck::Utf8Sequence sequence =
            FuzzCheck::utf8Sequence(data + i, bytes.size() - i);
        const unsigned char byte = data[i];
        const bool control = sequence.length == 1 && (byte < 0x20 || byte == 0x7f) && byte != '\n'
                             && byte != '\r' && byte != '\t';
        suspicious += (sequence.length == 0 || control) ? 1 : 0;
        i += std::max(sequence.length, 1);
    }
    return suspicious * 4 > sample;
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
    FUZZ_CHECK(binary == shouldLookBinary(bytes));
    const QString shown = PayloadFormatter::forDisplay(bytes, maxBytes);
    FUZZ_CHECK(shown
               == (binary ? PayloadFormatter::hex(bytes, maxBytes)
                          : PayloadFormatter::escapedText(bytes, maxBytes)));
    FUZZ_CHECK(FuzzCheck::isInertText(shown));
    return 0;
}
