#include "LivenessPalette.h"
#include "TestPalettes.h"
#include "ThemeColors.h"

#include <QTest>

#include <cmath>

namespace {

double luminance(const QColor &color)
{
    const auto linear = [](double channel) {
        return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(color.redF()) + 0.7152 * linear(color.greenF())
           + 0.0722 * linear(color.blueF());
}

// The WCAG contrast ratio: 4.5 is the minimum for normal text.
double contrast(const QColor &a, const QColor &b)
{
    const double lighter = std::max(luminance(a), luminance(b));
    const double darker = std::min(luminance(a), luminance(b));
    return (lighter + 0.05) / (darker + 0.05);
}

constexpr Liveness states[] = {Liveness::Live, Liveness::Late, Liveness::Silent};

} // namespace

class TestLivenessPalette final : public QObject
{
    Q_OBJECT

private slots:
    void readableOnBothThemes_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << TestPalettes::light() << false;
        QTest::newRow("dark") << TestPalettes::dark() << true;
    }

    void readableOnBothThemes()
    {
        QFETCH(QPalette, palette);
        QFETCH(bool, dark);
        QCOMPARE(ThemeColors::isDark(palette), dark);
        const QColor text = palette.color(QPalette::Text);
        const QColor base = palette.color(QPalette::Base);
        for (const Liveness state : states) {
            const QColor background = LivenessPalette::background(state, palette);
            const QColor accent = LivenessPalette::accent(state, palette);
            const QString textOnTint = QStringLiteral("text on %1: %2")
                                           .arg(background.name())
                                           .arg(contrast(text, background));
            QVERIFY2(contrast(text, background) >= 4.5, qPrintable(textOnTint));
            const QString accentOnBase =
                QStringLiteral("%1 on base: %2").arg(accent.name()).arg(contrast(accent, base));
            QVERIFY2(contrast(accent, base) >= 4.5, qPrintable(accentOnBase));
            // A tint, visibly different from the plain rows around it.
            QVERIFY(background != base);
            QVERIFY(contrast(background, base) < 2.0);
        }
    }

    void statesAreDistinct()
    {
        for (const QPalette &palette : {TestPalettes::light(), TestPalettes::dark()}) {
            const auto accent = [&palette](Liveness state) {
                return LivenessPalette::accent(state, palette);
            };
            QVERIFY(accent(Liveness::Live) != accent(Liveness::Late));
            QVERIFY(accent(Liveness::Late) != accent(Liveness::Silent));
            QVERIFY(accent(Liveness::Live) != accent(Liveness::Silent));
            QVERIFY(LivenessPalette::background(Liveness::Late, palette)
                    != LivenessPalette::background(Liveness::Silent, palette));
        }
        QVERIFY(LivenessPalette::accent(Liveness::Silent, TestPalettes::light())
                != LivenessPalette::accent(Liveness::Silent, TestPalettes::dark()));
    }

    void eventsTakeTheColourOfTheirOutcome()
    {
        QCOMPARE(LivenessPalette::stateAfter(LivenessEvent::Kind::Appeared), Liveness::Live);
        QCOMPARE(LivenessPalette::stateAfter(LivenessEvent::Kind::Back), Liveness::Live);
        QCOMPARE(LivenessPalette::stateAfter(LivenessEvent::Kind::Late), Liveness::Late);
        QCOMPARE(LivenessPalette::stateAfter(LivenessEvent::Kind::Silent), Liveness::Silent);
    }
};

QTEST_MAIN(TestLivenessPalette)
#include "tst_livenesspalette.moc"
