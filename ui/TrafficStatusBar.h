#pragma once

#include <QStatusBar>

class QLabel;
class TrafficStatistics;
struct ListeningStatus;

// The window's status bar: what we listen to, then totals and 10 s rates on the right.
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

private:
    QLabel *addCounter(const QString &objectName, const QString &widestText,
                       const QString &toolTip);

    QLabel *m_listening = nullptr;
    QLabel *m_packets = nullptr;
    QLabel *m_bytes = nullptr;
    QLabel *m_rates = nullptr;
    QLabel *m_evicted = nullptr;
};
