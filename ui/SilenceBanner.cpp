#include "SilenceBanner.h"

#include "output/DatagramText.h"
#include "LivenessPalette.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QStyle>
#include <QToolButton>

#include <algorithm>

namespace {

bool anyWentSilent(const QList<LivenessEvent> &events)
{
    return std::any_of(events.cbegin(), events.cend(), [](const LivenessEvent &event) {
        return event.kind == LivenessEvent::Kind::Silent;
    });
}

} // namespace

SilenceBanner::SilenceBanner(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel)
    , m_text(new QLabel)
    , m_dismiss(new QToolButton)
{
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this)
                          .pixmap(iconSize, iconSize));
    m_text->setObjectName(QStringLiteral("silenceText"));
    m_text->setTextFormat(Qt::PlainText);
    // One line, so that the banner's height is the same whatever it says (the window keeps
    // its place while it is hidden); the tooltip has the whole text.
    m_text->setMinimumWidth(1);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_text->font();
    bold.setBold(true);
    m_text->setFont(bold);

    m_dismiss->setObjectName(QStringLiteral("dismissSilenceButton"));
    m_dismiss->setText(tr("Dismiss"));
    m_dismiss->setAutoRaise(true);
    m_dismiss->setToolTip(tr("Hide this alarm until another sender goes silent"));
    connect(m_dismiss, &QToolButton::clicked, this, &SilenceBanner::dismiss);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_dismiss);
    setAccessibleName(tr("Silent senders alarm"));
    hide();
}

QString SilenceBanner::text() const
{
    return m_text->text();
}

void SilenceBanner::showSilentSenders(const TrafficStatistics &statistics,
                                      const QList<LivenessEvent> &events)
{
    QStringList named;
    int silent = 0;
    for (const TrafficStatistics::Sender &sender : statistics.senders()) {
        if (sender.liveness != Liveness::Silent)
            continue;
        if (++silent <= maxNamed)
            named.append(tr("%1 since %2")
                             .arg(sender.address.toString(),
                                  DatagramText::clockTime(sender.lastSeenUs, DatagramText::ClockPrecision::Seconds)));
    }
    if (silent == 0) {
        m_dismissed = false;
        m_text->clear();
        hide();
        return;
    }
    if (silent > maxNamed)
        named.append(tr("and %1 more").arg(silent - maxNamed));
    const QString list = named.join(QLatin1String(", "));
    m_text->setText(silent == 1 ? tr("1 sender silent: %1").arg(list)
                                : tr("%1 senders silent: %2").arg(QString::number(silent), list));
    m_text->setToolTip(m_text->text());
    if (anyWentSilent(events))
        m_dismissed = false;
    setVisible(!m_dismissed);
}

void SilenceBanner::dismiss()
{
    m_dismissed = true;
    hide();
    emit dismissed();
}

// Painted rather than styled, so the colours follow a change of theme at once.
void SilenceBanner::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event);
    QPainter painter(this);
    const QPalette palette = this->palette();
    painter.fillRect(rect(), LivenessPalette::background(Liveness::Silent, palette));
    painter.setPen(LivenessPalette::accent(Liveness::Silent, palette));
    painter.drawRect(rect().adjusted(0, 0, -1, -1));
}
