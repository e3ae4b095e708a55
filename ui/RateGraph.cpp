#include "RateGraph.h"

#include "LogScale.h"
#include "analysis/RateHistory.h"
#include "output/DatagramText.h"
#include "ThemeColors.h"
#include "Units.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

constexpr qint64 windowUs = qint64(RateHistory::capacity) * 1'000'000;
constexpr int minutes = int(windowUs / 60'000'000);
constexpr int padding = 6;

double maximumIn(const QList<RatePoint> &points, qint64 sinceUs)
{
    double maximum = 0;
    for (const RatePoint &point : points) {
        if (point.timeUs >= sinceUs)
            maximum = std::max(maximum, point.packetsPerSecond);
    }
    return maximum;
}

// The sample nearest to timeUs, or nothing when timeUs lies more than half a second
// beyond the first or the last.
std::optional<RatePoint> nearest(const QList<RatePoint> &points, qint64 timeUs)
{
    constexpr qint64 halfSecondUs = 500'000;
    if (points.isEmpty() || timeUs < points.front().timeUs - halfSecondUs
        || timeUs > points.back().timeUs + halfSecondUs)
        return std::nullopt;
    const auto earlier = [](const RatePoint &point, qint64 t) { return point.timeUs < t; };
    const auto after = std::lower_bound(points.cbegin(), points.cend(), timeUs, earlier);
    if (after == points.cend())
        return points.back();
    if (after == points.cbegin())
        return *after;
    const auto before = after - 1;
    return timeUs - before->timeUs < after->timeUs - timeUs ? *before : *after;
}

QString minuteLabel(int minutesAgo)
{
    return minutesAgo == 0 ? RateGraph::tr("now") : RateGraph::tr("\u2212%1 min").arg(minutesAgo);
}

} // namespace

// Where things go in one paint: the plot area and the scales that map onto it.
struct RateGraph::Frame
{
    QRectF plot;
    QRectF header; // the axis title on the left, the legend on the right
    LogScale scale = LogScale::forMaximum(0);
    qint64 endUs = 0;

    double x(qint64 timeUs) const
    {
        return plot.right() - double(endUs - timeUs) / double(windowUs) * plot.width();
    }
    qint64 timeAt(double xPosition) const
    {
        return endUs - qint64((plot.right() - xPosition) / plot.width() * double(windowUs));
    }
    double y(double packetsPerSecond) const
    {
        return plot.bottom() - scale.fraction(packetsPerSecond) * plot.height();
    }
};

RateGraph::RateGraph(Measure measure, QWidget *parent)
    : QWidget(parent)
    , m_measure(measure)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setAccessibleName(m_measure == Measure::Lost
                          ? tr("Lost datagrams per second, last %1 minutes").arg(minutes)
                          : tr("Packets per second, last %1 minutes").arg(minutes));
}

QList<RatePoint> RateGraph::totalSeries() const
{
    if (!m_history)
        return {};
    return m_measure == Measure::Lost ? m_history->totalLost() : m_history->total();
}

QList<RatePoint> RateGraph::selectedSeries() const
{
    if (!m_history || !m_selectedFlow)
        return {};
    return m_measure == Measure::Lost ? m_history->senderLost(*m_selectedFlow)
                                      : m_history->sender(*m_selectedFlow);
}

QString RateGraph::placeholderText() const
{
    if (m_measure == Measure::Received) {
        const QList<RatePoint> total = totalSeries();
        const bool traffic = std::any_of(total.cbegin(), total.cend(), [](const RatePoint &point) {
            return point.packetsPerSecond > 0;
        });
        return traffic ? QString() : tr("No traffic yet");
    }
    if (!m_history || m_history->isEmpty() || !m_history->anySequence())
        return tr("No sequence numbers yet: loss is counted for RTP (MPEG-TS in RTP too), iperf 2 "
                  "and mcjoin streams");
    return {};
}

// The selected flow's legend entry; loss says when its format cannot show any.
QString RateGraph::selectedLabel() const
{
    if (m_measure == Measure::Lost && m_history && m_selectedFlow
        && !m_history->senderHasSequence(*m_selectedFlow))
        return tr("%1: no sequence numbers").arg(m_selectedLabel);
    return m_selectedLabel;
}

