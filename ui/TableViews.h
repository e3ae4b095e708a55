#pragma once

#include <QString>

#include <initializer_list>
#include <utility>

class QAbstractItemModel;
class QTableView;

// How every table in the window looks and behaves: compact fixed-height rows in alternating
// colours without a row header, one whole row selected at a time, no word wrap, and columns
// sized from sample text so that the view never measures its (many) rows.
namespace TableViews {

void setup(QTableView *view, QAbstractItemModel *model);
// Each column wide enough for its sample or its title, whichever is wider.
void sizeColumns(QTableView *view, std::initializer_list<std::pair<int, const char *>> samples);
// The same, with the samples the model's header gives (ColumnSampleRole).
void sizeColumnsFromHeader(QTableView *view);
// Keeps the newest (last) row in view, as a log does, while the view is scrolled to the end:
// when rows are added, and when the view's height or its horizontal scroll bar changes the
// room (a view filled while hidden is scrolled for the size it had then).
void followLastRow(QTableView *view);
// The width sizeColumns() gives a column for this sample.
int columnWidth(const QTableView *view, int column, const QString &sample);

} // namespace TableViews
