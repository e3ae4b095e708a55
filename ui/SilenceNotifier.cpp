#include "SilenceNotifier.h"

#include "output/DatagramText.h"


SilenceNotifier::SilenceNotifier(QObject *parent)
    : QObject(parent)
    , m_tray(this)
{
    connect(&m_tray, &QSystemTrayIcon::activated, this, &SilenceNotifier::activated);
    connect(&m_tray, &QSystemTrayIcon::messageClicked, this, &SilenceNotifier::activated);
}

void SilenceNotifier::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (!enabled)
        m_tray.hide();
}

void SilenceNotifier::notify(const TrafficStatistics &statistics,
                             const QList<LivenessEvent> &events)
{
    const int silent = statistics.count(Liveness::Silent);
    if (silent == 0) {
        m_tray.hide();
        return;
    }
    if (!m_enabled || !isAvailable())
        return;
    QStringList newlySilent;
    for (const LivenessEvent &event : events) {
        if (event.kind != LivenessEvent::Kind::Silent)
            continue;
        const int index = event.flow;
        const qint64 lastSeenUs =
            index >= 0 && std::size_t(index) < statistics.senders().size() ? statistics.senders()[std::size_t(index)].lastSeenUs : event.timeUs;
        newlySilent.append(tr("%1 has sent nothing since %2")
                               .arg(event.source.toString(),
                                    DatagramText::clockTime(lastSeenUs, DatagramText::ClockPrecision::Seconds)));
    }
    m_tray.setToolTip(silent == 1 ? tr("Multicast Monitor: 1 sender silent")
                                  : tr("Multicast Monitor: %1 senders silent").arg(silent));
    if (m_tray.icon().isNull())
        return; // a tray icon without an image is refused by some platforms
    m_tray.show();
    if (!newlySilent.isEmpty())
        m_tray.showMessage(newlySilent.size() == 1 ? tr("Sender silent") : tr("Senders silent"),
                           newlySilent.join(QLatin1Char('\n')), QSystemTrayIcon::Warning,
                           messageMs);
}
