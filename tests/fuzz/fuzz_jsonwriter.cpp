// Fuzzes JsonWriter with any text, as UTF-8 and as raw UTF-16, and DatagramText's JSON and
// console lines for a datagram carrying the input: the JSON must parse to what was
// written, and neither line may carry anything a terminal would act on.
#include "decoders/AtuMessage.h"
#include "output/DatagramText.h"
#include "FuzzCheck.h"
#include "output/JsonWriter.h"
#include "output/PayloadFormatter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace {

QJsonObject parseObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        std::fprintf(stderr, "not JSON (%s at %d): %s\n", qPrintable(error.errorString()),
                     error.offset, json.constData());
    FUZZ_CHECK(error.error == QJsonParseError::NoError && document.isObject());
    return document.object();
}

// JSON text is UTF-8 with every control character (C0, DEL, C1), the line and paragraph
// separators and the byte-order mark escaped.
void checkJsonText(const QByteArray &json)
{
    FUZZ_CHECK(FuzzCheck::isUtf8(json));
    for (const char c : json)
        FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f);
    for (const QChar c : QString::fromUtf8(json)) {
        const char16_t unit = c.unicode();
        FUZZ_CHECK(!(unit >= 0x80 && unit <= 0x9f) && unit != 0x2028 && unit != 0x2029 && unit != 0xfeff);
    }
}

// A string as JSON can carry it: UTF-16 with each unpaired surrogate made U+FFFD.
QString withoutLoneSurrogates(const QString &text)
{
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            out += text[i];
            out += text[++i];
        } else {
            out += text[i].isSurrogate() ? QChar(QChar::ReplacementCharacter) : text[i];
        }
    }
    return out;
}

// True when QJsonDocument read back what was written. Qt 6.4's parser drops a leading
// U+FEFF from a string without escapes, as if it were a byte-order mark; the writer did
// write it, and other parsers keep it.
bool readsBackAs(const QJsonValue &value, const QString &written)
{
    const QString expected = withoutLoneSurrogates(written);
    const QString read = value.toString();
    return value.isString()
           && (read == expected
               || (expected.startsWith(QChar(QChar::ByteOrderMark)) && read == expected.mid(1)));
}

template<typename T> T readFrom(const uint8_t *data, size_t size)
{
    T value{};
    if (size > 0)
        std::memcpy(&value, data, std::min(size, sizeof value));
    return value;
}

void checkWriter(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString utf8 = QString::fromUtf8(bytes);
    QString utf16(qsizetype(size / 2), Qt::Uninitialized);
    if (size >= 2)
        std::memcpy(utf16.data(), data, size_t(utf16.size()) * sizeof(QChar));
    // A key as its callers give one: a C string, read as Latin-1.
    const QByteArray key = bytes.left(32).split('\0').first().isEmpty()
                               ? QByteArray("key")
                               : bytes.left(32).split('\0').first();
    const auto number = readFrom<qint64>(data, size);
    const auto real = readFrom<double>(data, size);
    const int decimals = size == 0 ? 3 : data[size - 1] % 10;

    JsonWriter json;
    // clang-format off
    json.beginObject()
        .key("utf8").value(utf8)
        .key("utf16").value(utf16)
        .key("keyed").beginObject().key(key.constData()).value(key.constData()).endObject()
        .key("values").beginArray()
            .value(number).value(real, decimals).value(size % 2 == 0).null().value(utf16)
            .beginArray().endArray().beginObject().endObject()
        .endArray()
        .endObject();
    // clang-format on
    checkJsonText(json.bytes());
    const QJsonObject object = parseObject(json.bytes());
    FUZZ_CHECK(object.size() == 4);
    FUZZ_CHECK(readsBackAs(object[u"utf8"], utf8));
    FUZZ_CHECK(readsBackAs(object[u"utf16"], utf16));
    const QJsonObject keyed = object[u"keyed"].toObject();
    // Read back by iterating: Qt 6.4's QJsonObject::value() misses some keys with Latin-1
    // characters that keys() lists.
    FUZZ_CHECK(keyed.size() == 1 && keyed.constBegin().key() == QString::fromLatin1(key));
    FUZZ_CHECK(keyed.constBegin().value().toString() == QString::fromLatin1(key));

    const QJsonArray values = object[u"values"].toArray();
    FUZZ_CHECK(values.size() == 7);
    FUZZ_CHECK(values[0].toInteger() == number);
    if (std::isfinite(real)) {
        FUZZ_CHECK(values[1].isDouble());
        // Rounded to the decimals asked for, and nothing else lost.
        const double error = std::abs(values[1].toDouble() - real);
        FUZZ_CHECK(error <= std::pow(10.0, -decimals) + std::abs(real) * 1e-15);
    } else {
        FUZZ_CHECK(values[1].isNull());
    }
    FUZZ_CHECK(values[2].isBool() && values[2].toBool() == (size % 2 == 0));
    FUZZ_CHECK(values[3].isNull());
    FUZZ_CHECK(readsBackAs(values[4], utf16));
    FUZZ_CHECK(values[5].isArray() && values[5].toArray().isEmpty());
    FUZZ_CHECK(values[6].isObject() && values[6].toObject().isEmpty());
}

