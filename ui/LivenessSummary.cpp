#include "LivenessSummary.h"

LivenessSummary::LivenessSummary(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setAccessibleName(tr("Senders' liveness"));
    // The alarm's own margins, so the text does not shift when one replaces the other.
    setContentsMargins(8, 0, 4, 0);
    setMinimumWidth(1); // one line, elided by the room it has rather than widening the window
    setText(tr("No senders yet"));
}

void LivenessSummary::showSummary(const TrafficStatistics &statistics)
{
    const QString text = describe(statistics);
    if (text != this->text())
        setText(text);
}

QString LivenessSummary::describe(const TrafficStatistics &statistics)
{
    const int total = int(statistics.senders().size());
    if (total == 0)
        return tr("No senders yet");
    const int live = statistics.count(Liveness::Live);
    if (live == total)
        return total == 1 ? tr("The sender is live") : tr("All %1 senders live").arg(total);
    QStringList parts;
    if (live > 0)
        parts.append(tr("%1 live").arg(live));
    if (const int late = statistics.count(Liveness::Late); late > 0)
        parts.append(tr("%1 late").arg(late));
    // Only while the alarm is dismissed: otherwise the alarm is in this place.
    if (const int silent = statistics.count(Liveness::Silent); silent > 0)
        parts.append(tr("%1 silent (alarm dismissed)").arg(silent));
    return total == 1 ? tr("1 sender: %1").arg(parts.join(QLatin1String(", ")))
                      : tr("%1 senders: %2").arg(QString::number(total), parts.join(QLatin1String(", ")));
}
