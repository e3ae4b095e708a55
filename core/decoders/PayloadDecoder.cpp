#include "decoders/PayloadDecoder.h"

#include <array>

namespace {

constexpr std::array<PayloadFormat, 7> allFormats{PayloadFormat::Raw,    PayloadFormat::Atu,
                                                  PayloadFormat::Rtp,    PayloadFormat::MpegTs,
                                                  PayloadFormat::RtpMpegTs, PayloadFormat::Iperf2,
                                                  PayloadFormat::Mcjoin};

} // namespace

QString payloadFormatName(PayloadFormat format)
{
    switch (format) {
    case PayloadFormat::Raw: return QStringLiteral("raw");
    case PayloadFormat::Atu: return QStringLiteral("atu");
    case PayloadFormat::Rtp: return QStringLiteral("rtp");
    case PayloadFormat::MpegTs: return QStringLiteral("mpegts");
    case PayloadFormat::RtpMpegTs: return QStringLiteral("rtp-mpegts");
    case PayloadFormat::Iperf2: return QStringLiteral("iperf2");
    case PayloadFormat::Mcjoin: return QStringLiteral("mcjoin");
    }
    return {};
}

std::optional<PayloadFormat> payloadFormatFromName(const QString &name)
{
    for (const PayloadFormat format : allFormats) {
        if (payloadFormatName(format) == name)
            return format;
    }
    return std::nullopt;
}

QString formatChoiceName(FormatChoice choice)
{
    return choice ? payloadFormatName(*choice) : QStringLiteral("auto");
}

bool parseFormatChoice(const QString &name, FormatChoice *choice)
{
    if (name == QLatin1String("auto")) {
        *choice = std::nullopt;
        return true;
    }
    const auto format = payloadFormatFromName(name);
    if (!format)
        return false;
    *choice = format;
    return true;
}

QStringList formatChoiceNames()
{
    QStringList names{formatChoiceName(std::nullopt)};
    for (const PayloadFormat format : allFormats)
        names.append(payloadFormatName(format));
    return names;
}