quint64 fnv1a(const uint8_t *data, size_t size)
{
    quint64 hash = 14695981039346656037ull;
    for (size_t i = 0; i < size; ++i)
        hash = (hash ^ data[i]) * 1099511628211ull;
    return hash;
}

// A datagram that carries the input as its payload; the other fields come from a hash of
// it, so that the seeds stay plain payloads. Times span years 1 to 9999, as ATU times can.
ReceivedDatagram datagramOf(const uint8_t *data, size_t size)
{
    const quint64 hash = fnv1a(data, size);
    constexpr qint64 span = 250'000'000'000'000'000; // ~7,900 years in microseconds
    ReceivedDatagram datagram;
    datagram.payload = QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
    datagram.arrivalUs = qint64(hash % quint64(2 * span)) - span;
    datagram.source = IpAddress::fromIPv4(quint32(hash >> 11));
    datagram.sourcePort = quint16(hash >> 23);
    datagram.destination = IpAddress::fromIPv4(quint32(hash >> 29));
    datagram.destinationPort = quint16(hash >> 41);
    datagram.ttl = int((hash >> 47) % 257) - 1;
    if (const auto atu = AtuMessage::parse(datagram.payload))
        datagram.atuTimeUs = atu->timeUs;
    else if ((hash >> 56) & 1)
        datagram.atuTimeUs = datagram.arrivalUs - qint64(hash >> 40);
    datagram.format = PayloadFormat((hash >> 3) % 7);
    datagram.stream.sequenceBits = quint8(QList<int>{0, 16, 32, 64}[int((hash >> 57) % 4)]);
    datagram.stream.sequence = (hash >> 5) & ((quint64(1) << 53) - 1); // exact in a JSON double
    datagram.stream.endOfStream = (hash >> 61) & 1;
    return datagram;
}

void checkDatagramLines(const uint8_t *data, size_t size)
{
    const ReceivedDatagram datagram = datagramOf(data, size);
    const QString payloadText = PayloadFormatter::escapedText(datagram.payload);

    const QByteArray line = DatagramText::jsonLine(datagram);
    checkJsonText(line);
    const QJsonObject object = parseObject(line);
    static const char *const keys[] = {"type",     "time",    "source",      "source_port", "group",
                                       "port",     "size",    "ttl",         "format",      "seq",
                                       "payload",  "payload_hex", "atu_time", "atu_offset_ms"};
    FUZZ_CHECK(object.size() == qsizetype(std::size(keys)));
    qsizetype previous = -1;
    for (const char *key : keys) {
        FUZZ_CHECK(object.contains(QLatin1String(key)));
        // In the documented order: a key's quoted name cannot occur inside a string value.
        const qsizetype at = line.indexOf('"' + QByteArray(key) + "\":");
        FUZZ_CHECK(at > previous);
        previous = at;
    }
    FUZZ_CHECK(object[u"type"].toString() == u"datagram");
    FUZZ_CHECK(object[u"source"].toString() == datagram.source.toString());
    FUZZ_CHECK(object[u"source_port"].toInteger() == datagram.sourcePort);
    FUZZ_CHECK(object[u"group"].toString() == datagram.destination.toString());
    FUZZ_CHECK(object[u"port"].toInteger() == datagram.destinationPort);
    FUZZ_CHECK(object[u"size"].toInteger() == datagram.payload.size());
    FUZZ_CHECK(datagram.ttl < 0 ? object[u"ttl"].isNull()
                                : object[u"ttl"].toInteger() == datagram.ttl);
    FUZZ_CHECK(object[u"format"].toString() == payloadFormatName(datagram.format));
    const qint64 sequence = qint64(datagram.stream.sequence);
    FUZZ_CHECK(!datagram.stream.hasSequence()
                   ? object[u"seq"].isNull()
                   : object[u"seq"].toInteger() == (datagram.stream.endOfStream ? -sequence : sequence));
    FUZZ_CHECK(object[u"payload"].toString() == payloadText);
    const QString hex = object[u"payload_hex"].toString();
    FUZZ_CHECK(hex.size() == 2 * datagram.payload.size());
    FUZZ_CHECK(QByteArray::fromHex(hex.toLatin1()) == datagram.payload);
    FUZZ_CHECK(datagram.atuTimeUs ? object[u"atu_time"].isString() : object[u"atu_time"].isNull());
    FUZZ_CHECK(datagram.atuTimeUs ? object[u"atu_offset_ms"].isDouble()
                                  : object[u"atu_offset_ms"].isNull());
    for (const QJsonValue &value : object)
        FUZZ_CHECK(!value.isString() || FuzzCheck::isInertText(value.toString()));

    const QByteArray console = DatagramText::consoleLine(datagram);
    FUZZ_CHECK(FuzzCheck::isUtf8(console));
    FUZZ_CHECK(FuzzCheck::isInertText(QString::fromUtf8(console)));
    FUZZ_CHECK(console.endsWith(' ' + payloadText.toUtf8()));
    FUZZ_CHECK(console.contains(' ' + QByteArray::number(datagram.payload.size()) + " bytes"));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    checkWriter(data, size);
    checkDatagramLines(data, size);
    return 0;
}
