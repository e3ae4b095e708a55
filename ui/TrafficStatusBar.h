#pragma once

#include <QStatusBar>

class QLabel;
class TrafficStatistics;
struct ListeningStatus;

// The window's status bar: what we listen to, then the senders by liveness, totals, 10 s
// rates and what was lost (dropped by the OS, evicted from the table) on the right.
class TrafficStatusBar final : public QStatusBar
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficStatusBar)

public:
    static constexpr qint64 rateWindowMs = 10000;

    explicit TrafficStatusBar(QWidget *parent = nullptr);

    void showListening(const ListeningStatus &status);
    void showNotListening();
    void showTraffic(const TrafficStatistics &statistics, qint64 evictedRows);
    // "Metrics: http://127.0.0.1:9300/metrics", last on the right, selectable to copy.
    void showMetricsUrl(const QString &url);
    // Whole, as the label shows it elided.
    QString listeningText() const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    QLabel *addCounter(const QString &objectName, const QString &widestText,
                       const QString &toolTip);
    void showLiveness(const TrafficStatistics &statistics);
    void showListeningText();

    QString m_listeningText;

    QLabel *m_listening = nullptr;
    QLabel *m_live = nullptr;
    QLabel *m_late = nullptr;
    QLabel *m_silent = nullptr;
    QLabel *m_packets = nullptr;
    QLabel *m_bytes = nullptr;
    QLabel *m_rates = nullptr;
    QLabel *m_osDrops = nullptr;
    QLabel *m_evicted = nullptr;
    QLabel *m_metrics = nullptr;
};
