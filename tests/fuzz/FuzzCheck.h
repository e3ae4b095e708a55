#pragma once

#include <QByteArray>
#include <QChar>
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

// The oracle's own definitions, written from the standards and not from the code under test
// (which asks Qt's Unicode tables): a UTF-8 decoder after the Unicode standard's table of
// well-formed byte sequences, and lists of the code points a display must never show as
// they are and of some it must.
namespace FuzzCheck {

struct Utf8Sequence
{
    int length = 0; // 0: the bytes at this place do not start a well-formed sequence
    char32_t codePoint = 0;
};

// The sequence that starts at bytes[0], per Table 3-7 of the Unicode standard (Well-Formed
// UTF-8 Byte Sequences): the range each lead byte allows for the byte after it, every
// further byte 80..BF.
inline Utf8Sequence utf8Sequence(const unsigned char *bytes, qsizetype available)
{
    struct Row
    {
        unsigned char leadFirst, leadLast, secondFirst, secondLast;
        int length;
    };
    static constexpr Row table[] = {
        {0x00, 0x7f, 0x00, 0x00, 1}, {0xc2, 0xdf, 0x80, 0xbf, 2}, {0xe0, 0xe0, 0xa0, 0xbf, 3},
        {0xe1, 0xec, 0x80, 0xbf, 3}, {0xed, 0xed, 0x80, 0x9f, 3}, {0xee, 0xef, 0x80, 0xbf, 3},
        {0xf0, 0xf0, 0x90, 0xbf, 4}, {0xf1, 0xf3, 0x80, 0xbf, 4}, {0xf4, 0xf4, 0x80, 0x8f, 4},
    };
    for (const Row &row : table) {
        if (bytes[0] < row.leadFirst || bytes[0] > row.leadLast)
            continue;
        if (row.length == 1)
            return {1, bytes[0]};
        if (available < row.length || bytes[1] < row.secondFirst || bytes[1] > row.secondLast)
            return {};
        for (int i = 2; i < row.length; ++i) {
            if (bytes[i] < 0x80 || bytes[i] > 0xbf)
                return {};
        }
        // The payload bits: 7 - length of the lead byte's, 6 of every other's.
        char32_t codePoint = bytes[0] & (0x7f >> row.length);
        for (int i = 1; i < row.length; ++i)
            codePoint = codePoint << 6 | (bytes[i] & 0x3f);
        return {row.length, codePoint};
    }
    return {};
}

inline bool isUtf8(const QByteArray &bytes)
{
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.constData());
    for (qsizetype i = 0; i < bytes.size();) {
        const Utf8Sequence sequence = utf8Sequence(data + i, bytes.size() - i);
        if (sequence.length == 0)
            return false;
        i += sequence.length;
    }
    return true;
}

inline bool within(char32_t codePoint, char32_t first, char32_t last)
{
    return codePoint >= first && codePoint <= last;
}

// What a terminal or a text widget could act on, or that could hide or reorder the text
// around it, so that no display may show it as it is: C0 and C1 controls and DEL; the
// invisible format characters (soft hyphen, zero-width space, joiners and marks, word
// joiner, invisible operators, BOM, tags, interlinear annotations, ...); the bidi
// embeddings, overrides and isolates; the line and paragraph separators; spaces other than
// U+0020; surrogates; private use; noncharacters; and planes 4 to 13, where nothing is
// assigned. By code point, from the Unicode character database's values that do not change.
inline bool mustBeEscaped(char32_t c)
{
    return c < 0x20 || within(c, 0x7f, 0xa0) || c == 0xad || c == 0x061c || c == 0x1680
           || c == 0x180e || within(c, 0x2000, 0x200f) || within(c, 0x2028, 0x202f)
           || within(c, 0x205f, 0x206f) || c == 0x3000 || within(c, 0xd800, 0xdfff)
           || within(c, 0xe000, 0xf8ff) || within(c, 0xfdd0, 0xfdef) || c == 0xfeff
           || within(c, 0xfff9, 0xfffb) || (c & 0xfffe) == 0xfffe || within(c, 0x13430, 0x13438)
           || within(c, 0x1d173, 0x1d17a) || within(c, 0x40000, 0xdffff)
           || within(c, 0xe0000, 0xe00ff) || c >= 0xf0000;
}

// Letters and symbols beyond ASCII that anyone can see, in scripts from Latin to CJK and
// emoji: a display that escapes them has misread what they are.
inline bool mustBeShown(char32_t c)
{
    return within(c, 0xa1, 0xac) || within(c, 0xae, 0x17f) || within(c, 0x391, 0x3a1)
           || within(c, 0x3a3, 0x3a9) || within(c, 0x3b1, 0x3c9) || within(c, 0x400, 0x4ff)
           || within(c, 0x5d0, 0x5ea) || within(c, 0x621, 0x63a) || within(c, 0x905, 0x939)
           || c == 0x20ac || within(c, 0x2190, 0x21ff) || within(c, 0x2500, 0x257f)
           || within(c, 0x3041, 0x3096) || within(c, 0x30a1, 0x30fa) || within(c, 0x4e00, 0x9fa5)
           || within(c, 0xac00, 0xd7a3) || within(c, 0x1f600, 0x1f64f);
}

// True when text shows nothing that mustBeEscaped() and every surrogate is paired.
inline bool isInertText(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t codePoint = text[i].unicode();
        if (within(codePoint, 0xd800, 0xdbff) && i + 1 < text.size()
            && within(text[i + 1].unicode(), 0xdc00, 0xdfff)) {
            codePoint = 0x10000 + ((codePoint - 0xd800) << 10) + (text[i + 1].unicode() - 0xdc00);
            ++i;
        }
        if (mustBeEscaped(codePoint))
            return false;
    }
    return true;
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

} // namespace FuzzCheck
