#include "RateGraph.h"
#include "analysis/RateHistory.h"
#include "Flows.h"
#include "TestPalettes.h"
#include "analysis/TrafficStatistics.h"

#include <QImage>
#include <QMouseEvent>
#include <QTest>

#include <cstdlib>

namespace {

constexpr IpAddress heartbeat = IpAddress::fromIPv4(0x0a000001);
constexpr IpAddress steady = IpAddress::fromIPv4(0x0a000002);
constexpr IpAddress burst = IpAddress::fromIPv4(0x0a000003);

// Statistics on an injected clock and the history sampled from them, a second at a time.
class Traffic final
{
public:
    void second(const QList<QPair<IpAddress, int>> &packets)
    {
        for (const auto &[source, count] : packets) {
            for (int i = 0; i < count; ++i) {
                ReceivedDatagram datagram;
                datagram.source = source;
                datagram.arrivalUs = m_now + i;
                m_statistics.record(datagram);
            }
        }
        m_now += 1'000'000;
        history.sample(m_statistics);
    }

    // A second of RTP datagrams from source with these sequence numbers.
    void numberedSecond(IpAddress source, const QList<int> &sequences)
    {
        for (const int sequence : sequences) {
            ReceivedDatagram datagram;
            datagram.source = source;
            datagram.arrivalUs = m_now + sequence;
            datagram.format = PayloadFormat::Rtp;
            datagram.stream.sequence = quint64(sequence);
            datagram.stream.sequenceBits = 16;
            m_statistics.record(datagram);
        }
        m_now += 1'000'000;
        history.sample(m_statistics);
    }

    RateHistory history;

private:
    qint64 m_now = 1'700'000'000'000'000;
    TrafficStatistics m_statistics{[this] { return m_now; }};
};

int distance(const QColor &a, const QColor &b)
{
    return std::max({std::abs(a.red() - b.red()), std::abs(a.green() - b.green()),
                     std::abs(a.blue() - b.blue())});
}

int countDiffering(const QImage &image, const QColor &color, int threshold)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            count += distance(image.pixelColor(x, y), color) > threshold ? 1 : 0;
    return count;
}

// Antialiased lines rarely hit a pixel exactly: "near" leaves room for partial coverage.
int countNear(const QImage &image, const QColor &color, int tolerance = 64)
{
    return image.width() * image.height() - countDiffering(image, color, tolerance);
}

// The row in this column that is closest to the colour, or -1 when none comes near it.
int rowOf(const QImage &image, int x, const QColor &color)
{
    int best = -1;
    int bestDistance = 60;
    for (int y = 0; y < image.height(); ++y) {
        const int d = distance(image.pixelColor(x, y), color);
        if (d < bestDistance) {
            best = y;
            bestDistance = d;
        }
    }
    return best;
}

QList<double> values(const QList<RatePoint> &points)
{
    QList<double> result;
    for (const RatePoint &point : points)
        result.append(point.packetsPerSecond);
    return result;
}

FlowKey rtpFlowOf(const IpAddress &source)
{
    FlowKey key = flowOf(source);
    key.format = PayloadFormat::Rtp;
    return key;
}

QImage render(RateGraph &graph)
{
    return graph.grab().toImage().convertToFormat(QImage::Format_RGB32);
}

} // namespace

class TestRateGraph final : public QObject
{
    Q_OBJECT

private:
    // A heartbeat for five minutes, a steady 10 pkt/s sender and a burst in the middle.
    Traffic m_traffic;

private slots:
    void initTestCase()
    {
        for (int s = 0; s < RateHistory::capacity; ++s) {
            const bool bursting = s >= 140 && s < 150;
            m_traffic.second({{heartbeat, 1}, {steady, 10}, {burst, bursting ? 5000 : 0}});
        }
    }

    void hasAConvenientSize()
    {
        const RateGraph graph;
        QCOMPARE(graph.sizeHint(), QSize(600, 200));
        QVERIFY(graph.minimumSizeHint().width() < 600);
    }

