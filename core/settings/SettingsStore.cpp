#include "settings/SettingsStore.h"

#include "settings/ConfigValidation.h"
#include "generators/StreamFormats.h"
#include "net/SubscriptionSpec.h"
#include "settings/WritableFile.h"

#include <QDir>

#include <algorithm>
#include <cmath>

namespace {

constexpr int maxInterfaceSpecLength = 256;
constexpr int maxPrefixLength = 1024;
constexpr int maxSubscriptionSpecLength = 512;
constexpr int maxSubscriptionChoices = 10000;
constexpr int maxColumnNameLength = 64;
constexpr int maxTableColumns = 500;
constexpr int maxColumnWidth = 10000;
constexpr double minIntervalMs = ConfigValidation::minIntervalSeconds * 1000;
constexpr double maxIntervalMs = ConfigValidation::maxIntervalSeconds * 1000;

} // namespace

SettingsStore::SettingsStore() = default;

SettingsStore::SettingsStore(const QString &iniPath)
    : m_settings(iniPath, QSettings::IniFormat)
{
}

QHostAddress SettingsStore::readGroup(const QString &key, const QHostAddress &fallback)
{
    if (!m_settings.contains(key))
        return fallback;
    const QString text = m_settings.value(key).toString();
    if (const auto reason = ConfigValidation::groupError(text)) {
        m_warnings.append(QStringLiteral("settings %1: %2; using %3").arg(key, *reason, fallback.toString()));
        return fallback;
    }
    return QHostAddress(text.trimmed());
}

int SettingsStore::readInt(const QString &key, int minimum, int maximum, int fallback)
{
    if (!m_settings.contains(key))
        return fallback;
    bool ok = false;
    const int value = m_settings.value(key).toInt(&ok);
    if (!ok || value < minimum || value > maximum) {
        m_warnings.append(QStringLiteral("settings %1: '%2' is not between %3 and %4; using %5")
                              .arg(key, m_settings.value(key).toString())
                              .arg(minimum)
                              .arg(maximum)
                              .arg(fallback));
        return fallback;
    }
    return value;
}

std::chrono::microseconds SettingsStore::readInterval(const QString &key,
                                                      std::chrono::microseconds fallback)
{
    if (!m_settings.contains(key))
        return fallback;
    bool ok = false;
    const double ms = m_settings.value(key).toDouble(&ok);
    if (!ok || !(ms >= minIntervalMs && ms <= maxIntervalMs)) {
        m_warnings.append(QStringLiteral("settings %1: '%2' is not between %3 and %4; using %5")
                              .arg(key, m_settings.value(key).toString())
                              .arg(minIntervalMs)
                              .arg(maxIntervalMs)
                              .arg(double(fallback.count()) / 1000));
        return fallback;
    }
    return std::chrono::microseconds(std::llround(ms * 1000));
}

QString SettingsStore::readText(const QString &key, const QString &fallback, int maxLength)
{
    if (!m_settings.contains(key))
        return fallback;
    const QString text = m_settings.value(key).toString();
    if (text.size() > maxLength) {
        m_warnings.append(QStringLiteral("settings %1: longer than %2 characters; using '%3'")
                              .arg(key)
                              .arg(maxLength)
                              .arg(fallback));
        return fallback;
    }
    return text;
}

template<typename Config> void SettingsStore::readEndpoint(const QString &section, Config &config)
{
    config.group = readGroup(section + QStringLiteral("/group"), config.group);
    config.port = quint16(readInt(section + QStringLiteral("/port"), 1, 65535, config.port));
    const QString interfaceSpec = readText(section + QStringLiteral("/interface"),
                                           config.interfaceSpec, maxInterfaceSpecLength);
    if (!interfaceSpec.trimmed().isEmpty())
        config.interfaceSpec = interfaceSpec.trimmed();
}

template<typename Config>
void SettingsStore::saveEndpoint(const QString &section, const Config &config)
{
    m_settings.setValue(section + QStringLiteral("/group"), config.group.toString());
    m_settings.setValue(section + QStringLiteral("/port"), config.port);
    m_settings.setValue(section + QStringLiteral("/interface"), config.interfaceSpec);
}

ReceiveConfig SettingsStore::receiveConfig()
{
    ReceiveConfig config;
    readEndpoint(QStringLiteral("receive"), config);
    config.historyRows = readInt(QStringLiteral("receive/historyRows"), 100, 10000000, config.historyRows);
    return config;
}

