#include "ColumnHeaders.h"
#include "DatagramPane.h"
#include "DatagramTableModel.h"
#include "SenderTableModel.h"
#include "TableViews.h"
#include "SilenceBanner.h"
#include "TestDatagrams.h"

#include "OffscreenScreen.h"
#include "WindowHarness.h"

#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QScrollBar>
#include <QStatusBar>
#include <QTabBar>

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
        const QList<QDockWidget *> docks = harness.window.findChildren<QDockWidget *>();
        QCOMPARE(docks.size(), 2);
        for (QDockWidget *dock : docks) {
            QVERIFY(!dock->isFloating());
            const bool shown = dock->isVisible() && !dock->visibleRegion().isEmpty();
            const bool behindATab = !harness.window.tabifiedDockWidgets(dock).isEmpty();
            QVERIFY2(shown || behindATab, qPrintable(dock->objectName()));
            if (dock->visibleRegion().isEmpty())
                continue; // behind the other's tab
            QVERIFY2(harness.window.rect().contains(dock->geometry()),
                     qPrintable(QStringLiteral("%1 at %2,%3 %4×%5").arg(dock->objectName()).arg(dock->x()).arg(dock->y()).arg(dock->width()).arg(dock->height())));
            QVERIFY(dock->widget()->minimumSizeHint().width() <= dock->width());
            QVERIFY(dock->widget()->minimumSizeHint().height() <= dock->height());
        }
        // The tab bar that switches between them is on screen.
        const auto tabBars = harness.window.findChildren<QTabBar *>();
        const bool tabBarShown = std::any_of(tabBars.cbegin(), tabBars.cend(), [&](QTabBar *bar) {
            return bar->parent() == &harness.window && bar->isVisible() && bar->count() == 2;
        });
        QVERIFY(tabBarShown);
        auto *listening = harness.find<QLabel>("listeningStatusLabel");
        QVERIFY(listening->isVisible());
        QVERIFY(listening->width() >= 200);
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

    void theSilenceBannerMovesNothing()
    {
        WindowHarness harness(m_iniPath);
        harness.window.resize(1000, 720);
        QVERIFY(QTest::qWaitForWindowExposed(&harness.window));
        auto *table = harness.find<QTableView>("datagramView");
        auto *banner = harness.find<SilenceBanner>("silenceBanner");
        QVERIFY(!banner->isVisible());
        const QRect before = QRect(table->mapTo(&harness.window, QPoint(0, 0)), table->size());
        // Last heard ten seconds ago: the next liveness tick finds it silent.
        harness.receive({TestDatagrams::datagram(IpAddress::fromIPv4(0x7f000001), 40000,
                                                 WallClock::nowUs() - 10'000'000, "a")});
        QTRY_VERIFY(banner->isVisible());
        QApplication::processEvents();
        const QRect after = QRect(table->mapTo(&harness.window, QPoint(0, 0)), table->size());
        QCOMPARE(after, before);
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
        table->selectRow(selected);
        QVERIFY(harness.find<QLabel>("autoScrollHeldLabel")->isVisible());
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