void RateGraph::setHistory(const RateHistory *history)
{
    m_history = history;
    update();
}

void RateGraph::setSelectedSender(const FlowKey &flow, const QString &label)
{
    m_selectedFlow = flow;
    m_selectedLabel = label;
    update();
}

void RateGraph::clearSelectedSender()
{
    m_selectedFlow.reset();
    m_selectedLabel.clear();
    update();
}

QSize RateGraph::sizeHint() const
{
    return {600, 200};
}

QSize RateGraph::minimumSizeHint() const
{
    // Small enough that the flows tab with two graphs leaves the datagrams table its share
    // at 1024×768: a title line, two axis labels and the plot between them.
    return {260, 3 * fontMetrics().height() + 2 * padding + 24};
}

QColor RateGraph::totalColor(const QPalette &palette)
{
    return ThemeColors::isDark(palette) ? QColor(0x5c, 0xad, 0xf2) : QColor(0x15, 0x65, 0xc0);
}

QColor RateGraph::senderColor(const QPalette &palette)
{
    return ThemeColors::isDark(palette) ? QColor(0xff, 0x9e, 0x40) : QColor(0xd8, 0x43, 0x15);
}

RateGraph::Frame RateGraph::frame(const QList<RatePoint> &total,
                                  const QList<RatePoint> &sender) const
{
    Frame result;
    result.endUs = m_history ? m_history->latestTimeUs() : 0;
    const double maximum = std::max(maximumIn(total, result.endUs - windowUs),
                                    maximumIn(sender, result.endUs - windowUs));
    result.scale = LogScale::forMaximum(maximum);

    const QFontMetrics metrics = fontMetrics();
    // "100 k" at least: a graph beside another with larger numbers keeps its time axis.
    int labelWidth = metrics.horizontalAdvance(LogScale::decadeLabel(5));
    for (int exponent = LogScale::bottomExponent; exponent <= result.scale.topExponent(); ++exponent) {
        const int advance = metrics.horizontalAdvance(LogScale::decadeLabel(exponent));
        labelWidth = std::max(labelWidth, advance);
    }
    const double left = padding + labelWidth + padding;
    // Below the header by half a line: the top decade's label is centred on the frame.
    const double top = padding + metrics.height() * 3 / 2 + padding / 2;
    const double right = width() - padding;
    const double bottom = height() - padding - metrics.height() - padding / 2;
    result.plot = QRectF(QPointF(left, top), QPointF(right, bottom));
    result.header = QRectF(padding, padding, width() - 2 * padding, metrics.height());
    return result;
}

void RateGraph::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));

    const QList<RatePoint> total = totalSeries();
    const QList<RatePoint> sender = selectedSeries();
    const Frame layout = frame(total, sender);
    if (layout.plot.width() < 20 || layout.plot.height() < 20)
        return;

    drawGrid(painter, layout);
    drawLegend(painter, layout);
    const QString placeholder = placeholderText();
    if (!placeholder.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(layout.plot.adjusted(padding, 0, -padding, 0),
                         Qt::AlignCenter | Qt::TextWordWrap, placeholder);
        return;
    }
    painter.save();
    painter.setClipRect(layout.plot.adjusted(0, -2, 0, 2));
    painter.setRenderHint(QPainter::Antialiasing);
    drawSeries(painter, layout, total, totalColor(palette()), true);
    if (m_selectedFlow)
        drawSeries(painter, layout, sender, senderColor(palette()), false);
    painter.restore();
    drawHover(painter, layout, total, sender);
}

