#pragma once

#include <QString>

// One column of a table as the user left it: which one (the model's name for it), whether it
// is shown, and its width in pixels (0: the table's own choice).
struct ColumnChoice
{
    QString name;
    bool shown = true;
    int width = 0;

    friend bool operator==(const ColumnChoice &a, const ColumnChoice &b)
    {
        return a.name == b.name && a.shown == b.shown && a.width == b.width;
    }
    friend bool operator!=(const ColumnChoice &a, const ColumnChoice &b) { return !(a == b); }
};