    void drawsTheTotalInEitherTheme_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::newRow("light") << TestPalettes::light();
        QTest::newRow("dark") << TestPalettes::dark();
    }

    void drawsTheTotalInEitherTheme()
    {
        QFETCH(QPalette, palette);
        RateGraph graph;
        graph.setPalette(palette);
        graph.resize(600, 200);
        graph.setHistory(&m_traffic.history);
        const QImage image = render(graph);

        const QColor base = palette.color(QPalette::Base);
        QCOMPARE(image.pixelColor(1, 1), base);
        const int drawn = countDiffering(image, base, 24);
        QVERIFY2(drawn > image.width() * image.height() / 50, qPrintable(QString::number(drawn)));
        // The total's line crosses the whole plot; no sender is selected.
        QVERIFY2(countNear(image, RateGraph::totalColor(palette)) > 500,
                 qPrintable(QString::number(countNear(image, RateGraph::totalColor(palette)))));
        QCOMPARE(countNear(image, RateGraph::senderColor(palette)), 0);
        // The series stands out from the theme's base (at least 3:1 would need luminance;
        // a wide channel difference is the cheap proxy).
        QVERIFY(distance(RateGraph::totalColor(palette), base) > 100);
        QVERIFY(distance(RateGraph::senderColor(palette), base) > 100);
    }

    void seriesColoursFollowTheTheme()
    {
        const QPalette light = TestPalettes::light();
        QVERIFY(RateGraph::totalColor(light) != RateGraph::totalColor(TestPalettes::dark()));
        QVERIFY(RateGraph::totalColor(light) != RateGraph::senderColor(light));
    }

    void drawsTheSelectedSender()
    {
        RateGraph graph;
        graph.setPalette(TestPalettes::dark());
        graph.resize(600, 200);
        graph.setHistory(&m_traffic.history);
        const QColor color = RateGraph::senderColor(graph.palette());

        graph.setSelectedSender(flowOf(heartbeat), QStringLiteral("10.0.0.1"));
        QVERIFY(countNear(render(graph), color) > 500);
        graph.clearSelectedSender();
        QCOMPARE(countNear(render(graph), color), 0);
        // A sender the history does not know draws nothing but its legend entry.
        graph.setSelectedSender(flowOf(IpAddress::fromIPv4(0x0a0000ff)), QStringLiteral("10.0.0.255"));
        QVERIFY(countNear(render(graph), color) < 100);
    }

    void theScaleIsLogarithmic()
    {
        // A minute and a half each of nothing, 1 pkt/s and 1000 pkt/s: one decade from the
        // floor (0.1) to 1, three from 1 to 1000.
        Traffic traffic;
        for (int s = 0; s < RateHistory::capacity; ++s)
            traffic.second({{heartbeat, s < 100 ? 0 : (s < 200 ? 1 : 1000)}});
        RateGraph graph;
        graph.setPalette(TestPalettes::light());
        graph.resize(600, 200);
        graph.setHistory(&traffic.history);
        const QImage image = render(graph);
        const QColor color = RateGraph::totalColor(graph.palette());

        const int zero = rowOf(image, 140, color);
        const int one = rowOf(image, 320, color);
        const int thousand = rowOf(image, 500, color);
        QVERIFY2(zero > one && one > thousand,
                 qPrintable(QStringLiteral("%1 %2 %3").arg(zero).arg(one).arg(thousand)));
        const double ratio = double(zero - one) / double(one - thousand);
        QVERIFY2(ratio > 0.25 && ratio < 0.42, qPrintable(QString::number(ratio)));
    }

    void showsAnEmptyState_data()
    {
        QTest::addColumn<bool>("withHistory");
        QTest::newRow("no history") << false;
        QTest::newRow("only silence") << true;
    }

    void showsAnEmptyState()
    {
        QFETCH(bool, withHistory);
        Traffic silence;
        for (int s = 0; s < 30; ++s)
            silence.second({});
        RateGraph graph;
        graph.setPalette(TestPalettes::light());
        graph.resize(600, 200);
        graph.setHistory(withHistory ? &silence.history : nullptr);
        graph.setSelectedSender(flowOf(heartbeat), QStringLiteral("10.0.0.1"));
        const QImage image = render(graph);

        const QColor base = graph.palette().color(QPalette::Base);
        // Axes, grid and the "No traffic yet" message, but neither series nor legend.
        QVERIFY(countDiffering(image, base, 24) > 500);
        QCOMPARE(countNear(image, RateGraph::totalColor(graph.palette())), 0);
        QCOMPARE(countNear(image, RateGraph::senderColor(graph.palette())), 0);
    }

    // The loss graph draws lost datagrams per second of the history: a line along zero while
    // nothing is lost, and a note instead while no flow has sequence numbers.
    void theLossGraphShowsLostPerSecond()
    {
        Traffic traffic;
        RateGraph graph(RateGraph::Measure::Lost);
        graph.setPalette(TestPalettes::light());
        graph.resize(600, 200);
        graph.setHistory(&traffic.history);
        QVERIFY(graph.placeholderText().contains(QStringLiteral("sequence numbers")));
        traffic.second({{heartbeat, 1}});
        QVERIFY(graph.placeholderText().contains(QStringLiteral("sequence numbers")));
        QCOMPARE(countNear(render(graph), RateGraph::totalColor(graph.palette())), 0);

        // A minute without loss: a line along zero, as long as the minute.
        for (int s = 0; s < 60; ++s)
            traffic.numberedSecond(steady, {4 * s, 4 * s + 1, 4 * s + 2, 4 * s + 3});
        QCOMPARE(graph.placeholderText(), QString());
        const QList<double> nothingLost(61, 0.0);
        QCOMPARE(values(graph.totalSeries()), nothingLost);
        QVERIFY(countNear(render(graph), RateGraph::totalColor(graph.palette())) > 60);

        traffic.numberedSecond(steady, {240, 243, 244, 248}); // 241, 242, 245 to 247 lost
        QCOMPARE(values(graph.totalSeries()), nothingLost + QList<double>{5});
        graph.setSelectedSender(rtpFlowOf(steady), QStringLiteral("10.0.0.2"));
        QCOMPARE(values(graph.selectedSeries()), nothingLost + QList<double>{5});
        graph.setSelectedSender(flowOf(heartbeat), QStringLiteral("10.0.0.1"));
        QCOMPARE(values(graph.selectedSeries()), QList<double>(62, 0.0));
        QVERIFY(countNear(render(graph), RateGraph::senderColor(graph.palette())) > 60);

        // The rate graph of the same history counts what arrived.
        RateGraph rates;
        rates.setHistory(&traffic.history);
        QCOMPARE(rates.measure(), RateGraph::Measure::Received);
        QCOMPARE(values(rates.totalSeries()).mid(0, 3), (QList<double>{1, 4, 4}));
        rates.setHistory(nullptr);
        QCOMPARE(rates.placeholderText(), QStringLiteral("No traffic yet"));
    }

    void hoveringShowsTheSecondUnderTheCursor()
    {
        RateGraph graph;
        graph.setPalette(TestPalettes::light());
        graph.resize(600, 200);
        graph.setHistory(&m_traffic.history);
        graph.setSelectedSender(flowOf(steady), QStringLiteral("10.0.0.2"));
        QVERIFY(graph.hasMouseTracking());
        const QImage plain = render(graph);

        QMouseEvent move(QEvent::MouseMove, QPointF(300, 100), QPointF(300, 100), Qt::NoButton,
                         Qt::NoButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&graph, &move);
        const QImage hovered = render(graph);
        int changed = 0;
        for (int y = 0; y < plain.height(); ++y)
            for (int x = 0; x < plain.width(); ++x)
                changed += plain.pixel(x, y) != hovered.pixel(x, y) ? 1 : 0;
        // A cursor line and a read-out box.
        QVERIFY2(changed > 1000, qPrintable(QString::number(changed)));

        QEvent leave(QEvent::Leave);
        QCoreApplication::sendEvent(&graph, &leave);
        QCOMPARE(render(graph), plain);
    }
};

QTEST_MAIN(TestRateGraph)
#include "tst_rategraph.moc"
