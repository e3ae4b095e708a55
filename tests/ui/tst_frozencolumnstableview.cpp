#include "FrozenColumnsTableView.h"
#include "TableViews.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTest>

namespace {

constexpr int rows = 40;
constexpr int columns = 12;
constexpr int columnWidth = 90;

} // namespace

// A table of 12 columns of 90 px in a view 400 px wide: most of it lies to the right.
class TestFrozenColumnsTableView final : public QObject
{
    Q_OBJECT

private:
    QStandardItemModel m_model{rows, columns};
    QSortFilterProxyModel m_sorted;
    std::unique_ptr<FrozenColumnsTableView> m_view;

    QHeaderView *header() const { return m_view->horizontalHeader(); }
    QTableView *frozen() const { return m_view->frozenView(); }
    QRect frozenCell(int row, int column) const
    {
        return frozen()->visualRect(m_sorted.index(row, column));
    }

private slots:
    void initTestCase()
    {
        for (int row = 0; row < rows; ++row) {
            for (int column = 0; column < columns; ++column)
                m_model.setItem(row, column,
                                new QStandardItem(QStringLiteral("r%1c%2").arg(rows - row).arg(column)));
        }
        m_sorted.setSourceModel(&m_model);
    }

    void init()
    {
        m_sorted.sort(-1);
        m_view = std::make_unique<FrozenColumnsTableView>();
        TableViews::setup(m_view.get(), &m_sorted);
        header()->setStretchLastSection(false);
        for (int column = 0; column < columns; ++column)
            m_view->setColumnWidth(column, columnWidth);
        m_view->setFrozenColumns({0, 1});
        m_view->setSortable(true);
        m_view->resize(400, 300);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }

    void cleanup() { m_view.reset(); }

    void frozenColumnsStayInSightAtTheFarRight()
    {
        QScrollBar *sideways = m_view->horizontalScrollBar();
        QVERIFY(sideways->maximum() > 0);
        sideways->setValue(sideways->maximum());
        // The main view has scrolled its own first columns out of sight...
        QVERIFY(m_view->visualRect(m_sorted.index(0, 1)).right() < 0);
        // ...and the last column into it...
        const QRect last = m_view->visualRect(m_sorted.index(0, columns - 1));
        QVERIFY(last.right() <= m_view->viewport()->width());
        QVERIFY(last.left() >= m_view->frozenWidth());
        // ...while the frozen part still lies over the viewport's left edge, showing both.
        QVERIFY(frozen()->isVisible());
        QCOMPARE(m_view->frozenWidth(), 2 * columnWidth);
        QCOMPARE(frozen()->geometry(),
                 QRect(m_view->viewport()->x(), header()->y(), 2 * columnWidth,
                       header()->height() + m_view->viewport()->height()));
        QCOMPARE(frozenCell(0, 0).left(), 0);
        QCOMPARE(frozenCell(0, 1).left(), columnWidth);
        QVERIFY(frozen()->viewport()->rect().contains(frozenCell(0, 0)));
        QVERIFY(frozen()->viewport()->rect().contains(frozenCell(0, 1)));
        QVERIFY(frozen()->isColumnHidden(2));
        QCOMPARE(frozen()->horizontalHeader()->height(), header()->height());
        QCOMPARE(frozen()->horizontalScrollBar()->maximum(), 0);
    }

    void bothPartsShareSelectionAndCurrentRow()
    {
        QCOMPARE(frozen()->selectionModel(), m_view->selectionModel());
        QTest::mouseClick(frozen()->viewport(), Qt::LeftButton, {}, frozenCell(3, 0).center());
        QVERIFY(m_view->selectionModel()->isRowSelected(3, {}));
        QCOMPARE(m_view->currentIndex().row(), 3);
        QVERIFY(m_view->hasFocus()); // the keyboard stays with the table
        QTest::keyClick(m_view.get(), Qt::Key_Down);
        QVERIFY(m_view->selectionModel()->isRowSelected(4, {}));
        QVERIFY(!m_view->selectionModel()->isRowSelected(3, {}));
    }

