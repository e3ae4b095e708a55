#include "ColumnHeaders.h"
#include "FrozenColumnsTableView.h"
#include "RateGraph.h"
#include "SenderTableModel.h"
#include "SenderTabs.h"
#include "session/MonitorSession.h"
#include "settings/SettingsStore.h"
#include "time/WallClock.h"

#include "TestDatagrams.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QMenu>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>

namespace {

using TestDatagrams::datagram;

constexpr IpAddress hostA = IpAddress::fromIPv4(0x7f000001); // 127.0.0.1
constexpr IpAddress hostB = IpAddress::fromIPv4(0xc6120001); // 198.18.0.1
constexpr IpAddress hostC = IpAddress::fromIPv4(0x09000009); // 9.0.0.9

// In a window 1024 px wide the senders table has about 645 px beside the docks; the default
// columns fit without a scroll bar.
constexpr int defaultColumnsBudget = 640;

} // namespace

// The senders tab as the window makes it, on a settings file of its own.
class TestSenderTabs final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_iniPath;
    MonitorSession m_session;
    std::unique_ptr<SettingsStore> m_settings;
    std::unique_ptr<SenderTabs> m_tabs;

    void remake()
    {
        m_tabs.reset();
        m_settings = std::make_unique<SettingsStore>(m_iniPath);
        m_tabs = std::make_unique<SenderTabs>(m_session, *m_settings);
        m_tabs->resize(700, 300);
        m_tabs->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_tabs.get()));
    }

    FrozenColumnsTableView *view() const
    {
        return m_tabs->findChild<FrozenColumnsTableView *>(QStringLiteral("senderView"));
    }
    QHeaderView *header() const { return view()->horizontalHeader(); }

    void receive(const DatagramBatch &batch)
    {
        m_session.statistics().record(batch);
        emit m_session.pipeline().batchRecorded(batch);
    }

    QAction *menuAction(const QString &text)
    {
        emit header()->customContextMenuRequested(QPoint(5, 5));
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return nullptr;
        for (QAction *action : menu->actions()) {
            if (action->text() == text)
                return action;
        }
        return nullptr;
    }

    void closeMenu()
    {
        if (QWidget *popup = QApplication::activePopupWidget())
            popup->close();
    }

