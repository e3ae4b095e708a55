#include "ColumnHeaders.h"
#include "DatagramPane.h"
#include "DatagramTableModel.h"
#include "SenderTableModel.h"
#include "TableViews.h"
#include "SenderTabs.h"
#include "SilenceBanner.h"
#include "TestDatagrams.h"

#include "net/SubscriptionSpec.h"

#include "OffscreenScreen.h"
#include "WindowHarness.h"

#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QMenuBar>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QStatusBar>
#include <QTabBar>
#include <QToolButton>

// The window on a 1024×768 screen: it opens within the screen, fits the room a window
// manager's frame leaves (~1000×720), and every dock stays reachable.
class TestMainWindowLayout final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_iniPath = m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_run));
    }

    void fitsASmallScreen()
    {
        WindowHarness harness(m_iniPath);
        QVERIFY(QTest::qWaitForWindowExposed(&harness.window));
        const QSize minimum = harness.window.minimumSizeHint();
        QVERIFY2(minimum.width() <= 1000 && minimum.height() <= 720,
                 qPrintable(QStringLiteral("minimum %1×%2").arg(minimum.width()).arg(minimum.height())));
        const QRect screen = harness.window.screen()->availableGeometry();
        QVERIFY(harness.window.width() <= screen.width());
        QVERIFY(harness.window.height() <= screen.height());
        QVERIFY(harness.window.statusBar()->minimumSizeHint().width() <= 1000);
    }

    void everyDockIsReachableAt1000By720()
    {
        WindowHarness harness(m_iniPath);
        harness.window.resize(1000, 720);
        QVERIFY(QTest::qWaitForWindowExposed(&harness.window));
        QCOMPARE(harness.window.size(), QSize(1000, 720));
        verifyEverythingReachable(harness, 200);
    }

    // QT_SCALE_FACTOR=2 on a 1920×1080 screen leaves 960×540 logical pixels, less a window
    // manager's frame and panel: the window goes down to 940×500 with its status bar in
    // sight, the tables and the transmit panel scrolling where their room runs out.
    void fitsHalfOfA1920By1080Screen()
    {
        WindowHarness harness(m_iniPath);
        const QSize minimum = harness.window.minimumSizeHint();
        QVERIFY2(minimum.width() <= 940 && minimum.height() <= 500,
                 qPrintable(QStringLiteral("minimum %1×%2").arg(minimum.width()).arg(minimum.height())));
        harness.window.resize(940, 500);
        QVERIFY(QTest::qWaitForWindowExposed(&harness.window));
        QCOMPARE(harness.window.size(), QSize(940, 500));
        verifyEverythingReachable(harness, 120);
    }

    // Scroll bars only where the room is short: not at 1000×720 with a note wrapped over two
    // lines (the command line's subscriptions), whose preferred height is more than its least.
    void scrollsOnlyBelowTheLeastItNeeds()
    {
        ReceiveChoices choices;
        choices.specs = {*SubscriptionSpec::parse(u"239.1.1.7:5007@lo", {}, nullptr)};
        WindowHarness harness(m_iniPath, choices);
        harness.window.resize(1000, 720);
        QVERIFY(QTest::qWaitForWindowExposed(&harness.window));
        auto *note = harness.find<QLabel>("subscriptionOriginLabel");
        QVERIFY(note->isVisible());
        QVERIFY(note->height() > 1.5 * note->fontMetrics().height()); // wrapped
        auto *area = harness.find<QScrollArea>("centralScrollArea");
        QVERIFY(!area->verticalScrollBar()->isVisible());
        QVERIFY(!area->horizontalScrollBar()->isVisible());
        auto *transmit = harness.find<QScrollArea>("transmitScrollArea");
        QVERIFY(!transmit->verticalScrollBar()->isVisible());
        // Made short, it scrolls to what no longer fits.
        harness.window.resize(940, 500);
        QTRY_VERIFY(area->verticalScrollBar()->isVisible());
        QVERIFY(area->verticalScrollBar()->maximum() > 0);
    }

    // At the size the window opens at on a 1024×768 screen, a selected datagram's hex dump
    // is whole: offset, bytes and characters, with no sideways scrolling.
    void theHexDumpFitsAtTheDefaultSize()
    {
        WindowHarness harness(m_iniPath);
        QVERIFY(QTest::qWaitForWindowExposed(&harness.window));
        QCOMPARE(harness.window.size(), QSize(1024, 768));
        auto *detailDock = harness.find<QDockWidget>("detailDock");
        detailDock->raise();
        harness.receive({TestDatagrams::datagram(IpAddress::fromIPv4(0x7f000001), 40000,
                                                 WallClock::nowUs(), QByteArray(1400, 'Z'))});
        harness.find<QTableView>("datagramView")->selectRow(0);
        auto *hex = harness.find<QPlainTextEdit>("hexView");
        QTRY_VERIFY(hex->isVisible());
        QVERIFY(hex->toPlainText().endsWith(QStringLiteral("|ZZZZZZZZ|")));
        QVERIFY(harness.window.rect().contains(detailDock->geometry()));
        QTRY_VERIFY(hex->verticalScrollBar()->isVisible()); // and the lines fit beside it
        QTRY_COMPARE(hex->horizontalScrollBar()->maximum(), 0);
        const QString firstLine = hex->toPlainText().section(QLatin1Char('\n'), 0, 0);
        const int lineWidth = hex->fontMetrics().horizontalAdvance(firstLine)
                              + 2 * int(hex->document()->documentMargin());
        QVERIFY2(lineWidth <= hex->viewport()->width(),
                 qPrintable(QStringLiteral("%1 > %2").arg(lineWidth).arg(hex->viewport()->width())));
        QVERIFY(hex->document()->idealWidth() <= hex->viewport()->width());
    }

    // The flows table's default columns (loss among them) are all in sight at 1024×768
    // without scrolling sideways, each as wide as its sample. (Lost, Jitter, Format and
    // Packets would take 300 px more: they are a right-click away.)
    void theDefaultFlowColumnsFitA1024WideWindow()
    {
        WindowHarness harness(m_iniPath);
        harness.window.resize(1000, 720);
        QVERIFY(QTest::qWaitForWindowExposed(&harness.window));
        auto *view = harness.find<QTableView>("senderView");
        QVERIFY(view->isVisible());
        const QAbstractItemModel *model = view->model();
        int width = 0;
        QStringList shown;
        for (int column = 0; column < model->columnCount(); ++column) {
            if (view->isColumnHidden(column))
                continue;
            const QString sample = model->headerData(column, Qt::Horizontal, ColumnSampleRole).toString();
            width += TableViews::columnWidth(view, column, sample);
            shown.append(model->headerData(column, Qt::Horizontal).toString() + QLatin1Char(' ')
                         + QString::number(TableViews::columnWidth(view, column, sample)));
        }
        QVERIFY(!view->isColumnHidden(SenderTableModel::LossPercent));
        QVERIFY2(width <= view->viewport()->width(),
                 qPrintable(QStringLiteral("%1 px of columns (%2) in %3 px")
                                .arg(width)
                                .arg(shown.join(QStringLiteral(", ")))
                                .arg(view->viewport()->width())));
    }

    // At the size the window opens at on a 1024×768 screen, the datagrams table shows the
    // payload without scrolling sideways: at least 150 px of it are in sight.
    void theDatagramPayloadIsInSightAtTheDefaultSize()
    {
        WindowHarness harness(m_iniPath);
        QVERIFY(QTest::qWaitForWindowExposed(&harness.window));
        QCOMPARE(harness.window.size(), QSize(1024, 768));
        auto *view = harness.find<QTableView>("datagramView");
        QVERIFY(view->isVisible());
        QTRY_COMPARE(view->horizontalScrollBar()->value(), 0);
        const int payloadStart = view->columnViewportPosition(DatagramTableModel::Payload);
        QVERIFY(!view->isColumnHidden(DatagramTableModel::Payload));
        QVERIFY2(payloadStart >= 0 && payloadStart + 150 <= view->viewport()->width(),
                 qPrintable(QStringLiteral("Payload starts at %1 of %2 px").arg(payloadStart).arg(view->viewport()->width())));
        // And the table has its share of the height (three fifths against the flows' tabs,
        // whose two graphs once took most of it): eight rows or more.
        const int rowHeight = view->verticalHeader()->defaultSectionSize();
        QTRY_VERIFY2(view->viewport()->height() >= 8 * rowHeight,
                     qPrintable(QStringLiteral("%1 px for rows of %2").arg(view->viewport()->height()).arg(rowHeight)));
    }

    void theSilenceBannerMovesNothing()
    {
        WindowHarness harness(m_iniPath);
        harness.window.resize(1000, 720);
        QVERIFY(QTest::qWaitForWindowExposed(&harness.window));
        auto *table = harness.find<QTableView>("datagramView");
        auto *banner = harness.find<SilenceBanner>("silenceBanner");
        auto *summary = harness.find<QLabel>("livenessSummary");
        QVERIFY(!banner->isVisible());
        // The alarm's place is not an empty strip meanwhile: a quiet line says how things are.
        QVERIFY(summary->isVisible());
        QCOMPARE(summary->text(), QStringLiteral("No senders yet"));
        QCOMPARE(summary->foregroundRole(), QPalette::WindowText);
        const QRect before = QRect(table->mapTo(&harness.window, QPoint(0, 0)), table->size());
        harness.receive({TestDatagrams::datagram(IpAddress::fromIPv4(0x7f000002), 40000,
                                                 WallClock::nowUs(), "b")});
        QCOMPARE(summary->text(), QStringLiteral("The sender is live"));
        // Last heard ten seconds ago: the next liveness tick finds it silent.
        harness.receive({TestDatagrams::datagram(IpAddress::fromIPv4(0x7f000001), 40000,
                                                 WallClock::nowUs() - 10'000'000, "a")});
        QTRY_VERIFY(banner->isVisible());
        QVERIFY(!summary->isVisible());
        QVERIFY(banner->geometry().contains(summary->geometry()));
        QApplication::processEvents();
        const QRect after = QRect(table->mapTo(&harness.window, QPoint(0, 0)), table->size());
        QCOMPARE(after, before);

        QTest::mouseClick(harness.find<QToolButton>("dismissSilenceButton"), Qt::LeftButton);
        QVERIFY(!banner->isVisible());
        QVERIFY(summary->isVisible());
        QCOMPARE(summary->text(), QStringLiteral("2 senders: 1 live, 1 silent (alarm dismissed)"));
        QCOMPARE(QRect(table->mapTo(&harness.window, QPoint(0, 0)), table->size()), before);
    }

    // The newest event is in view whole, whether the log was in front when it came or not.
    void theEventLogsLastRowIsWhole()
    {
        WindowHarness harness(m_iniPath);
        harness.window.resize(1000, 720);
        QVERIFY(QTest::qWaitForWindowExposed(&harness.window));
        auto *tabs = harness.find<SenderTabs>("senderTabs");
        auto *log = harness.find<QTableView>("eventLogView");
        const auto lastRowIsWhole = [&] {
            const QModelIndex last = log->model()->index(log->model()->rowCount() - 1, 0);
            return log->viewport()->rect().contains(log->visualRect(last));
        };
        for (int sender = 1; sender <= 30; ++sender) {
            harness.receive({TestDatagrams::datagram(IpAddress::fromIPv4(0x7f000000 + sender), 40000,
                                                     WallClock::nowUs(), "x")});
        }
        QTRY_COMPARE(log->model()->rowCount(), 30);
        tabs->setCurrentIndex(SenderTabs::EventLogTab);
        QVERIFY(log->isVisible());
        QVERIFY(log->verticalScrollBar()->value() > 0);
        QTRY_VERIFY(lastRowIsWhole());
        for (int sender = 31; sender <= 35; ++sender) {
            harness.receive({TestDatagrams::datagram(IpAddress::fromIPv4(0x7f000000 + sender), 40000,
                                                     WallClock::nowUs(), "x")});
        }
        QTRY_COMPARE(log->model()->rowCount(), 35);
        QVERIFY(lastRowIsWhole());
        // Scrolled back to read, the reader is not pulled away by the next event.
        log->verticalScrollBar()->setValue(0);
        harness.receive({TestDatagrams::datagram(IpAddress::fromIPv4(0x7f000000 + 36), 40000,
                                                 WallClock::nowUs(), "x")});
        QTRY_COMPARE(log->model()->rowCount(), 36);
        QCOMPARE(log->verticalScrollBar()->value(), 0);
    }

    void countersAgreeWithTheTable()
    {
        WindowHarness harness(m_iniPath);
        auto *pane = harness.find<DatagramPane>("datagramPane");
        pane->setCapacity(10);
        harness.receive(batch(4));
        // No timer in between: the same batch, at the same moment.
        QCOMPARE(harness.datagrams()->rowCount(), 4);
        QCOMPARE(harness.label("packetsStatusLabel"), QStringLiteral("Received: 4"));
        harness.receive(batch(9));
        QCOMPARE(harness.datagrams()->rowCount(), 10);
        QCOMPARE(harness.label("packetsStatusLabel"), QStringLiteral("Received: 13"));
        QCOMPARE(harness.label("evictedStatusLabel"), QStringLiteral("Evicted: 3"));
        harness.session.clear();
        QCOMPARE(harness.datagrams()->rowCount(), 0);
        QCOMPARE(harness.label("packetsStatusLabel"), QStringLiteral("Received: 0"));
        QCOMPARE(harness.label("evictedStatusLabel"), QStringLiteral("Evicted: 0"));
        harness.receive(batch(2));
        QCOMPARE(harness.datagrams()->rowCount(), 2);
        QCOMPARE(harness.label("packetsStatusLabel"), QStringLiteral("Received: 2"));
    }

    void aSelectedRowStaysInViewWhileAutoScrolling()
    {
        WindowHarness harness(m_iniPath);
        harness.window.resize(1000, 720);
        QVERIFY(QTest::qWaitForWindowExposed(&harness.window));
        auto *table = harness.find<QTableView>("datagramView");
        harness.receive(batch(100));
        QVERIFY(table->verticalScrollBar()->value() > 0); // following the newest
        const int selected = 95;
        auto *area = harness.find<QScrollArea>("centralScrollArea");
        table->selectRow(selected);
        QVERIFY(harness.find<QLabel>("autoScrollHeldLabel")->isVisible());
        // The note beside Auto-scroll widens nothing: no sideways scrolling of the window.
        QVERIFY(!area->horizontalScrollBar()->isVisible());
        const int held = table->verticalScrollBar()->value();
        harness.receive(batch(100));
        QCOMPARE(table->verticalScrollBar()->value(), held);
        const QRect rowRect = table->visualRect(harness.datagrams()->index(selected, 0));
        QVERIFY(table->viewport()->rect().intersects(rowRect));
        // Let go of it (Esc): following again.
        QTest::keyClick(table, Qt::Key_Escape);
        QVERIFY(!table->selectionModel()->hasSelection());
        QVERIFY(!harness.find<QLabel>("autoScrollHeldLabel")->isVisible());
        QCOMPARE(table->verticalScrollBar()->value(), table->verticalScrollBar()->maximum());
    }

    void menusShowTheirShortcuts()
    {
        WindowHarness harness(m_iniPath);
        // What a menu shows is an action's first shortcut.
        auto *listen = harness.find<QAction>("listenAction");
        QCOMPARE(listen->shortcut(), QKeySequence(Qt::Key_F5));
        QVERIFY(listen->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Return)));
        auto *send = harness.find<QAction>("sendAction");
        QCOMPARE(send->shortcut(), QKeySequence(Qt::Key_F6));
        QCOMPARE(send->text(), QStringLiteral("Start &Sending"));
        auto *transmitMenu = harness.find<QMenu>("transmitMenu");
        QVERIFY(transmitMenu->actions().contains(send));
        QVERIFY(harness.window.menuBar()->actions().contains(transmitMenu->menuAction()));
    }

