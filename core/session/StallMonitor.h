#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

// Measures how responsive the event loop it lives on is: a short repeating timer records
// how late each tick fires. The largest delay is the longest the loop was stalled.
class StallMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StallMonitor)

public:
    static constexpr int tickMs = 10;

    explicit StallMonitor(QObject *parent = nullptr);

    void start();
    double maxStallMs() const { return m_maxStallMs; }

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_sinceTick;
    double m_maxStallMs = 0;
};
