#pragma once

#include <QByteArray>
#include <QChar>
#include <QString>
#include <QStringDecoder>
#include <QStringView>

#include <cstdio>
#include <cstdlib>

// A failed invariant is a crash, so libFuzzer keeps the input that broke it.
#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

namespace FuzzCheck {

// What a terminal or a text widget could act on, or that could hide or reorder what is
// around it: control characters (C0, DEL, C1), format characters (bidi overrides,
// zero-width joiners), line and paragraph separators, spaces other than U+0020,
// surrogates, private-use and unassigned code points.
inline bool isInert(char32_t codePoint)
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

// True when every code point of text is inert and every surrogate is paired.
inline bool isInertText(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t codePoint = text[i].unicode();
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            codePoint = QChar::surrogateToUcs4(text[i], text[i + 1]);
            ++i;
        }
        if (!isInert(codePoint))
            return false;
    }
    return true;
}

// True when bytes is well-formed UTF-8. (Not fromUtf8().toUtf8() == bytes: QString::fromUtf8
// drops a leading byte-order mark.)
inline bool isUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    const QString text = decoder.decode(bytes);
    return !decoder.hasError();
}

inline int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    return -1;
}

// Undoes PayloadFormatter::escapedText (without a truncation marker): \n \r \t \\ \xNN
// \u{N...}; everything else is UTF-8. Fails the check on a malformed escape.
inline QByteArray unescape(QStringView text)
{
    QByteArray out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != u'\\') {
            const qsizetype start = i;
            while (i + 1 < text.size() && text[i + 1] != u'\\')
                ++i;
            out += text.mid(start, i - start + 1).toUtf8();
            continue;
        }
        FUZZ_CHECK(i + 1 < text.size());
        const QChar kind = text[++i];
        if (kind == u'n') {
            out += '\n';
        } else if (kind == u'r') {
            out += '\r';
        } else if (kind == u't') {
            out += '\t';
        } else if (kind == u'\\') {
            out += '\\';
        } else if (kind == u'x') {
            FUZZ_CHECK(i + 2 < text.size());
            const int high = hexValue(text[i + 1]);
            const int low = hexValue(text[i + 2]);
            FUZZ_CHECK(high >= 0 && low >= 0);
            out += char(high * 16 + low);
            i += 2;
        } else {
            FUZZ_CHECK(kind == u'u' && i + 1 < text.size() && text[i + 1] == u'{');
            i += 2;
            char32_t codePoint = 0;
            int digits = 0;
            for (; i < text.size() && text[i] != u'}'; ++i, ++digits) {
                FUZZ_CHECK(hexValue(text[i]) >= 0 && digits < 6);
                codePoint = codePoint * 16 + char32_t(hexValue(text[i]));
            }
            FUZZ_CHECK(i < text.size() && digits >= 4 && codePoint <= 0x10ffff);
            // Not QString::fromUcs4(), which drops a leading U+FEFF as a byte-order mark.
            out += QStringView(QChar::fromUcs4(codePoint)).toUtf8();
        }
    }
    return out;
}

} // namespace FuzzCheck
