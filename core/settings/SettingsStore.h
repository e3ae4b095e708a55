#pragma once

#include "settings/ColumnChoice.h"
#include "settings/MulticastConfig.h"
#include "settings/SubscriptionChoice.h"

#include <QByteArray>
#include <QObject>
#include <QSettings>
#include <QStringList>

// The one place QSettings is touched. Values read back are validated: a corrupt or
// hostile settings file yields defaults and a warning, never a crash. Every change is
// written at once, and a file that cannot be written is said, not ignored.
class SettingsStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsStore)

public:
    SettingsStore();
    explicit SettingsStore(const QString &iniPath); // for tests

    ReceiveConfig receiveConfig();
    TransmitConfig transmitConfig();
    void save(const ReceiveConfig &config);
    void save(const TransmitConfig &config);

    // The window's subscriptions, in its order. Settings from before the list (a single
    // receive group, port and interface) and a first start give that one subscription, on.
    // Entries that do not read as a subscription are dropped with a warning; each keeps its
    // payload format ("auto" when none was chosen; one that is not known is detected instead,
    // with a warning).
    QList<SubscriptionChoice> subscriptionChoices();
    void save(const QList<SubscriptionChoice> &choices);

    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void saveWindow(const QByteArray &geometry, const QByteArray &state);

    // A table's columns in the order the user left them (table: a fixed name such as
    // "flows"); empty when never saved. Entries that do not read as a column are dropped
    // with a warning; a width out of range becomes 0 (the table's own).
    QList<ColumnChoice> tableColumns(const QString &table);
    void saveTableColumns(const QString &table, const QList<ColumnChoice> &columns);

    // Desktop notifications when a sender goes silent (on by default).
    bool notificationsEnabled();
    void setNotificationsEnabled(bool enabled);
    // The window's own dark theme instead of the platform's (off by default).
    bool darkTheme();
    void setDarkTheme(bool dark);

    // Reasons stored values were replaced by defaults since the last call.
    QStringList takeWarnings();

    QString fileName() const { return m_settings.fileName(); }
    // Writes what is pending and checks that the settings file can be written: true when
    // it can. Says saveProblemChanged() when that answer or its reason changes.
    bool checkSaving();

signals:
    // Settings cannot be saved to path for reason; an empty reason: they can again.
    void saveProblemChanged(const QString &path, const QString &reason);

private:
    // The group, port and interface of a section ("receive", "transmit"), which both
    // configurations have; a missing or invalid value leaves config's own.
    template<typename Config> void readEndpoint(const QString &section, Config &config);
    PayloadFormat readSendFormat(const QString &key, PayloadFormat fallback);
    template<typename Config> void saveEndpoint(const QString &section, const Config &config);
    QHostAddress readGroup(const QString &key, const QHostAddress &fallback);
    int readInt(const QString &key, int minimum, int maximum, int fallback);
    std::chrono::microseconds readInterval(const QString &key, std::chrono::microseconds fallback);
    QString readText(const QString &key, const QString &fallback, int maxLength);

    QSettings m_settings;
    QStringList m_warnings;
    QString m_saveProblem; // as last said
};
