#include "TableCopy.h"
#include "TableViews.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

class TestTableCopy final : public QObject
{
    Q_OBJECT

private:
    // Three rows of three columns; the middle row's cells hold what would break a line.
    static void fill(QStandardItemModel &model)
    {
        model.setHorizontalHeaderLabels({QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")});
        const QList<QStringList> rows{
            {QStringLiteral("a0"), QStringLiteral("b0"), QStringLiteral("c0")},
            {QStringLiteral("tab\there"), QStringLiteral("two\r\nlines"), QStringLiteral("bell\x07 \\x41")},
            {QStringLiteral("a2"), QStringLiteral("b2"), QStringLiteral("c2")},
        };
        for (const QStringList &cells : rows) {
            QList<QStandardItem *> items;
            for (const QString &cell : cells)
                items.append(new QStandardItem(cell));
            model.appendRow(items);
        }
    }

    static void selectRows(QTableView &view, std::initializer_list<int> rows)
    {
        view.clearSelection();
        for (const int row : rows)
            view.selectionModel()->select(view.model()->index(row, 0),
                                          QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }

private slots:
    void copiesSelectedRowsInViewOrderAsTabSeparatedLines()
    {
        QStandardItemModel model;
        fill(model);
        QTableView view;
        TableViews::setup(&view, &model);
        TableCopy::install(&view);
        QCOMPARE(view.selectionMode(), QAbstractItemView::ExtendedSelection);
        selectRows(view, {2, 0});
        QCOMPARE(TableCopy::selectedRowsText(&view), QStringLiteral("a0\tb0\tc0\na2\tb2\tc2\n"));
    }

    void escapesWhatWouldBreakARowOrACell()
    {
        QCOMPARE(TableCopy::cellText(QStringLiteral("a\tb\nc\rd\x1b" "e\x7f")),
                 QStringLiteral(R"(a\tb\nc\rd\x1be\x7f)"));
        QStandardItemModel model;
        fill(model);
        QTableView view;
        TableViews::setup(&view, &model);
        TableCopy::install(&view);
        selectRows(view, {1});
        const QString text = TableCopy::selectedRowsText(&view);
        QCOMPARE(text, QStringLiteral(R"(tab\there)") + QLatin1Char('\t') + QStringLiteral(R"(two\r\nlines)")
                           + QLatin1Char('\t') + QStringLiteral(R"(bell\x07 \x41)") + QLatin1Char('\n'));
        QCOMPARE(text.count(QLatin1Char('\n')), 1);
        QCOMPARE(text.count(QLatin1Char('\t')), 2);
    }

    // What the user sees: hidden columns stay out, moved ones come in their new place.
    void followsTheVisibleColumnsInTheirOrder()
    {
        QStandardItemModel model;
        fill(model);
        QTableView view;
        TableViews::setup(&view, &model);
        TableCopy::install(&view);
        view.horizontalHeader()->moveSection(2, 0); // C A B
        view.setColumnHidden(0, true);              // C B
        selectRows(view, {0});
        QCOMPARE(TableCopy::selectedRowsText(&view), QStringLiteral("c0\tb0\n"));
    }

    void ctrlCPutsTheRowsOnTheClipboard()
    {
        QStandardItemModel model;
        fill(model);
        QTableView view;
        TableViews::setup(&view, &model);
        TableCopy::install(&view);
        view.show();
        QApplication::setActiveWindow(&view);
        QVERIFY(QTest::qWaitForWindowActive(&view));
        view.setFocus();
        selectRows(view, {0, 2});
        QApplication::clipboard()->clear();
        QTest::keySequence(&view, QKeySequence::Copy);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("a0\tb0\tc0\na2\tb2\tc2\n"));
        // Also in the view's context menu.
        QVERIFY(view.findChild<QAction *>(QStringLiteral("copyRowsAction")));
        QCOMPARE(view.contextMenuPolicy(), Qt::ActionsContextMenu);
    }
};

QTEST_MAIN(TestTableCopy)
#include "tst_tablecopy.moc"