private:
    // Nothing overlaps, nothing is off the window, and what does not fit scrolls: the docks
    // (or the tab that brings each forward), the controls and tables, the status bar.
    static void verifyEverythingReachable(WindowHarness &harness, int listeningWidth)
    {
        const QRect window = harness.window.rect();
        const QList<QDockWidget *> docks = harness.window.findChildren<QDockWidget *>();
        QCOMPARE(docks.size(), 2);
        QList<QRect> taken;
        for (QDockWidget *dock : docks) {
            QVERIFY(!dock->isFloating());
            const bool shown = dock->isVisible() && !dock->visibleRegion().isEmpty();
            const bool behindATab = !harness.window.tabifiedDockWidgets(dock).isEmpty();
            QVERIFY2(shown || behindATab, qPrintable(dock->objectName()));
            if (dock->visibleRegion().isEmpty())
                continue; // behind the other's tab
            QVERIFY2(window.contains(dock->geometry()),
                     qPrintable(QStringLiteral("%1 at %2,%3 %4×%5").arg(dock->objectName()).arg(dock->x()).arg(dock->y()).arg(dock->width()).arg(dock->height())));
            QVERIFY(dock->widget()->minimumSizeHint().width() <= dock->width());
            QVERIFY(dock->widget()->minimumSizeHint().height() <= dock->height());
            taken.append(dock->geometry());
        }
        // The tab bar that switches between them is on screen.
        const auto tabBars = harness.window.findChildren<QTabBar *>();
        const bool tabBarShown = std::any_of(tabBars.cbegin(), tabBars.cend(), [&](QTabBar *bar) {
            return bar->parent() == &harness.window && bar->isVisible() && bar->count() == 2
                   && window.contains(bar->geometry());
        });
        QVERIFY(tabBarShown);

        auto *central = harness.window.centralWidget();
        QStatusBar *status = harness.window.statusBar();
        QVERIFY(status->isVisible());
        for (const QRect &area : {central->geometry(), status->geometry(),
                                  harness.window.menuBar()->geometry()}) {
            QVERIFY(window.contains(area));
            for (const QRect &other : std::as_const(taken))
                QVERIFY(!area.intersects(other));
            taken.append(area);
        }
        // The controls and tables have at least the room they need, scrolled to if not shown.
        auto *scrolled = harness.find<QScrollArea>("centralScrollArea")->widget();
        QVERIFY(scrolled->width() >= scrolled->minimumSizeHint().width());
        QVERIFY(scrolled->height() >= scrolled->minimumSizeHint().height());
        auto *transmit = harness.find<QWidget>("transmitPanel");
        QVERIFY(transmit->height() >= transmit->minimumSizeHint().height());
        auto *listening = harness.find<QLabel>("listeningStatusLabel");
        QVERIFY(listening->isVisible());
        QVERIFY(listening->width() >= listeningWidth);
    }

    static DatagramBatch batch(int size)
    {
        DatagramBatch datagrams;
        for (int i = 0; i < size; ++i)
            datagrams.append(TestDatagrams::datagram(IpAddress::fromIPv4(0x7f000001), 40000,
                                                     WallClock::nowUs(), "x"));
        return datagrams;
    }

    QTemporaryDir m_dir;
    QString m_iniPath;
    int m_run = 0;
};

int main(int argc, char *argv[])
{
    const OffscreenScreen screen(QSize(1024, 768));
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    TestMainWindowLayout test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_mainwindowlayout.moc"
