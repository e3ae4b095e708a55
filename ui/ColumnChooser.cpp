#include "ColumnChooser.h"

#include "TableViews.h"
#include "settings/SettingsStore.h"

#include <QHeaderView>
#include <QMenu>
#include <QSet>
#include <QTableView>

#include <algorithm>

ColumnChooser::ColumnChooser(QTableView &view, SettingsStore &settings, const QString &table,
                             QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_settings(settings)
    , m_table(table)
    , m_saveTimer(this)
{
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(saveDelay);
    connect(&m_saveTimer, &QTimer::timeout, this, &ColumnChooser::save);

    QHeaderView *header = m_view.horizontalHeader();
    header->setSectionsMovable(true);
    addHeader(header);
    connect(header, &QHeaderView::sectionMoved, this, &ColumnChooser::noteChange);
    connect(header, &QHeaderView::sectionResized, this, &ColumnChooser::noteChange);

    restore(m_settings.tableColumns(m_table));
    // Saved from now on: only what the user changes.
    m_saved = choices();
}

ColumnChooser::~ColumnChooser()
{
    if (m_saveTimer.isActive())
        save();
}

void ColumnChooser::addHeader(QHeaderView *header)
{
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this,
            [this, header](const QPoint &position) { showMenu(header, position); });
}

ColumnShown ColumnChooser::shownByDefault(int column) const
{
    const QVariant shown = m_view.model()->headerData(column, Qt::Horizontal, ColumnShownRole);
    return shown.isValid() ? ColumnShown(shown.toInt()) : ColumnShown::ByDefault;
}

int ColumnChooser::columnNamed(const QString &name) const
{
    const QAbstractItemModel *model = m_view.model();
    for (int column = 0; column < model->columnCount(); ++column) {
        if (model->headerData(column, Qt::Horizontal, ColumnKeyRole).toString() == name)
            return column;
    }
    return -1;
}

void ColumnChooser::setColumnShown(int column, bool shown)
{
    if (!shown && shownByDefault(column) == ColumnShown::Always)
        return;
    m_view.setColumnHidden(column, !shown);
    noteChange();
}

void ColumnChooser::applyDefaults()
{
    QHeaderView *header = m_view.horizontalHeader();
    const int count = m_view.model()->columnCount();
    for (int column = 0; column < count; ++column) {
        header->moveSection(header->visualIndex(column), column);
        m_view.setColumnHidden(column, false);
    }
    TableViews::sizeColumnsFromHeader(&m_view);
    for (int column = 0; column < count; ++column)
        m_view.setColumnHidden(column, shownByDefault(column) == ColumnShown::OnRequest);
}

void ColumnChooser::restore(const QList<ColumnChoice> &saved)
{
    m_restoring = true;
    applyDefaults();
    QHeaderView *header = m_view.horizontalHeader();
    QSet<int> placed;
    for (const ColumnChoice &choice : saved) {
        const int column = columnNamed(choice.name);
        if (column < 0 || placed.contains(column))
            continue;
        header->moveSection(header->visualIndex(column), int(placed.size()));
        placed.insert(column);
        if (choice.width > 0)
            header->resizeSection(column, std::max(choice.width, header->minimumSectionSize()));
        m_view.setColumnHidden(column, !choice.shown && shownByDefault(column) != ColumnShown::Always);
    }
    m_restoring = false;
}

void ColumnChooser::resetToDefault()
{
    restore({});
    noteChange();
}

QList<ColumnChoice> ColumnChooser::choices() const
{
    const QHeaderView *header = m_view.horizontalHeader();
    const QAbstractItemModel *model = m_view.model();
    int lastShown = -1;
    for (int visual = 0; visual < header->count(); ++visual) {
        if (!header->isSectionHidden(header->logicalIndex(visual)))
            lastShown = visual;
    }
    QList<ColumnChoice> columns;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        const bool shown = !header->isSectionHidden(column);
        // A stretched last column's width is the window's, not a choice.
        const bool stretched = visual == lastShown && header->stretchLastSection();
        columns.append({model->headerData(column, Qt::Horizontal, ColumnKeyRole).toString(), shown,
                        shown && !stretched ? header->sectionSize(column) : 0});
    }
    return columns;
}

void ColumnChooser::showMenu(QHeaderView *header, const QPoint &position)
{
    auto *menu = new QMenu(header);
    menu->setObjectName(QStringLiteral("columnMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setToolTipsVisible(true);
    const QAbstractItemModel *model = m_view.model();
    for (int column = 0; column < model->columnCount(); ++column) {
        const QString title = model->headerData(column, Qt::Horizontal).toString();
        QAction *action = menu->addAction(QString(title).replace(QLatin1Char('&'), QStringLiteral("&&")));
        action->setToolTip(model->headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString());
        action->setCheckable(true);
        action->setChecked(!m_view.isColumnHidden(column));
        action->setEnabled(shownByDefault(column) != ColumnShown::Always);
        connect(action, &QAction::toggled, this,
                [this, column](bool shown) { setColumnShown(column, shown); });
    }
    menu->addSeparator();
    QAction *reset = menu->addAction(tr("&Reset to Default Columns"));
    reset->setObjectName(QStringLiteral("resetColumnsAction"));
    connect(reset, &QAction::triggered, this, &ColumnChooser::resetToDefault);
    menu->popup(header->viewport()->mapToGlobal(position));
}

void ColumnChooser::noteChange()
{
    if (!m_restoring)
        m_saveTimer.start();
}

void ColumnChooser::save()
{
    m_saveTimer.stop();
    const QList<ColumnChoice> columns = choices();
    if (columns == m_saved)
        return;
    m_settings.saveTableColumns(m_table, columns);
    m_saved = columns;
}