TransmitConfig SettingsStore::transmitConfig()
{
    TransmitConfig config;
    readEndpoint(QStringLiteral("transmit"), config);
    config.ttl = readInt(QStringLiteral("transmit/ttl"), 0, 255, config.ttl);
    config.loopback = readInt(QStringLiteral("transmit/loopback"), 0, 1, config.loopback ? 1 : 0) == 1;
    config.interval = readInterval(QStringLiteral("transmit/intervalMs"), config.interval);
    config.prefix = readText(QStringLiteral("transmit/prefix"), config.prefix, maxPrefixLength);
    config.format = readSendFormat(QStringLiteral("transmit/format"), config.format);
    config.rate = readInt(QStringLiteral("transmit/rate"), 1, int(StreamFormats::maxRate), int(config.rate));
    // 0: the format's default; the transmitter checks a size against the format and group.
    config.size = readInt(QStringLiteral("transmit/size"), 0, StreamFormats::maxIPv6Datagram, config.size);
    return config;
}

PayloadFormat SettingsStore::readSendFormat(const QString &key, PayloadFormat fallback)
{
    if (!m_settings.contains(key))
        return fallback;
    const QString name = m_settings.value(key).toString();
    const auto format = payloadFormatFromName(name);
    if (!format || !StreamFormats::isSendable(*format)) {
        m_warnings.append(QStringLiteral("settings %1: '%2' is not %3; using %4")
                              .arg(key, name, StreamFormats::sendableNames(), payloadFormatName(fallback)));
        return fallback;
    }
    return *format;
}

void SettingsStore::save(const ReceiveConfig &config)
{
    saveEndpoint(QStringLiteral("receive"), config);
    m_settings.setValue(QStringLiteral("receive/historyRows"), config.historyRows);
    checkSaving();
}

void SettingsStore::save(const TransmitConfig &config)
{
    saveEndpoint(QStringLiteral("transmit"), config);
    m_settings.setValue(QStringLiteral("transmit/ttl"), config.ttl);
    m_settings.setValue(QStringLiteral("transmit/loopback"), config.loopback ? 1 : 0);
    // Milliseconds with a fraction: the cadence is kept to the microsecond.
    m_settings.setValue(QStringLiteral("transmit/intervalMs"),
                        double(config.interval.count()) / 1000);
    m_settings.setValue(QStringLiteral("transmit/prefix"), config.prefix);
    m_settings.setValue(QStringLiteral("transmit/format"), payloadFormatName(config.format));
    m_settings.setValue(QStringLiteral("transmit/rate"), config.rate);
    m_settings.setValue(QStringLiteral("transmit/size"), config.size);
    checkSaving();
}

QList<SubscriptionChoice> SettingsStore::subscriptionChoices()
{
    const QString key = QStringLiteral("receive/subscriptions");
    // Before the list existed the window joined the receive section's one subscription.
    if (!m_settings.contains(key + QStringLiteral("/size")))
        return {SubscriptionChoice{receiveConfig().joined().front(), true}};

    const ReceiveConfig receive = receiveConfig();
    const SubscriptionSpec::Defaults defaults{receive.port, receive.interfaceSpec};
    QList<SubscriptionChoice> choices;
    const int size = std::min(m_settings.beginReadArray(key), maxSubscriptionChoices);
    for (int i = 0; i < size; ++i) {
        m_settings.setArrayIndex(i);
        const QString spec = m_settings.value(QStringLiteral("spec")).toString();
        QString error;
        const auto subscription = spec.size() > maxSubscriptionSpecLength
                                      ? std::nullopt
                                      : SubscriptionSpec::parse(spec, defaults, &error);
        if (!subscription) {
            m_warnings.append(QStringLiteral("settings %1/%2/spec: %3; left out")
                                  .arg(key)
                                  .arg(i + 1)
                                  .arg(error.isEmpty() ? QStringLiteral("too long") : error));
            continue;
        }
        const bool enabled = m_settings.value(QStringLiteral("enabled"), true).toBool();
        choices.append({*subscription, enabled});
        const QString format = m_settings.value(QStringLiteral("format"), QStringLiteral("auto")).toString();
        if (!parseFormatChoice(format, &choices.last().subscription.format))
            m_warnings.append(QStringLiteral("settings %1/%2/format: '%3' is no payload format; detected instead")
                                  .arg(key)
                                  .arg(i + 1)
                                  .arg(format.left(32)));
    }
    m_settings.endArray();
    return choices;
}

void SettingsStore::save(const QList<SubscriptionChoice> &choices)
{
    const QString key = QStringLiteral("receive/subscriptions");
    m_settings.remove(key); // a shorter list must not keep the old tail
    m_settings.beginWriteArray(key, int(choices.size()));
    for (int i = 0; i < choices.size(); ++i) {
        m_settings.setArrayIndex(i);
        m_settings.setValue(QStringLiteral("spec"), choices.at(i).subscription.toString());
        m_settings.setValue(QStringLiteral("enabled"), choices.at(i).enabled);
        m_settings.setValue(QStringLiteral("format"), formatChoiceName(choices.at(i).subscription.format));
    }
    m_settings.endArray();
    checkSaving();
}

