#pragma once

#include "analysis/TrafficStatistics.h"

#include <QPoint>
#include <QWidget>

#include <optional>

class RateHistory;
struct RatePoint;

// Packets received (or lost) per second over the last five minutes, drawn from a
// RateHistory: the total as a filled area and, when one is selected, a sender as a line
// over it. The y axis is logarithmic, so a 1 pkt/s heartbeat and a 50 k pkt/s flood share
// one graph; its labels take the same width at any scale, so that graphs stacked in one
// column share their time axis. Hovering shows the second under the cursor. The owner
// samples the history and calls update(). Loss needs sequence numbers: without a flow that
// has them the loss graph says so, with them and nothing lost it is a line along zero.
class RateGraph final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RateGraph)

public:
    enum class Measure { Received, Lost };

    explicit RateGraph(Measure measure = Measure::Received, QWidget *parent = nullptr);

    Measure measure() const { return m_measure; }

    // Not owned; must outlive the graph or be replaced with nullptr first.
    void setHistory(const RateHistory *history);
    // The label (usually the address) is drawn as plain text in the legend and read-out.
    void setSelectedSender(const FlowKey &flow, const QString &label);
    void clearSelectedSender();
    std::optional<FlowKey> selectedSender() const { return m_selectedFlow; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // What the graph draws now, oldest to newest: the total and the selected sender's.
    QList<RatePoint> totalSeries() const;
    QList<RatePoint> selectedSeries() const;
    // Why there is nothing to draw ("No traffic yet", "No sequence numbers"), or empty.
    QString placeholderText() const;

    // Series colours for this palette, readable on its base colour (light or dark).
    static QColor totalColor(const QPalette &palette);
    static QColor senderColor(const QPalette &palette);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    struct Frame;

    Frame frame(const QList<RatePoint> &total, const QList<RatePoint> &sender) const;
    void drawGrid(QPainter &painter, const Frame &frame) const;
    void drawLegend(QPainter &painter, const Frame &frame) const;
    void drawSeries(QPainter &painter, const Frame &frame, const QList<RatePoint> &points,
                    const QColor &color, bool filled) const;
    void drawHover(QPainter &painter, const Frame &frame, const QList<RatePoint> &total,
                   const QList<RatePoint> &sender) const;

    QString selectedLabel() const;

    Measure m_measure = Measure::Received;
    const RateHistory *m_history = nullptr;
    std::optional<FlowKey> m_selectedFlow;
    QString m_selectedLabel;
    std::optional<QPoint> m_hoverPosition;
};
