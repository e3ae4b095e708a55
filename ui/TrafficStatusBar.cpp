#include "TrafficStatusBar.h"

#include "net/ListeningStatus.h"
#include "LivenessPalette.h"
#include "analysis/TrafficStatistics.h"
#include "PlainTextToolTip.h"
#include "Units.h"

#include <QLabel>
#include <QResizeEvent>

TrafficStatusBar::TrafficStatusBar(QWidget *parent)
    : QStatusBar(parent)
{
    m_listening = new QLabel(this);
    m_listening->setObjectName(QStringLiteral("listeningStatusLabel"));
    // The interface name is the system's, but still not ours to interpret as markup.
    m_listening->setTextFormat(Qt::PlainText);
    m_listening->setMinimumWidth(1);
    addWidget(m_listening, 1);

    const QString livenessTip = tr("Senders by liveness: late after 1.5 × their expected "
                                   "interval of quiet, silent after 3 ×");
    m_live = addCounter(QStringLiteral("liveCountLabel"), tr("99 live"), livenessTip);
    m_late = addCounter(QStringLiteral("lateCountLabel"), tr("99 late"), livenessTip);
    m_silent = addCounter(QStringLiteral("silentCountLabel"), tr("99 silent"), livenessTip);
    // Compact: the listening text on the left has the room first.
    m_packets = addCounter(QStringLiteral("packetsStatusLabel"), tr("Received: 9999999"),
                           tr("Datagrams received since the last clear; the datagrams table "
                              "keeps the newest of them (its rows plus those evicted from it)"));
    m_bytes = addCounter(QStringLiteral("bytesStatusLabel"), tr("99.9 MB"),
                         tr("Payload bytes received since the last clear"));
    m_rates = addCounter(QStringLiteral("ratesStatusLabel"), tr("99.9 k pkt/s, 99.9 MB/s"),
                         tr("Average over the last 10 seconds"));
    m_osDrops = addCounter(QStringLiteral("osDropsStatusLabel"), tr("OS drops: 9999"),
                           tr("Datagrams the operating system dropped because the receive "
                              "buffer was full, before this program could read them"));
    m_evicted = addCounter(QStringLiteral("evictedStatusLabel"), tr("Evicted: 99999"),
                           tr("Oldest rows dropped from the datagram table to keep it bounded; "
                              "they still count in Received"));
    showNotListening();
}

QLabel *TrafficStatusBar::addCounter(const QString &objectName, const QString &widestText,
                                     const QString &toolTip)
{
    auto *label = new QLabel(this);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    label->setToolTip(toolTip);
    // Wide enough for large values up front, so the bar does not jitter as numbers grow.
    label->setMinimumWidth(label->fontMetrics().horizontalAdvance(widestText));
    addPermanentWidget(label);
    return label;
}

void TrafficStatusBar::showListening(const ListeningStatus &status)
{
    m_listeningText = tr("Listening to %1").arg(status.describe());
    m_listening->setToolTip(PlainTextToolTip::fromPlainText(m_listeningText));
    showListeningText();
}

void TrafficStatusBar::showNotListening()
{
    m_listeningText = tr("Not listening");
    m_listening->setToolTip(QString());
    showListeningText();
}

void TrafficStatusBar::resizeEvent(QResizeEvent *event)
{
    QStatusBar::resizeEvent(event);
    showListeningText();
}

QString TrafficStatusBar::listeningText() const
{
    return m_listeningText;
}

// Elided to the room it has, the whole text in the tooltip.
void TrafficStatusBar::showListeningText()
{
    m_listening->setText(m_listening->fontMetrics().elidedText(m_listeningText, Qt::ElideRight,
                                                               m_listening->width()));
}

void TrafficStatusBar::showTraffic(const TrafficStatistics &statistics, qint64 evictedRows)
{
    const TrafficStatistics::Totals &totals = statistics.totals();
    const RateWindow::Rate rate = statistics.rate(totals.rates, rateWindowMs);
    showLiveness(statistics);
    m_packets->setText(tr("Received: %1").arg(totals.packets));
    m_bytes->setText(Units::bytes(double(totals.bytes)));
    m_rates->setText(
        tr("%1, %2")
            .arg(Units::packetRate(rate.packetsPerSecond), Units::byteRate(rate.bytesPerSecond)));
    m_osDrops->setText(tr("OS drops: %1").arg(statistics.osDrops()));
    m_evicted->setText(tr("Evicted: %1").arg(evictedRows));
}

void TrafficStatusBar::showMetricsUrl(const QString &url)
{
    if (!m_metrics) {
        m_metrics = new QLabel(this);
        m_metrics->setObjectName(QStringLiteral("metricsStatusLabel"));
        m_metrics->setTextFormat(Qt::PlainText);
        m_metrics->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_metrics->setToolTip(tr("Prometheus scrapes this window's statistics here"));
        addPermanentWidget(m_metrics);
    }
    m_metrics->setText(tr("Metrics: %1").arg(url));
}

// Late and silent counts take their state's colour while they are not zero, so trouble
// shows even with the senders tab out of sight.
void TrafficStatusBar::showLiveness(const TrafficStatistics &statistics)
{
    const struct
    {
        QLabel *label;
        Liveness state;
        QString text;
    } counts[] = {{m_live, Liveness::Live, tr("%1 live")},
                  {m_late, Liveness::Late, tr("%1 late")},
                  {m_silent, Liveness::Silent, tr("%1 silent")}};
    for (const auto &[label, state, text] : counts) {
        const int count = statistics.count(state);
        label->setText(text.arg(count));
        QPalette palette = this->palette();
        if (count > 0 && state != Liveness::Live)
            palette.setColor(QPalette::WindowText, LivenessPalette::accent(state, palette));
        label->setPalette(palette);
    }
}