private slots:
    void init()
    {
        static int counter = 0;
        m_iniPath = m_dir.filePath(QStringLiteral("tabs-%1.ini").arg(++counter));
        m_session.clear();
        remake();
        const qint64 now = WallClock::nowUs();
        receive({datagram(hostA, 4000, now), datagram(hostB, 4000, now), datagram(hostC, 4000, now)});
    }

    void cleanup()
    {
        closeMenu();
        m_tabs.reset();
        m_settings.reset();
    }

    void defaultColumnsFitAndLastSeenFollowsState()
    {
        header()->setStretchLastSection(false); // the last column's own width, not the view's
        int width = 0;
        QStringList shown;
        for (int visual = 0; visual < header()->count(); ++visual) {
            const int column = header()->logicalIndex(visual);
            if (header()->isSectionHidden(column))
                continue;
            shown.append(view()->model()->headerData(column, Qt::Horizontal).toString());
            width += header()->sectionSize(column);
        }
        QCOMPARE(shown.mid(0, 4), (QStringList{"Source", "State", "Last seen", "pkt/s"}));
        QVERIFY2(width <= defaultColumnsBudget, qPrintable(QString::number(width)));
        QVERIFY(!shown.contains(QStringLiteral("pkt/s (10 s)"))); // one click away
    }

    void sourceStaysInSightAtTheFarRight()
    {
        for (int column = 0; column < SenderTableModel::ColumnCount; ++column)
            view()->setColumnHidden(column, false);
        QScrollBar *sideways = view()->horizontalScrollBar();
        QTRY_VERIFY(sideways->maximum() > 0);
        sideways->setValue(sideways->maximum());

        const QModelIndex source = view()->model()->index(0, SenderTableModel::Source);
        QVERIFY(view()->visualRect(source).right() < 0); // the table's own column scrolled away
        QTableView *frozen = view()->frozenView();
        QVERIFY(frozen->isVisible());
        QCOMPARE(frozen->geometry().left(), view()->viewport()->x());
        QCOMPARE(frozen->width(), view()->columnWidth(SenderTableModel::Source)
                                      + view()->columnWidth(SenderTableModel::State));
        const QRect cell = frozen->visualRect(source);
        QVERIFY(frozen->viewport()->rect().contains(cell));
        QCOMPARE(source.data().toString(), QStringLiteral("127.0.0.1"));
        // What shows beside it is the far end of the table, not covered by it.
        const QModelIndex last = view()->model()->index(0, header()->logicalIndex(header()->count() - 1));
        QVERIFY(view()->visualRect(last).left() >= frozen->width());
    }

    void chosenColumnsSurviveARestartAndResetBringsBackTheDefaults()
    {
        QAction *group = menuAction(QStringLiteral("Group"));
        QVERIFY(group && group->isChecked());
        group->trigger();
        closeMenu();
        QAction *jitter = menuAction(QStringLiteral("Interval SD"));
        QVERIFY(jitter && !jitter->isChecked());
        jitter->trigger();
        closeMenu();
        header()->resizeSection(SenderTableModel::PacketRate, 140);

        remake();
        QVERIFY(view()->isColumnHidden(SenderTableModel::Group));
        QVERIFY(!view()->isColumnHidden(SenderTableModel::IntervalJitter));
        QCOMPARE(view()->columnWidth(SenderTableModel::PacketRate), 140);

        QAction *reset = menuAction(QStringLiteral("&Reset to Default Columns"));
        QVERIFY(reset);
        reset->trigger();
        closeMenu();
        remake();
        QVERIFY(!view()->isColumnHidden(SenderTableModel::Group));
        QVERIFY(view()->isColumnHidden(SenderTableModel::IntervalJitter));
        QVERIFY(view()->columnWidth(SenderTableModel::PacketRate) < 140);
    }

    void clearingTheSessionKeepsTheColumns()
    {
        view()->setColumnHidden(SenderTableModel::Group, true);
        view()->setColumnHidden(SenderTableModel::IntervalJitter, false);
        m_session.clear();
        QCOMPARE(view()->model()->rowCount(), 0);
        QVERIFY(view()->isColumnHidden(SenderTableModel::Group));
        QVERIFY(!view()->isColumnHidden(SenderTableModel::IntervalJitter));
        QTableView *frozen = view()->frozenView();
        for (int column = 0; column < SenderTableModel::ColumnCount; ++column) {
            const bool frozenColumn = column == SenderTableModel::Source || column == SenderTableModel::State;
            QCOMPARE(frozen->isColumnHidden(column), !frozenColumn);
        }
    }

    void theFrozenHeaderOffersTheSameMenu()
    {
        QHeaderView *frozenHeader = view()->frozenView()->horizontalHeader();
        emit frozenHeader->customContextMenuRequested(QPoint(5, 5));
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QVERIFY(menu);
        QCOMPARE(menu->objectName(), QStringLiteral("columnMenu"));
    }

    void aRowSelectedInASortedTableIsThatSenderInTheGraph()
    {
        view()->sortByColumn(SenderTableModel::Source, Qt::DescendingOrder);
        QCOMPARE(view()->model()->index(0, SenderTableModel::Source).data().toString(),
                 QStringLiteral("198.18.0.1"));
        view()->selectRow(0);
        const auto selected = m_tabs->findChild<RateGraph *>(QStringLiteral("rateGraph"))->selectedSender();
        QVERIFY(selected);
        QCOMPARE(selected->source, hostB);
        auto *lossGraph = m_tabs->findChild<RateGraph *>(QStringLiteral("lossGraph"));
        QCOMPARE(lossGraph->measure(), RateGraph::Measure::Lost);
        QVERIFY(lossGraph->selectedSender() == selected);
        // One tab shows both, one above the other.
        QCOMPARE(lossGraph->parentWidget(),
                 m_tabs->findChild<RateGraph *>(QStringLiteral("rateGraph"))->parentWidget());
        // Both parts of the table show that row selected.
        QVERIFY(view()->frozenView()->selectionModel()->isRowSelected(0, {}));
    }
};

QTEST_MAIN(TestSenderTabs)
#include "tst_sendertabs.moc"
