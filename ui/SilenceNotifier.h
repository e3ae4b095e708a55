#pragma once

#include "analysis/TrafficStatistics.h"

#include <QObject>
#include <QSystemTrayIcon>

// A desktop notification when a sender goes silent, where the desktop has a system tray.
// The tray icon shows only while some sender is silent, so a quiet network leaves no trace
// in the tray. Users who do not want the notifications turn them off.
class SilenceNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SilenceNotifier)

public:
    static constexpr int messageMs = 10000;

    explicit SilenceNotifier(QObject *parent = nullptr);

    static bool isAvailable() { return QSystemTrayIcon::isSystemTrayAvailable(); }
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    void setIcon(const QIcon &icon) { m_tray.setIcon(icon); }
    void notify(const TrafficStatistics &statistics, const QList<LivenessEvent> &events);

signals:
    // The user clicked the icon or the message: the window should come forward.
    void activated();

private:
    QSystemTrayIcon m_tray;
    bool m_enabled = true;
};
