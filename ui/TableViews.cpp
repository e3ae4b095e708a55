#include "TableViews.h"

#include "ColumnHeaders.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QStyle>
#include <QTableView>

#include <algorithm>

namespace TableViews {

void setup(QTableView *view, QAbstractItemModel *model)
{
    view->setModel(model);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setStretchLastSection(true);
}

void followLastRow(QTableView *view)
{
    QScrollBar *bar = view->verticalScrollBar();
    // A property of the scroll bar rather than a capture, so that it lives as long as the view.
    bar->setProperty("followsLastRow", true);
    QObject::connect(bar, &QScrollBar::valueChanged, bar, [bar](int value) {
        bar->setProperty("followsLastRow", value == bar->maximum());
    });
    QObject::connect(bar, &QScrollBar::rangeChanged, bar, [bar](int, int maximum) {
        if (bar->property("followsLastRow").toBool())
            bar->setValue(maximum);
    });
    QObject::connect(view->model(), &QAbstractItemModel::rowsInserted, bar, [view, bar] {
        if (bar->property("followsLastRow").toBool())
            view->scrollToBottom();
    });
}

int columnWidth(const QTableView *view, int column, const QString &sample)
{
    const QHeaderView *header = view->horizontalHeader();
    const int padding = 2 * view->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, view) + 10;
    const QString title = view->model()->headerData(column, Qt::Horizontal).toString();
    int titleWidth = header->fontMetrics().horizontalAdvance(title);
    // Room for the sort arrow, so that a sorted column's title is not cut short.
    if (view->isSortingEnabled())
        titleWidth += view->style()->pixelMetric(QStyle::PM_HeaderMarkSize, nullptr, view)
                      + view->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, view);
    return std::max(view->fontMetrics().horizontalAdvance(sample), titleWidth) + padding;
}

void sizeColumns(QTableView *view, std::initializer_list<std::pair<int, const char *>> samples)
{
    for (const auto &[column, sample] : samples)
        view->horizontalHeader()->resizeSection(column, columnWidth(view, column, QString::fromUtf8(sample)));
}

void sizeColumnsFromHeader(QTableView *view)
{
    const QAbstractItemModel *model = view->model();
    for (int column = 0; column < model->columnCount(); ++column) {
        const QString sample = model->headerData(column, Qt::Horizontal, ColumnSampleRole).toString();
        if (!sample.isEmpty())
            view->horizontalHeader()->resizeSection(column, columnWidth(view, column, sample));
    }
}

} // namespace TableViews
