#pragma once

#include <QStyledItemDelegate>

class SubscriptionTableModel;

// Edits a subscription's group, source, port, interface or format in its cell: a line edit,
// for the interface an editable list of the interfaces there are, for the format a list of
// the formats (applied as soon as one is chosen). What is wrong with the text
// is said through problemChanged() as it is typed and shown in the editor's colour; a value
// the model refuses is not committed (the model says why through editRefused()).
class SubscriptionItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SubscriptionItemDelegate)

public:
    explicit SubscriptionItemDelegate(SubscriptionTableModel &model, QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override;
    void destroyEditor(QWidget *editor, const QModelIndex &index) const override;

signals:
    // What is wrong with the text being typed; empty once it is right or the editor closes.
    void problemChanged(const QString &problem) const;

private:
    void commitAndClose();
    void check(QWidget *editor, const QModelIndex &index, const QString &text) const;

    SubscriptionTableModel &m_model;
};
