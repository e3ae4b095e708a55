#pragma once

#include "ColumnHeaders.h"
#include "settings/ColumnChoice.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>

class QHeaderView;
class QPoint;
class QTableView;
class SettingsStore;

// A table's columns as its user chooses them. A right click on the header opens a menu with
// a check box per column and "Reset to Default Columns"; columns can be dragged into another
// order and resized. What is shown, the order and the widths are saved under the table's
// name and restored when the table is made again. The columns and their defaults come from
// the model's header (ColumnKeyRole, ColumnShownRole, ColumnSampleRole); a column the
// settings do not know yet (a newer version's) comes in after the known ones, as it would by
// default.
class ColumnChooser final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ColumnChooser)

public:
    // Changes are saved once the user has stopped dragging for this long.
    static constexpr std::chrono::milliseconds saveDelay{500};

    // Call when the view has its model and looks: the columns are set as saved at once.
    ColumnChooser(QTableView &view, SettingsStore &settings, const QString &table,
                  QObject *parent = nullptr);
    ~ColumnChooser() override; // saves what is still to be saved

    // Another header with the same menu (a frozen part of the table over the same model).
    void addHeader(QHeaderView *header);

    void setColumnShown(int column, bool shown);
    void resetToDefault();
    // The columns in the order shown, as they would be saved.
    QList<ColumnChoice> choices() const;

private:
    ColumnShown shownByDefault(int column) const;
    int columnNamed(const QString &name) const;
    void applyDefaults();
    void restore(const QList<ColumnChoice> &saved);
    void showMenu(QHeaderView *header, const QPoint &position);
    void noteChange();
    void save();

    QTableView &m_view;
    SettingsStore &m_settings;
    QString m_table;
    QTimer m_saveTimer;
    QList<ColumnChoice> m_saved;
    bool m_restoring = false;
};
