#include "settings/SettingsStore.h"

#include "settings/ConfigValidation.h"

namespace {

constexpr int maxInterfaceSpecLength = 256;
constexpr int maxPrefixLength = 1024;
constexpr int maxIntervalMs = 24 * 60 * 60 * 1000;

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
    config.interval = std::chrono::milliseconds(
        readInt(QStringLiteral("transmit/intervalMs"), 1, maxIntervalMs, int(config.interval.count())));
    config.prefix = readText(QStringLiteral("transmit/prefix"), config.prefix, maxPrefixLength);
    return config;
}

void SettingsStore::save(const ReceiveConfig &config)
{
    saveEndpoint(QStringLiteral("receive"), config);
    m_settings.setValue(QStringLiteral("receive/historyRows"), config.historyRows);
}

void SettingsStore::save(const TransmitConfig &config)
{
    saveEndpoint(QStringLiteral("transmit"), config);
    m_settings.setValue(QStringLiteral("transmit/ttl"), config.ttl);
    m_settings.setValue(QStringLiteral("transmit/loopback"), config.loopback ? 1 : 0);
    m_settings.setValue(QStringLiteral("transmit/intervalMs"), qint64(config.interval.count()));
    m_settings.setValue(QStringLiteral("transmit/prefix"), config.prefix);
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
}

bool SettingsStore::notificationsEnabled()
{
    return readInt(QStringLiteral("window/notifications"), 0, 1, 1) == 1;
}

void SettingsStore::setNotificationsEnabled(bool enabled)
{
    m_settings.setValue(QStringLiteral("window/notifications"), enabled ? 1 : 0);
}

bool SettingsStore::darkTheme()
{
    return readInt(QStringLiteral("window/darkTheme"), 0, 1, 0) == 1;
}

void SettingsStore::setDarkTheme(bool dark)
{
    m_settings.setValue(QStringLiteral("window/darkTheme"), dark ? 1 : 0);
}

QStringList SettingsStore::takeWarnings()
{
    QStringList warnings;
    warnings.swap(m_warnings);
    if (m_settings.status() == QSettings::FormatError)
        warnings.prepend(QStringLiteral("settings file %1 is corrupt; using defaults").arg(m_settings.fileName()));
    return warnings;
}