    void bothPartsScrollDownTogether()
    {
        m_view->scrollTo(m_sorted.index(rows - 1, 5));
        QVERIFY(m_view->verticalScrollBar()->value() > 0);
        QCOMPARE(frozen()->verticalScrollBar()->value(), m_view->verticalScrollBar()->value());
        QCOMPARE(frozen()->rowAt(0), m_view->rowAt(0));
        frozen()->verticalScrollBar()->setValue(2); // a wheel over the frozen part
        QCOMPARE(m_view->verticalScrollBar()->value(), 2);
    }

    void aClickOnTheFrozenHeaderSortsBothParts()
    {
        const auto clickHeader = [this](int column) {
            const int x = frozen()->horizontalHeader()->sectionViewportPosition(column) + 10;
            QTest::mouseClick(frozen()->horizontalHeader()->viewport(), Qt::LeftButton, {},
                              QPoint(x, frozen()->horizontalHeader()->height() / 2));
        };
        QCOMPARE(m_sorted.sortColumn(), -1); // the model's order until a header is clicked
        m_view->selectRow(0);
        clickHeader(0);
        QCOMPARE(m_sorted.sortColumn(), 0);
        QCOMPARE(header()->sortIndicatorSection(), 0);
        QCOMPARE(m_sorted.index(0, 0).data().toString(), QStringLiteral("r10c0")); // as text
        // The selection stays with its row ("r40"), wherever sorting took it.
        const QModelIndex selected = m_view->selectionModel()->selectedRows().value(0);
        QCOMPARE(selected.data().toString(), QStringLiteral("r40c0"));
        QCOMPARE(m_view->frozenView()->selectionModel()->selectedRows().value(0), selected);
        clickHeader(0);
        QCOMPARE(m_sorted.sortOrder(), Qt::DescendingOrder);
        QCOMPARE(header()->sortIndicatorOrder(), Qt::DescendingOrder);
        clickHeader(0);
        QCOMPARE(header()->sortIndicatorSection(), -1); // back to the model's order
        QCOMPARE(m_sorted.index(0, 0).data().toString(), QStringLiteral("r40c0"));
    }

    void frozenColumnsCannotBeMovedAway()
    {
        header()->moveSection(header()->visualIndex(7), 0);
        QCOMPARE(header()->visualIndex(0), 0);
        QCOMPARE(header()->visualIndex(1), 1);
        QCOMPARE(header()->visualIndex(7), 2);
        header()->moveSection(0, 5);
        QCOMPARE(header()->visualIndex(0), 0);
    }

    void hidingAFrozenColumnNarrowsTheFrozenPart()
    {
        m_view->setColumnHidden(1, true);
        QVERIFY(frozen()->isColumnHidden(1));
        QCOMPARE(m_view->frozenWidth(), columnWidth);
        QCOMPARE(frozen()->width(), columnWidth);
        m_view->setColumnHidden(1, false);
        QVERIFY(!frozen()->isColumnHidden(1));
        QCOMPARE(frozen()->width(), 2 * columnWidth);
    }

    void resizingEitherPartResizesBoth()
    {
        frozen()->horizontalHeader()->resizeSection(0, 150); // dragged in the frozen header
        QCOMPARE(m_view->columnWidth(0), 150);
        QCOMPARE(frozen()->width(), 150 + columnWidth);
        m_view->setColumnWidth(1, 60);
        QCOMPARE(frozen()->columnWidth(1), 60);
        QCOMPARE(frozen()->width(), 210);
    }

    void aColumnScrolledToComesOutFromUnderTheFrozenPart()
    {
        QScrollBar *sideways = m_view->horizontalScrollBar();
        sideways->setValue(sideways->maximum());
        m_view->scrollTo(m_sorted.index(0, 2));
        QCOMPARE(m_view->visualRect(m_sorted.index(0, 2)).left(), m_view->frozenWidth());
        // A frozen cell needs no sideways scrolling.
        const int before = sideways->value();
        m_view->scrollTo(m_sorted.index(rows - 1, 0));
        QCOMPARE(sideways->value(), before);
        QVERIFY(m_view->verticalScrollBar()->value() > 0);
    }
};

QTEST_MAIN(TestFrozenColumnsTableView)
#include "tst_frozencolumnstableview.moc"
