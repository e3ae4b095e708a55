#include "DatagramFilterModel.h"

#include "DatagramTableModel.h"

DatagramFilterModel::DatagramFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

void DatagramFilterModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
}

bool DatagramFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QAbstractItemModel *model = sourceModel();
    for (const int column : {DatagramTableModel::Source, DatagramTableModel::Destination,
                             DatagramTableModel::Payload}) {
        const QString text = model->index(sourceRow, column, sourceParent).data().toString();
        if (text.contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}
