#pragma once

#include "settings/MulticastConfig.h"

#include <QByteArray>
#include <QSettings>
#include <QStringList>

// The one place QSettings is touched. Values read back are validated: a corrupt or
// hostile settings file yields defaults and a warning, never a crash.
class SettingsStore final
{
    Q_DISABLE_COPY_MOVE(SettingsStore)

public:
    SettingsStore();
    explicit SettingsStore(const QString &iniPath); // for tests

    ReceiveConfig receiveConfig();
    TransmitConfig transmitConfig();
    void save(const ReceiveConfig &config);
    void save(const TransmitConfig &config);

    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void saveWindow(const QByteArray &geometry, const QByteArray &state);

    // Desktop notifications when a sender goes silent (on by default).
    bool notificationsEnabled();
    void setNotificationsEnabled(bool enabled);
    // The window's own dark theme instead of the platform's (off by default).
    bool darkTheme();
    void setDarkTheme(bool dark);

    // Reasons stored values were replaced by defaults since the last call.
    QStringList takeWarnings();

private:
    QHostAddress readGroup(const QString &key, const QHostAddress &fallback);
    int readInt(const QString &key, int minimum, int maximum, int fallback);
    std::chrono::microseconds readInterval(const QString &key, std::chrono::microseconds fallback);
    QString readText(const QString &key, const QString &fallback, int maxLength);

    QSettings m_settings;
    QStringList m_warnings;
};
