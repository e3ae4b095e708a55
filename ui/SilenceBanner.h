#pragma once

#include "analysis/TrafficStatistics.h"

#include <QFrame>

class QLabel;
class QToolButton;

// The alarm above the tables while any sender is silent: "1 sender silent: 127.0.0.1
// since 20:31:05". Dismissing hides it until another sender goes silent; it goes away by
// itself when every silent sender is back.
class SilenceBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SilenceBanner)

public:
    static constexpr int maxNamed = 3; // senders named in the text; the rest are counted

    explicit SilenceBanner(QWidget *parent = nullptr);

    // Call with every batch of liveness events, and with none after the statistics change
    // otherwise (a clear).
    void showSilentSenders(const TrafficStatistics &statistics,
                           const QList<LivenessEvent> &events = {});
    QString text() const;

signals:
    void dismissed();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void dismiss();

    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
    QToolButton *m_dismiss = nullptr;
    bool m_dismissed = false;
};
