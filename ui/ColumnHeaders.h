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