void RateGraph::drawGrid(QPainter &painter, const Frame &layout) const
{
    const QPalette &colors = palette();
    const QColor text = colors.color(QPalette::Text);
    const QColor base = colors.color(QPalette::Base);
    const bool dark = ThemeColors::isDark(colors);
    const QColor labelColor = ThemeColors::mixed(text, base, 0.25);
    // Mid is close to the base in dark themes and far from it in light ones.
    const QColor mid = colors.color(QPalette::Mid);
    const QColor gridColor = ThemeColors::mixed(mid, base, dark ? 0.3 : 0.55);
    const QColor minorColor = ThemeColors::mixed(gridColor, base, 0.6);
    const QFontMetrics metrics = fontMetrics();
    const QRectF &plot = layout.plot;

    // Decades, with faint lines at 2× and 5× where there is room for them.
    const int top = layout.scale.topExponent();
    const double decadeHeight = plot.height() / layout.scale.decades();
    const bool roomForMinorLines = decadeHeight >= 24;
    for (int exponent = LogScale::bottomExponent; exponent < top && roomForMinorLines; ++exponent) {
        painter.setPen(QPen(minorColor, 0));
        for (const double multiple : {2.0, 5.0}) {
            const double y = std::round(layout.y(multiple * std::pow(10.0, exponent))) + 0.5;
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        }
    }
    // Skip labels when the decades are closer together than a line of text.
    const int labelEvery =
        std::max(1, int(std::ceil(metrics.height() / std::max(decadeHeight, 1.0))));
    for (int exponent = LogScale::bottomExponent; exponent <= top; ++exponent) {
        const double y = std::round(layout.y(std::pow(10.0, exponent))) + 0.5;
        painter.setPen(QPen(gridColor, 0));
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        if ((top - exponent) % labelEvery != 0)
            continue;
        painter.setPen(labelColor);
        const QRectF label(0, y - metrics.height() / 2.0, plot.left() - padding, metrics.height());
        painter.drawText(label, Qt::AlignRight | Qt::AlignVCenter, LogScale::decadeLabel(exponent));
    }

    // Minutes, labelled from "now" leftwards while the labels do not collide. The labels at
    // the ends line up with the frame instead of centring on it, clear of the decade labels.
    double leftmostLabel = std::numeric_limits<double>::max();
    for (int minute = 0; minute <= minutes; ++minute) {
        const double x = std::round(layout.x(layout.endUs - qint64(minute) * 60'000'000)) + 0.5;
        painter.setPen(QPen(gridColor, 0));
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        const QString label = minuteLabel(minute);
        const double textWidth = metrics.horizontalAdvance(label);
        const double labelLeft =
            std::clamp(x - textWidth / 2, plot.left(), plot.right() - textWidth);
        if (labelLeft + textWidth + 2 * padding > leftmostLabel)
            continue;
        leftmostLabel = labelLeft;
        painter.setPen(labelColor);
        const QRectF labelRect(labelLeft, plot.bottom() + padding / 2, textWidth, metrics.height());
        painter.drawText(labelRect, Qt::AlignCenter, label);
    }

    painter.setPen(QPen(ThemeColors::mixed(mid, base, dark ? 0 : 0.2), 0));
    painter.drawRect(plot.adjusted(-0.5, -0.5, 0.5, 0.5));
}