QByteArray SettingsStore::windowGeometry() const
{
    return m_settings.value(QStringLiteral("window/geometry")).toByteArray();
}

QByteArray SettingsStore::windowState() const
{
    return m_settings.value(QStringLiteral("window/state")).toByteArray();
}

void SettingsStore::saveWindow(const QByteArray &geometry, const QByteArray &state)
{
    m_settings.setValue(QStringLiteral("window/geometry"), geometry);
    m_settings.setValue(QStringLiteral("window/state"), state);
    checkSaving();
}

QList<ColumnChoice> SettingsStore::tableColumns(const QString &table)
{
    const QString key = QStringLiteral("tables/%1/columns").arg(table);
    QList<ColumnChoice> columns;
    const int size = std::min(m_settings.beginReadArray(key), maxTableColumns);
    for (int i = 0; i < size; ++i) {
        m_settings.setArrayIndex(i);
        const QString name = m_settings.value(QStringLiteral("name")).toString();
        if (name.isEmpty() || name.size() > maxColumnNameLength) {
            m_warnings.append(QStringLiteral("settings %1/%2/name: not a column name; left out")
                                  .arg(key)
                                  .arg(i + 1));
            continue;
        }
        bool ok = false;
        int width = m_settings.value(QStringLiteral("width"), 0).toInt(&ok);
        if (!ok || width < 0 || width > maxColumnWidth) {
            m_warnings.append(QStringLiteral("settings %1/%2/width: '%3' is not between 0 and %4; using 0")
                                  .arg(key)
                                  .arg(i + 1)
                                  .arg(m_settings.value(QStringLiteral("width")).toString())
                                  .arg(maxColumnWidth));
            width = 0;
        }
        columns.append({name, m_settings.value(QStringLiteral("shown"), true).toBool(), width});
    }
    m_settings.endArray();
    return columns;
}

void SettingsStore::saveTableColumns(const QString &table, const QList<ColumnChoice> &columns)
{
    const QString key = QStringLiteral("tables/%1/columns").arg(table);
    m_settings.remove(key);
    m_settings.beginWriteArray(key, int(columns.size()));
    for (int i = 0; i < columns.size(); ++i) {
        m_settings.setArrayIndex(i);
        m_settings.setValue(QStringLiteral("name"), columns.at(i).name);
        m_settings.setValue(QStringLiteral("shown"), columns.at(i).shown);
        m_settings.setValue(QStringLiteral("width"), columns.at(i).width);
    }
    m_settings.endArray();
    checkSaving();
}

bool SettingsStore::notificationsEnabled()
{
    return readInt(QStringLiteral("window/notifications"), 0, 1, 1) == 1;
}

void SettingsStore::setNotificationsEnabled(bool enabled)
{
    m_settings.setValue(QStringLiteral("window/notifications"), enabled ? 1 : 0);
    checkSaving();
}

bool SettingsStore::darkTheme()
{
    return readInt(QStringLiteral("window/darkTheme"), 0, 1, 0) == 1;
}

void SettingsStore::setDarkTheme(bool dark)
{
    m_settings.setValue(QStringLiteral("window/darkTheme"), dark ? 1 : 0);
    checkSaving();
}

QStringList SettingsStore::takeWarnings()
{
    QStringList warnings;
    warnings.swap(m_warnings);
    if (m_settings.status() == QSettings::FormatError)
        warnings.prepend(QStringLiteral("settings file %1 is corrupt; using defaults").arg(m_settings.fileName()));
    return warnings;
}

bool SettingsStore::checkSaving()
{
    const QString writeFailed = QStringLiteral("writing it failed");
    const bool failedBefore = m_settings.status() == QSettings::AccessError;
    m_settings.sync();
#ifdef Q_OS_WIN
    const bool isFile = m_settings.format() != QSettings::NativeFormat; // not the registry
#else
    const bool isFile = true;
#endif
    QString problem;
    if (const auto fileProblem =
            isFile ? WritableFile::problem(m_settings.fileName()) : std::nullopt)
        problem = *fileProblem;
    // QSettings keeps the first error it met: an AccessError from before this sync says
    // nothing new, unless it was a failure that no problem with the file explained.
    else if (m_settings.status() == QSettings::AccessError
             && (!failedBefore || m_saveProblem == writeFailed))
        problem = writeFailed;
    if (problem != m_saveProblem) {
        m_saveProblem = problem;
        emit saveProblemChanged(QDir::toNativeSeparators(m_settings.fileName()), problem);
    }
    return problem.isEmpty();
}
