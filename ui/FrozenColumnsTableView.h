#pragma once

#include <QList>
#include <QTableView>

// A table whose first columns stay at its left edge while the others scroll sideways, so
// that a row can always be told by them. A second view over the same model and selection
// lies over the left edge and shows only those columns (the pattern of Qt's "frozencolumn"
// example); the two share rows, selection, current row, sorting and vertical scrolling, and
// the frozen columns' widths, visibility and places (always first) are kept in step.
class FrozenColumnsTableView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FrozenColumnsTableView)

public:
    explicit FrozenColumnsTableView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;
    void setSelectionModel(QItemSelectionModel *selectionModel) override;
    // The model's columns that stay at the left, in this order. Call once the view looks
    // as it should (TableViews::setup): the frozen part takes on its looks.
    void setFrozenColumns(const QList<int> &columns);
    // Sorting by a click on either part's header; a third click goes back to the model's order.
    void setSortable(bool sortable);

    QTableView *frozenView() const { return m_frozenView; }
    // How much of the viewport's left edge the frozen part covers.
    int frozenWidth() const;
    // A cell of another column is brought out from under the frozen part.
    void scrollTo(const QModelIndex &index, ScrollHint hint = EnsureVisible) override;

protected:
    void updateGeometries() override;

private:
    bool isFrozen(int column) const { return m_frozenColumns.contains(column); }
    void copyLooks();
    void showOnlyFrozenColumns();
    void followResizedColumn(int column, int newSize);
    void keepFrozenColumnsFirst();
    void placeFrozenView();

    QTableView *m_frozenView = nullptr;
    QList<int> m_frozenColumns;
    QList<QMetaObject::Connection> m_modelConnections;
    bool m_arranging = false; // moving the frozen columns back to the front
    bool m_syncing = false;   // passing widths to the frozen part, which must not echo them
};