void RateGraph::drawLegend(QPainter &painter, const Frame &layout) const
{
    const QColor text = palette().color(QPalette::Text);
    const QFontMetrics metrics = fontMetrics();
    painter.setPen(ThemeColors::mixed(text, palette().color(QPalette::Base), 0.25));
    painter.drawText(layout.header, Qt::AlignLeft | Qt::AlignVCenter,
                     m_measure == Measure::Lost ? tr("lost/s") : tr("packets/s"));

    struct Entry
    {
        QString label;
        QColor color;
    };
    if (!placeholderText().isEmpty())
        return;
    QList<Entry> entries{{tr("Total"), totalColor(palette())}};
    if (m_selectedFlow) {
        const int labelWidth = 32 * metrics.averageCharWidth();
        entries.append({metrics.elidedText(selectedLabel(), Qt::ElideMiddle, labelWidth),
                        senderColor(palette())});
    }

    const int swatch = metrics.height() * 3 / 2;
    double right = layout.header.right();
    for (auto entry = entries.crbegin(); entry != entries.crend(); ++entry) {
        const double labelWidth = metrics.horizontalAdvance(entry->label);
        const double labelLeft = right - labelWidth;
        painter.setPen(text);
        painter.drawText(QRectF(labelLeft, layout.header.top(), labelWidth, layout.header.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, entry->label);
        const double y = layout.header.center().y();
        painter.setPen(QPen(entry->color, 3, Qt::SolidLine, Qt::FlatCap));
        painter.drawLine(QPointF(labelLeft - padding - swatch, y), QPointF(labelLeft - padding, y));
        right = labelLeft - padding - swatch - 3 * padding;
    }
}

void RateGraph::drawSeries(QPainter &painter, const Frame &layout, const QList<RatePoint> &points,
                           const QColor &color, bool filled) const
{
    if (points.isEmpty())
        return;
    QPainterPath line;
    line.moveTo(layout.x(points.front().timeUs), layout.y(points.front().packetsPerSecond));
    for (const RatePoint &point : points)
        line.lineTo(layout.x(point.timeUs), layout.y(point.packetsPerSecond));
    if (filled) {
        QPainterPath area = line;
        area.lineTo(layout.x(points.back().timeUs), layout.plot.bottom());
        area.lineTo(layout.x(points.front().timeUs), layout.plot.bottom());
        area.closeSubpath();
        QColor fill = color;
        fill.setAlphaF(ThemeColors::isDark(palette()) ? 0.28f : 0.18f);
        painter.fillPath(area, fill);
    }
    const double lineWidth = filled ? 1.5 : 2;
    painter.strokePath(line, QPen(color, lineWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
}

void RateGraph::drawHover(QPainter &painter, const Frame &layout, const QList<RatePoint> &total,
                          const QList<RatePoint> &sender) const
{
    if (!m_hoverPosition || !layout.plot.contains(*m_hoverPosition))
        return;
    const auto point = nearest(total, layout.timeAt(m_hoverPosition->x()));
    if (!point)
        return;
    const QPalette &colors = palette();
    const QColor text = colors.color(QPalette::Text);
    const QColor base = colors.color(QPalette::Base);
    const double x = std::round(layout.x(point->timeUs)) + 0.5;

    painter.setPen(QPen(ThemeColors::mixed(text, base, 0.45), 0));
    painter.drawLine(QPointF(x, layout.plot.top()), QPointF(x, layout.plot.bottom()));

    struct Line
    {
        QString text;
        QColor color; // of the series, invalid for the time
        double value = 0;
    };
    const QString time =
        DatagramText::clockTime(point->timeUs, DatagramText::ClockPrecision::Seconds);
    QList<Line> lines{{time, {}, 0},
                      {tr("Total: %1").arg(Units::packetRate(point->packetsPerSecond)),
                       totalColor(colors), point->packetsPerSecond}};
    if (m_selectedFlow) {
        const double value = nearest(sender, point->timeUs).value_or(RatePoint{}).packetsPerSecond;
        lines.append({QStringLiteral("%1: %2").arg(selectedLabel(), Units::packetRate(value)),
                      senderColor(colors), value});
    }

    painter.setRenderHint(QPainter::Antialiasing);
    for (const Line &line : lines) {
        if (!line.color.isValid())
            continue;
        painter.setPen(QPen(base, 1.5));
        painter.setBrush(line.color);
        painter.drawEllipse(QPointF(x, layout.y(line.value)), 3.5, 3.5);
    }

    const QFontMetrics metrics = fontMetrics();
    const int swatch = metrics.height() / 2;
    double textWidth = 0;
    for (const Line &line : lines)
        textWidth = std::max<double>(textWidth, metrics.horizontalAdvance(line.text));
    const QSizeF size(padding + swatch + padding + textWidth + padding,
                      padding + lines.size() * metrics.height() + padding);
    QPointF topLeft(x + 2 * padding, layout.plot.top() + padding);
    if (topLeft.x() + size.width() > layout.plot.right())
        topLeft.setX(x - 2 * padding - size.width());
    const QRectF box(topLeft, size);

    QColor background = base;
    background.setAlphaF(0.92f);
    painter.setPen(QPen(colors.color(QPalette::Mid), 1));
    painter.setBrush(background);
    painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
    painter.setRenderHint(QPainter::Antialiasing, false);
    double y = box.top() + padding;
    for (const Line &line : lines) {
        if (line.color.isValid()) {
            const double swatchTop = y + (metrics.height() - swatch) / 2.0;
            painter.fillRect(QRectF(box.left() + padding, swatchTop, swatch, swatch), line.color);
        }
        painter.setPen(text);
        painter.drawText(QRectF(box.left() + 2 * padding + swatch, y, textWidth, metrics.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, line.text);
        y += metrics.height();
    }
}

void RateGraph::mouseMoveEvent(QMouseEvent *event)
{
    m_hoverPosition = event->position().toPoint();
    update();
}

void RateGraph::leaveEvent(QEvent *)
{
    m_hoverPosition.reset();
    update();
}
