#include "FrozenColumnsTableView.h"

#include <QHeaderView>
#include <QScopedValueRollback>
#include <QScrollBar>

#include <algorithm>

FrozenColumnsTableView::FrozenColumnsTableView(QWidget *parent)
    : QTableView(parent)
    , m_frozenView(new QTableView(this))
{
    m_frozenView->setFrameShape(QFrame::NoFrame);
    m_frozenView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_frozenView->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // A click in the frozen part selects the row and leaves the keyboard with the table.
    m_frozenView->setFocusPolicy(Qt::ClickFocus);
    m_frozenView->setFocusProxy(this);
    m_frozenView->horizontalHeader()->setStretchLastSection(false);
    m_frozenView->horizontalHeader()->setSectionsMovable(false);
    viewport()->stackUnder(m_frozenView);
    m_frozenView->hide();

    connect(m_frozenView->verticalScrollBar(), &QAbstractSlider::valueChanged, verticalScrollBar(),
            &QAbstractSlider::setValue);
    connect(verticalScrollBar(), &QAbstractSlider::valueChanged, m_frozenView->verticalScrollBar(),
            &QAbstractSlider::setValue);

    QHeaderView *header = horizontalHeader();
    QHeaderView *frozenHeader = m_frozenView->horizontalHeader();
    // Hiding and showing a section resizes it (to 0 and back): one signal follows both.
    connect(header, &QHeaderView::sectionResized, this,
            [this](int column, int, int newSize) { followResizedColumn(column, newSize); });
    connect(frozenHeader, &QHeaderView::sectionResized, this, [this](int column, int, int newSize) {
        if (!m_syncing && isFrozen(column) && newSize > 0)
            setColumnWidth(column, newSize);
    });
    connect(header, &QHeaderView::sectionMoved, this, &FrozenColumnsTableView::keepFrozenColumnsFirst);
    connect(header, &QHeaderView::sortIndicatorChanged, frozenHeader, &QHeaderView::setSortIndicator);
    connect(frozenHeader, &QHeaderView::sortIndicatorChanged, header, &QHeaderView::setSortIndicator);
}

void FrozenColumnsTableView::setModel(QAbstractItemModel *model)
{
    if (model == this->model())
        return;
    for (const QMetaObject::Connection &connection : std::as_const(m_modelConnections))
        disconnect(connection);
    m_modelConnections.clear();
    // The frozen view first: the main view hands it its selection model as it takes the model.
    m_frozenView->setModel(model);
    QTableView::setModel(model);
    if (!model)
        return;
    m_modelConnections = {
        connect(model, &QAbstractItemModel::columnsInserted, this,
                &FrozenColumnsTableView::showOnlyFrozenColumns),
        connect(model, &QAbstractItemModel::modelReset, this,
                &FrozenColumnsTableView::showOnlyFrozenColumns)};
    showOnlyFrozenColumns();
}

void FrozenColumnsTableView::setSelectionModel(QItemSelectionModel *selectionModel)
{
    QTableView::setSelectionModel(selectionModel);
    if (selectionModel && selectionModel->model() == m_frozenView->model())
        m_frozenView->setSelectionModel(selectionModel);
}

void FrozenColumnsTableView::setFrozenColumns(const QList<int> &columns)
{
    m_frozenColumns = columns;
    copyLooks();
    showOnlyFrozenColumns();
    keepFrozenColumnsFirst();
    placeFrozenView();
}

void FrozenColumnsTableView::setSortable(bool sortable)
{
    for (QTableView *view : {static_cast<QTableView *>(this), m_frozenView}) {
        QHeaderView *header = view->horizontalHeader();
        header->setSortIndicatorClearable(true);
        // Until a header is clicked the rows stay in the model's order.
        if (sortable && !view->isSortingEnabled())
            header->setSortIndicator(-1, Qt::AscendingOrder);
        view->setSortingEnabled(sortable);
    }
}

