#include "SendOptions.h"

#include "generators/StreamFormats.h"

#include <QCommandLineParser>

namespace SendOptions {

std::optional<QString> error(const QCommandLineParser &parser, CommandLineOptions &options)
{
    const PayloadFormat format = options.format.value_or(PayloadFormat::Atu);
    if (!StreamFormats::isSendable(format))
        return QStringLiteral("--format %1 cannot be sent; --send sends %2")
            .arg(payloadFormatName(format), StreamFormats::sendableNames());
    const QString rateText = parser.value(QStringLiteral("rate"));
    const QString sizeText = parser.value(QStringLiteral("size"));
    if (!StreamFormats::isStream(format)) {
        for (const QString &option : {QStringLiteral("rate"), QStringLiteral("size")}) {
            if (parser.isSet(option))
                return QStringLiteral("--%1 is for the streams (--format rtp, mpegts or iperf2); "
                                      "atu sends one message per --interval")
                    .arg(option);
        }
        return std::nullopt;
    }
    for (const QString &option : {QStringLiteral("interval"), QStringLiteral("prefix")}) {
        if (parser.isSet(option))
            return QStringLiteral("--%1 is for --format atu; a stream is paced by --rate").arg(option);
    }
    int size = StreamFormats::defaultSize(format);
    if (parser.isSet(QStringLiteral("size"))) {
        bool ok = false;
        size = sizeText.trimmed().toInt(&ok);
        if (!ok || size < 1)
            return QStringLiteral("--size '%1' must be a whole number of bytes above 0").arg(sizeText);
        // Without --group the default group, 239.1.1.1, is IPv4.
        const bool ipv6 = options.group && options.group->protocol() == QAbstractSocket::IPv6Protocol;
        if (const auto reason = StreamFormats::sizeError(format, size, ipv6))
            return QStringLiteral("--") + *reason;
        options.size = size;
    }
    qint64 rate = StreamFormats::defaultRate;
    if (parser.isSet(QStringLiteral("rate"))) {
        bool ok = false;
        rate = rateText.trimmed().toLongLong(&ok);
        if (!ok)
            return QStringLiteral("--rate '%1' must be a whole number of datagrams per second, 1 to %2")
                .arg(rateText)
                .arg(StreamFormats::maxRate);
        options.rate = rate;
    }
    if (const auto reason = StreamFormats::rateError(format, rate, size))
        return QStringLiteral("--") + *reason;
    return std::nullopt;
}

} // namespace SendOptions
