#include "SubscriptionItemDelegate.h"

#include "InlineMessage.h"
#include "SubscriptionTableModel.h"
#include "decoders/PayloadDecoder.h"
#include "net/NetworkInterfaces.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPersistentModelIndex>

namespace {

QString editorText(const QWidget *editor)
{
    if (const auto *combo = qobject_cast<const QComboBox *>(editor))
        return combo->currentText();
    if (const auto *line = qobject_cast<const QLineEdit *>(editor))
        return line->text();
    return {};
}

} // namespace

SubscriptionItemDelegate::SubscriptionItemDelegate(SubscriptionTableModel &model, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_model(model)
{
}

QWidget *SubscriptionItemDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                                const QModelIndex &index) const
{
    const QPersistentModelIndex cell(index);
    if (index.column() == SubscriptionTableModel::Format) {
        auto *combo = new QComboBox(parent);
        combo->setObjectName(QStringLiteral("formatCombo"));
        combo->addItems(formatChoiceNames());
        combo->setToolTip(tr("auto: detect each flow's format; raw: decode nothing"));
        // Chosen is done: the row is applied at once, as a check box would be.
        connect(combo, &QComboBox::activated, this, &SubscriptionItemDelegate::commitAndClose);
        return combo;
    }
    if (index.column() == SubscriptionTableModel::Interface) {
        auto *combo = new QComboBox(parent);
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        // Names only (Windows' friendly names): an address typed in works too, and IPv6-only
        // interfaces are here.
        for (const InterfaceChoice &networkInterface : NetworkInterfaces::allInterfaces())
            combo->addItem(networkInterface.shownName());
        connect(combo, &QComboBox::editTextChanged, combo,
                [this, combo, cell](const QString &text) { check(combo, cell, text); });
        return combo;
    }
    QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
    if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        line->setToolTip(index.column() == SubscriptionTableModel::Source
                             ? tr("A source address, or nothing for any source")
                             : QString());
        connect(line, &QLineEdit::textEdited, line,
                [this, line, cell](const QString &text) { check(line, cell, text); });
    }
    return editor;
}

void SubscriptionItemDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        if (combo->isEditable())
            combo->setEditText(index.data(Qt::EditRole).toString());
        else
            combo->setCurrentText(index.data(Qt::EditRole).toString());
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void SubscriptionItemDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                            const QModelIndex &index) const
{
    const QString text = editorText(editor);
    if (text == index.data(Qt::EditRole).toString())
        return; // opened and closed without a change
    model->setData(index, text, Qt::EditRole);
}

void SubscriptionItemDelegate::commitAndClose()
{
    if (auto *editor = qobject_cast<QWidget *>(sender())) {
        emit commitData(editor);
        emit closeEditor(editor);
    }
}

void SubscriptionItemDelegate::destroyEditor(QWidget *editor, const QModelIndex &index) const
{
    emit problemChanged({});
    QStyledItemDelegate::destroyEditor(editor, index);
}

void SubscriptionItemDelegate::check(QWidget *editor, const QModelIndex &index,
                                     const QString &text) const
{
    QString problem;
    if (index.isValid())
        m_model.edited(index, text, &problem);
    QPalette palette = editor->parentWidget() ? editor->parentWidget()->palette() : editor->palette();
    if (!problem.isEmpty())
        palette.setColor(QPalette::Text, InlineMessage::color(InlineMessage::Severity::Error));
    editor->setPalette(palette);
    emit problemChanged(problem);
}
