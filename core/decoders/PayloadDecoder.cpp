#include "decoders/PayloadDecoder.h"

QString payloadFormatName(PayloadFormat format)
{
    switch (format) {
    case PayloadFormat::Raw: return QStringLiteral("raw");
    case PayloadFormat::Atu: return QStringLiteral("atu");
    }
    return {};
}
