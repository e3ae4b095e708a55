#pragma once

#include <QSortFilterProxyModel>

// The datagrams whose source address, group ("239.1.1.1:5001", "[ff15::1]:5001") or payload
// contains the filter text, ignoring case.
// The payload is matched as the table shows it: escaped text, or hex for binary payloads,
// of its first DatagramTableModel::displayedPayloadBytes bytes. What you see is what you
// find, and a filter over a full ring costs at most that many bytes per row.
//
// New rows are filtered as they arrive (dynamicSortFilter); only a change of the filter
// text looks at every row again.
class DatagramFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatagramFilterModel)

public:
    explicit DatagramFilterModel(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
};
