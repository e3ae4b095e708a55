#include "TableViews.h"

#include <QHeaderView>
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

void sizeColumns(QTableView *view, std::initializer_list<std::pair<int, const char *>> samples)
{
    QHeaderView *header = view->horizontalHeader();
    const QFontMetrics metrics = view->fontMetrics();
    const int padding = 2 * view->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, view) + 10;
    for (const auto &[column, sample] : samples) {
        const QString title = view->model()->headerData(column, Qt::Horizontal).toString();
        const int width = std::max(metrics.horizontalAdvance(QString::fromUtf8(sample)),
                                   header->fontMetrics().horizontalAdvance(title));
        header->resizeSection(column, width + padding);
    }
}

} // namespace TableViews
