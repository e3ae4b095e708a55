#include "TableCopy.h"

#include "FrozenColumnsTableView.h"

#include <QAction>
#include <QClipboard>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QTableView>

#include <algorithm>

namespace TableCopy {

QString cellText(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'\t': out += QLatin1String("\\t"); break;
        case u'\n': out += QLatin1String("\\n"); break;
        case u'\r': out += QLatin1String("\\r"); break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    return out;
}

QString selectedRowsText(const QTableView *view)
{
    const QItemSelectionModel *selection = view->selectionModel();
    if (!selection)
        return {};
    QModelIndexList rows = selection->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    const QHeaderView *header = view->horizontalHeader();
    QList<int> columns;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            columns.append(logical);
    }
    QString text;
    for (const QModelIndex &row : rows) {
        for (qsizetype i = 0; i < columns.size(); ++i) {
            if (i > 0)
                text += QLatin1Char('\t');
            text += cellText(row.siblingAtColumn(columns[i]).data(Qt::DisplayRole).toString());
        }
        text += QLatin1Char('\n');
    }
    return text;
}

void install(QTableView *view)
{
    QList<QTableView *> parts{view};
    // A table with frozen columns is two views over one selection: both select and copy alike.
    if (auto *frozen = qobject_cast<FrozenColumnsTableView *>(view))
        parts.append(frozen->frozenView());
    auto *copy = new QAction(QCoreApplication::translate("TableCopy", "&Copy Rows"), view);
    copy->setObjectName(QStringLiteral("copyRowsAction"));
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    copy->setToolTip(QCoreApplication::translate("TableCopy", "Copy the selected rows as tab-separated text (Ctrl+C)"));
    QObject::connect(copy, &QAction::triggered, view, [view] {
        const QString text = selectedRowsText(view);
        if (!text.isEmpty())
            QGuiApplication::clipboard()->setText(text);
    });
    for (QTableView *part : parts) {
        part->setSelectionMode(QAbstractItemView::ExtendedSelection);
        part->addAction(copy);
        part->setContextMenuPolicy(Qt::ActionsContextMenu);
    }
}

} // namespace TableCopy