void FrozenColumnsTableView::copyLooks()
{
    m_frozenView->setAlternatingRowColors(alternatingRowColors());
    m_frozenView->setSelectionBehavior(selectionBehavior());
    m_frozenView->setSelectionMode(selectionMode());
    m_frozenView->setWordWrap(wordWrap());
    m_frozenView->setTextElideMode(textElideMode());
    m_frozenView->setShowGrid(showGrid());
    m_frozenView->setVerticalScrollMode(verticalScrollMode());
    m_frozenView->setEditTriggers(editTriggers());
    m_frozenView->setContextMenuPolicy(contextMenuPolicy());
    m_frozenView->verticalHeader()->setVisible(false);
    m_frozenView->verticalHeader()->setSectionResizeMode(verticalHeader()->sectionResizeMode(0));
    m_frozenView->verticalHeader()->setDefaultSectionSize(verticalHeader()->defaultSectionSize());
    m_frozenView->horizontalHeader()->setHighlightSections(horizontalHeader()->highlightSections());
    m_frozenView->horizontalHeader()->setContextMenuPolicy(horizontalHeader()->contextMenuPolicy());
}

void FrozenColumnsTableView::showOnlyFrozenColumns()
{
    if (!model())
        return;
    const QScopedValueRollback syncing(m_syncing, true);
    for (int column = 0; column < model()->columnCount(); ++column) {
        const bool shown = isFrozen(column) && !isColumnHidden(column);
        m_frozenView->setColumnHidden(column, !shown);
        if (shown)
            m_frozenView->setColumnWidth(column, columnWidth(column));
    }
    QHeaderView *frozenHeader = m_frozenView->horizontalHeader();
    for (int place = 0; place < m_frozenColumns.size(); ++place) {
        const int visual = frozenHeader->visualIndex(m_frozenColumns.at(place));
        if (visual >= 0 && visual != place)
            frozenHeader->moveSection(visual, place);
    }
    placeFrozenView();
}

void FrozenColumnsTableView::followResizedColumn(int column, int newSize)
{
    if (!isFrozen(column))
        return;
    // The header says a section is hidden only after it has shrunk it to nothing.
    const bool hidden = newSize == 0 || isColumnHidden(column);
    {
        const QScopedValueRollback syncing(m_syncing, true);
        m_frozenView->setColumnHidden(column, hidden);
        if (!hidden)
            m_frozenView->setColumnWidth(column, newSize);
    }
    placeFrozenView();
}

// Columns dragged in front of the frozen ones, or frozen ones dragged away, go back.
void FrozenColumnsTableView::keepFrozenColumnsFirst()
{
    if (m_arranging)
        return;
    const QScopedValueRollback arranging(m_arranging, true);
    QHeaderView *header = horizontalHeader();
    for (int place = 0; place < m_frozenColumns.size(); ++place) {
        const int visual = header->visualIndex(m_frozenColumns.at(place));
        if (visual >= 0 && visual != place)
            header->moveSection(visual, place);
    }
}

int FrozenColumnsTableView::frozenWidth() const
{
    int width = 0;
    for (const int column : m_frozenColumns) {
        if (model() && column < model()->columnCount() && !isColumnHidden(column))
            width += columnWidth(column);
    }
    return width;
}

void FrozenColumnsTableView::placeFrozenView()
{
    const int width = std::min(frozenWidth(), viewport()->width());
    m_frozenView->setVisible(width > 0);
    if (width <= 0)
        return;
    const int headerHeight = horizontalHeader()->isVisible() ? horizontalHeader()->height() : 0;
    m_frozenView->horizontalHeader()->setVisible(headerHeight > 0);
    m_frozenView->horizontalHeader()->setFixedHeight(headerHeight);
    m_frozenView->setGeometry(viewport()->x(), viewport()->y() - headerHeight, width,
                              headerHeight + viewport()->height());
}

void FrozenColumnsTableView::updateGeometries()
{
    QTableView::updateGeometries();
    placeFrozenView();
}

// A frozen cell is always in sight sideways; another one is scrolled out from under the
// frozen part.
void FrozenColumnsTableView::scrollTo(const QModelIndex &index, ScrollHint hint)
{
    if (!index.isValid())
        return;
    QScrollBar *sideways = horizontalScrollBar();
    const int before = sideways->value();
    QTableView::scrollTo(index, hint);
    if (isFrozen(index.column())) {
        sideways->setValue(before);
        return;
    }
    const int covered = frozenWidth() - visualRect(index).left();
    if (covered > 0)
        sideways->setValue(sideways->value() - covered);
}
