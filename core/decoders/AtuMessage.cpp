#include "decoders/AtuMessage.h"

#include "time/LocalTime.h"

#include <QDate>
#include <QStringDecoder>
#include <QTime>

namespace AtuMessage {

namespace {

constexpr qint64 usPerSecond = 1000000;
constexpr int dateTimeLength = 19;  // "YYYY-MM-DD HH:MM:SS"
constexpr int fractionLength = 7;   // ".ffffff"

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Reads a fixed-width decimal number; -1 when any character is not a digit.
int number(const char *text, int width)
{
    int value = 0;
    for (int i = 0; i < width; ++i) {
        if (!isDigit(text[i]))
            return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

std::optional<qint64> parseTimestamp(const char *text, qsizetype length)
{
    if (length != dateTimeLength && length != dateTimeLength + fractionLength)
        return std::nullopt;
    if (text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':')
        return std::nullopt;
    // number() gives -1 for a field that is not all digits, and QDate reads year -1 as 1 BC.
    const int year = number(text, 4);
    if (year < 1)
        return std::nullopt;
    const LocalTime::Fields local{year,          number(text + 5, 2),  number(text + 8, 2),
                                  number(text + 11, 2), number(text + 14, 2), number(text + 17, 2)};
    if (!QDate::isValid(local.year, local.month, local.day)
        || !QTime::isValid(local.hour, local.minute, local.second))
        return std::nullopt;
    int micros = 0;
    if (length > dateTimeLength) {
        if (text[dateTimeLength] != '.')
            return std::nullopt;
        micros = number(text + dateTimeLength + 1, 6);
        // Python never writes ".000000": it leaves the fraction out instead.
        if (micros <= 0)
            return std::nullopt;
    }
    return LocalTime::utcSecondsOf(local) * usPerSecond + micros;
}

// "<anything> <timestamp>": the timestamp at the end, after a space, and what precedes it.
std::optional<Decoded> split(const QByteArray &payload)
{
    for (const int timestampLength : {dateTimeLength + fractionLength, dateTimeLength}) {
        const qsizetype prefixEnd = payload.size() - timestampLength - 1;
        if (prefixEnd < 0 || payload.at(prefixEnd) != ' ')
            continue;
        const auto time = parseTimestamp(payload.constData() + prefixEnd + 1, timestampLength);
        if (!time)
            continue;
        // Not QString::fromUtf8(), which drops a leading byte-order mark: "\uFEFFATU" is not "ATU".
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
        return Decoded{decoder(QByteArrayView(payload.constData(), prefixEnd)), *time};
    }
    return std::nullopt;
}

} // namespace

QString pythonTimestamp(qint64 timeUs)
{
    const qint64 seconds = LocalTime::floorDiv(timeUs, usPerSecond);
    const qint64 micros = timeUs - seconds * usPerSecond;
    const LocalTime::Fields local = LocalTime::fieldsAt(seconds);
    QString text = QStringLiteral("%1-%2-%3 %4:%5:%6")
                       .arg(local.year, 4, 10, QLatin1Char('0'))
                       .arg(local.month, 2, 10, QLatin1Char('0'))
                       .arg(local.day, 2, 10, QLatin1Char('0'))
                       .arg(local.hour, 2, 10, QLatin1Char('0'))
                       .arg(local.minute, 2, 10, QLatin1Char('0'))
                       .arg(local.second, 2, 10, QLatin1Char('0'));
    if (micros != 0)
        text += QStringLiteral(".%1").arg(micros, 6, 10, QLatin1Char('0'));
    return text;
}

QByteArray compose(const QString &prefix, qint64 timeUs)
{
    if (prefix.isEmpty())
        return pythonTimestamp(timeUs).toUtf8();
    return (prefix + QLatin1Char(' ') + pythonTimestamp(timeUs)).toUtf8();
}

std::optional<qint64> timestampTime(QByteArrayView timestamp)
{
    return parseTimestamp(timestamp.data(), timestamp.size());
}

std::optional<Decoded> parse(const QByteArray &payload)
{
    auto decoded = split(payload);
    if (!decoded || decoded->prefix.isEmpty() || decoded->prefix.contains(QLatin1Char(' ')))
        return std::nullopt;
    return decoded;
}

std::optional<Decoded> parse(const QByteArray &payload, const QString &prefix)
{
    if (prefix.isEmpty()) {
        const auto time = parseTimestamp(payload.constData(), payload.size());
        if (!time)
            return std::nullopt;
        return Decoded{QString(), *time};
    }
    auto decoded = split(payload);
    if (!decoded || decoded->prefix != prefix)
        return std::nullopt;
    return decoded;
}

} // namespace AtuMessage
