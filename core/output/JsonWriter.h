#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// Writes one compact JSON object into a byte array, keys in the order given (QJsonObject
// would sort them). Strings are escaped so that any text yields valid JSON; numbers that
// are not finite are written as null.
class JsonWriter final
{
public:
    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    JsonWriter &key(const char *name);

    JsonWriter &value(const QString &text);
    JsonWriter &value(const char *latin1Text);
    JsonWriter &value(qint64 number);
    JsonWriter &value(int number) { return value(qint64(number)); }
    JsonWriter &value(double number, int decimals = 3);
    JsonWriter &value(bool flag);
    JsonWriter &null();
    template<typename T>
    JsonWriter &value(const std::optional<T> &maybe)
    {
        return maybe ? value(*maybe) : null();
    }

    const QByteArray &bytes() const { return m_out; }

    // How value(double) writes a finite number: rounded to decimals, trailing zeros dropped
    // but one digit kept after the point ("12.5", "3.0"). The window shows the same text.
    static QByteArray numberText(double number, int decimals = 3);

private:
    void separate();
    void appendString(const QString &text);

    QByteArray m_out;
    bool m_needsComma = false;
};
