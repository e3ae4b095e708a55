#pragma once

#include <QCoreApplication>
#include <QVariant>

// The header of a table model's column: its title and tooltip, marked for translation with
// QT_TRANSLATE_NOOP(<model class>, …), and numbers aligned right.
struct ColumnTitle
{
    const char *title;
    const char *toolTip;
};

inline int cellAlignment(bool numeric)
{
    return int((numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
}

// headerData() for one horizontal section; context is the model's class name, as tr() uses.
inline QVariant columnHeaderData(const char *context, const ColumnTitle &column, bool numeric, int role)
{
    switch (role) {
    case Qt::DisplayRole:
        return QCoreApplication::translate(context, column.title);
    case Qt::ToolTipRole:
        return QCoreApplication::translate(context, column.toolTip);
    case Qt::TextAlignmentRole:
        return cellAlignment(numeric);
    default:
        return {};
    }
}

// Whether a column is in the table when nobody chose otherwise, and whether it can be
// taken out (a column that names the row cannot).
enum class ColumnShown { Always, ByDefault, OnRequest };

// What a model says about a column beyond its title, for views that let the user choose
// columns (ColumnChooser) and size them without measuring rows (TableViews).
enum ColumnHeaderRole {
    ColumnKeyRole = Qt::UserRole + 100, // QString: the column's name in the settings, never translated
    ColumnShownRole,                    // int(ColumnShown)
    ColumnSampleRole,                   // QString: the widest text the column should fit
};

// A column with everything the header says about it, for models whose columns can be chosen.
struct ColumnHeader
{
    const char *key;
    ColumnTitle title;
    bool numeric;
    ColumnShown shown;
    const char *sample;
};

inline QVariant columnHeaderData(const char *context, const ColumnHeader &column, int role)
{
    switch (role) {
    case ColumnKeyRole:
        return QString::fromLatin1(column.key);
    case ColumnShownRole:
        return int(column.shown);
    case ColumnSampleRole:
        return QString::fromUtf8(column.sample);
    case Qt::InitialSortOrderRole: // the largest numbers are what one sorts them for
        return int(column.numeric ? Qt::DescendingOrder : Qt::AscendingOrder);
    default:
        return columnHeaderData(context, column.title, column.numeric, role);
    }
}
