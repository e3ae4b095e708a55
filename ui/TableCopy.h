#pragma once

#include <QString>

class QTableView;

// Copy (Ctrl+C) of the selected rows of a table as tab-separated text: one line per row,
// in the order the view shows them, the visible columns in their on-screen order, each cell
// as the table displays it. A tab, line break or other control character inside a cell is
// written as \t, \n, \r or \xNN, so every row stays one line of cells (payload cells are
// escaped that way already). Lines end in \n.
namespace TableCopy {

// Lets several rows be selected and adds the Copy action (Ctrl+C, also in the view's
// context menu).
void install(QTableView *view);
QString selectedRowsText(const QTableView *view);
// The text as it goes into one cell.
QString cellText(const QString &text);

} // namespace TableCopy
