#include "SilenceBanner.h"

#include <QDateTime>
#include <QLabel>
#include <QTest>
#include <QToolButton>

namespace {

constexpr IpAddress hostA = IpAddress::fromIPv4(0x7f000001); // 127.0.0.1
constexpr IpAddress hostB = IpAddress::fromIPv4(0xc6120001); // 198.18.0.1

} // namespace

// The banner over statistics on an injected clock: senders heard once a second, then
// quiet for long enough to go silent.
class TestSilenceBanner final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_now = QDateTime(QDate(2026, 11, 25), QTime(20, 31, 4)).toMSecsSinceEpoch() * 1000;
        m_statistics = std::make_unique<TrafficStatistics>([this] { return m_now; });
        m_banner = std::make_unique<SilenceBanner>();
        m_banner->show();
        for (int second = 0; second < 2; ++second) {
            hear(hostA);
            hear(hostB);
            m_now += 1'000'000;
        }
        // Both last heard at 20:31:05.
        m_banner->showSilentSenders(*m_statistics, m_statistics->takeEvents());
    }

    void cleanup()
    {
        m_banner.reset();
        m_statistics.reset();
    }

    void hiddenWhileEveryoneIsLive()
    {
        QVERIFY(!m_banner->isVisible());
        m_now += 2'000'000; // late is not yet an alarm
        QVERIFY(!tick().isEmpty());
        QVERIFY(!m_banner->isVisible());
    }

    void appearsWhenASenderGoesSilentAndHidesWhenItIsBack()
    {
        m_now += 1'500'000;
        hear(hostB);
        m_now += 2'000'000; // A: 4.5 s quiet
        tick();
        QVERIFY(m_banner->isVisible());
        QCOMPARE(m_banner->text(), QStringLiteral("1 sender silent: 127.0.0.1 since 20:31:05"));
        QCOMPARE(m_banner->findChild<QLabel *>(QStringLiteral("silenceText"))->textFormat(),
                 Qt::PlainText);

        hear(hostA);
        tick();
        QVERIFY(!m_banner->isVisible());
        QCOMPARE(m_banner->text(), QString());
    }

    void countsEverySilentSender()
    {
        m_now += 5'000'000;
        tick();
        QVERIFY(m_banner->isVisible());
        QCOMPARE(m_banner->text(),
                 QStringLiteral("2 senders silent: 127.0.0.1 since 20:31:05, "
                                "198.18.0.1 since 20:31:05"));
        hear(hostA);
        tick();
        QCOMPARE(m_banner->text(), QStringLiteral("1 sender silent: 198.18.0.1 since 20:31:05"));
        QVERIFY(m_banner->isVisible());
    }

    void dismissedUntilAnotherSenderGoesSilent()
    {
        m_now += 1'500'000;
        hear(hostB);
        m_now += 2'000'000;
        tick();
        QVERIFY(m_banner->isVisible());
        QTest::mouseClick(
            m_banner->findChild<QToolButton *>(QStringLiteral("dismissSilenceButton")),
            Qt::LeftButton);
        QVERIFY(!m_banner->isVisible());
        m_now += 500'000;
        tick(); // nothing new: stays dismissed
        QVERIFY(!m_banner->isVisible());

        m_now += 3'000'000; // now B goes silent too
        tick();
        QVERIFY(m_banner->isVisible());
        QVERIFY(m_banner->text().startsWith(QStringLiteral("2 senders silent")));
    }

    void clearedStatisticsHideIt()
    {
        m_now += 5'000'000;
        tick();
        QVERIFY(m_banner->isVisible());
        m_statistics->clear();
        m_banner->showSilentSenders(*m_statistics);
        QVERIFY(!m_banner->isVisible());
    }

private:
    void hear(IpAddress source)
    {
        ReceivedDatagram datagram;
        datagram.source = source;
        datagram.arrivalUs = m_now;
        m_statistics->record(datagram);
    }

    // What ReceivePipeline does on its clock tick.
    QList<LivenessEvent> tick()
    {
        m_statistics->updateLiveness();
        const QList<LivenessEvent> events = m_statistics->takeEvents();
        m_banner->showSilentSenders(*m_statistics, events);
        return events;
    }

    qint64 m_now = 0;
    std::unique_ptr<TrafficStatistics> m_statistics;
    std::unique_ptr<SilenceBanner> m_banner;
};

QTEST_MAIN(TestSilenceBanner)
#include "tst_silencebanner.moc"
