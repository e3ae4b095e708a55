#include "output/PayloadFormatter.h"

#include <QChar>

namespace PayloadFormatter {

namespace {

const char hexDigits[] = "0123456789abcdef";

void appendByteEscape(QString &out, unsigned char byte)
{
    out += QLatin1String("\\x");
    out += QLatin1Char(hexDigits[byte >> 4]);
    out += QLatin1Char(hexDigits[byte & 0xf]);
}

bool appendControlEscape(QString &out, unsigned char byte)
{
    switch (byte) {
    case '\n': out += QLatin1String("\\n"); return true;
    case '\r': out += QLatin1String("\\r"); return true;
    case '\t': out += QLatin1String("\\t"); return true;
    case '\\': out += QLatin1String("\\\\"); return true;
    default: return false;
    }
}

// Length of a well-formed UTF-8 sequence starting at bytes[i] and its code point,
// or 0 when the bytes are not valid UTF-8 (overlong, surrogate, truncated, > U+10FFFF).
int decodeUtf8(const unsigned char *bytes, qsizetype available, char32_t &codePoint)
{
    const unsigned char lead = bytes[0];
    int length = 0;
    char32_t minimum = 0;
    if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2; codePoint = lead & 0x1f; minimum = 0x80;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3; codePoint = lead & 0x0f; minimum = 0x800;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4; codePoint = lead & 0x07; minimum = 0x10000;
    } else {
        return 0;
    }
    if (available < length)
        return 0;
    for (int i = 1; i < length; ++i) {
        if ((bytes[i] & 0xc0) != 0x80)
            return 0;
        codePoint = (codePoint << 6) | (bytes[i] & 0x3f);
    }
    if (codePoint < minimum || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))
        return 0;
    return length;
}

// Format characters (bidi overrides, zero-width joiners), separators other than the plain
// space and private or unassigned code points could disguise the payload: escape them.
bool isSafeToShow(char32_t codePoint)
{
    switch (QChar::category(codePoint)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return false;
    case QChar::Separator_Space:
        return codePoint == U' ';
    default:
        return true;
    }
}

} // namespace

QString escapedText(const QByteArray &bytes, int maxBytes)
{
    const qsizetype limit = (maxBytes < 0) ? bytes.size() : std::min<qsizetype>(bytes.size(), maxBytes);
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.constData());
    QString out;
    out.reserve(limit + 8);
    qsizetype i = 0;
    while (i < limit) {
        const unsigned char byte = data[i];
        if (byte >= 0x20 && byte < 0x7f && byte != '\\') {
            out += QLatin1Char(char(byte));
            ++i;
            continue;
        }
        if (byte < 0x80) {
            if (!appendControlEscape(out, byte))
                appendByteEscape(out, byte);
            ++i;
            continue;
        }
        char32_t codePoint = 0;
        const int length = decodeUtf8(data + i, limit - i, codePoint);
        if (length == 0) {
            appendByteEscape(out, byte);
            ++i;
            continue;
        }
        if (isSafeToShow(codePoint))
            out += QString::fromUcs4(&codePoint, 1);
        else
            out += QStringLiteral("\\u{%1}").arg(uint(codePoint), 4, 16, QLatin1Char('0'));
        i += length;
    }
    if (limit < bytes.size())
        out += QString::fromUtf8(truncationMarker);
    return out;
}

QString escapedLine(const QString &text)
{
    return escapedText(text.toUtf8());
}

QString hex(const QByteArray &bytes, int maxBytes)
{
    const qsizetype limit = (maxBytes < 0) ? bytes.size() : std::min<qsizetype>(bytes.size(), maxBytes);
    QString out = QString::fromLatin1(bytes.left(limit).toHex(' '));
    if (limit < bytes.size())
        out += QString::fromUtf8(truncationMarker);
    return out;
}

bool looksBinary(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return false;
    const qsizetype sample = std::min<qsizetype>(bytes.size(), 256);
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.constData());
    qsizetype suspicious = 0;
    for (qsizetype i = 0; i < sample;) {
        const unsigned char byte = data[i];
        if (byte >= 0x80) {
            char32_t codePoint = 0;
            const int length = decodeUtf8(data + i, bytes.size() - i, codePoint);
            suspicious += (length == 0) ? 1 : 0;
            i += std::max(length, 1);
            continue;
        }
        if (byte == 0x7f || (byte < 0x20 && byte != '\n' && byte != '\r' && byte != '\t'))
            ++suspicious;
        ++i;
    }
    // A quarter of control bytes or broken UTF-8: this is not text meant for people.
    return suspicious * 4 > sample;
}

QString forDisplay(const QByteArray &bytes, int maxBytes)
{
    return looksBinary(bytes) ? hex(bytes, maxBytes) : escapedText(bytes, maxBytes);
}

} // namespace PayloadFormatter
