#include "SubscriptionEditor.h"

#include "InlineMessage.h"
#include "InterfaceComboBox.h"
#include "SubscriptionItemDelegate.h"
#include "SubscriptionTableModel.h"
#include "TableViews.h"
#include "net/SubscriptionSpec.h"
#include "settings/ConfigValidation.h"

#include <QAbstractButton>
#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QStyle>
#include <QTableView>

namespace {

constexpr int visibleRows = 4;

} // namespace

SubscriptionEditor::SubscriptionEditor(SubscriptionTableModel &model, const Widgets &widgets,
                                       quint16 specPort, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_widgets(widgets)
    , m_specPort(specPort)
{
    InlineMessage::prepare(m_widgets.errorLabel);
    m_widgets.specEdit->setClearButtonEnabled(true); // as the transmit panel's group field
    setupView();
    connect(m_widgets.addButton, &QAbstractButton::clicked, this, &SubscriptionEditor::add);
    connect(m_widgets.specEdit, &QLineEdit::returnPressed, this, &SubscriptionEditor::add);
    connect(m_widgets.removeButton, &QAbstractButton::clicked, this,
            &SubscriptionEditor::removeSelected);
    connect(m_widgets.specEdit, &QLineEdit::textEdited, this,
            &SubscriptionEditor::clearErrorOnceValid);
    // An edit that went through leaves no error of an earlier attempt behind.
    connect(&m_model, &SubscriptionTableModel::choicesEdited, this,
            [this] { InlineMessage::clear(m_widgets.errorLabel); });
    connect(&m_model, &SubscriptionTableModel::editRefused, this, [this](const QString &reason) {
        m_showingCellProblem = false; // stays after the cell closes, until the next edit
        InlineMessage::show(m_widgets.errorLabel, reason);
    });
}

void SubscriptionEditor::setupView()
{
    QTableView *view = m_widgets.view;
    TableViews::setup(view, &m_model);
    auto *delegate = new SubscriptionItemDelegate(m_model, view);
    view->setItemDelegate(delegate);
    view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    connect(delegate, &SubscriptionItemDelegate::problemChanged, this,
            &SubscriptionEditor::showCellProblem);
    TableViews::sizeColumns(view, {{SubscriptionTableModel::Enabled, "On"},
                                   {SubscriptionTableModel::Group, "239.255.255.255"},
                                   {SubscriptionTableModel::Source, "198.51.100.100"},
                                   {SubscriptionTableModel::Port, "65535"},
                                   {SubscriptionTableModel::Interface, "127.0.0.1"},
                                   {SubscriptionTableModel::Packets, "1234567"},
                                   {SubscriptionTableModel::PacketRate, "pkt/s (10 s)"}});
    QHeaderView *header = view->horizontalHeader();
    // Room for the combo box's arrow too, so that its longest name is not cut while chosen.
    header->resizeSection(SubscriptionTableModel::Format,
                          TableViews::columnWidth(view, SubscriptionTableModel::Format,
                                                  QStringLiteral("rtp-mpegts"))
                              + view->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, view));
    header->setStretchLastSection(false);
    header->setSectionResizeMode(SubscriptionTableModel::State, QHeaderView::Stretch);
    // A few rows show; more scroll. The tables below keep the room. In a narrow window
    // the columns scroll sideways, and the scroll bar must not take the last row's place.
    const auto fitRows = [view] {
        QScrollBar *sideways = view->horizontalScrollBar();
        view->setFixedHeight(view->horizontalHeader()->sizeHint().height()
                             + visibleRows * view->verticalHeader()->defaultSectionSize()
                             + 2 * view->frameWidth()
                             + (sideways->maximum() > 0 ? sideways->sizeHint().height() : 0));
    };
    fitRows();
    connect(view->horizontalScrollBar(), &QScrollBar::rangeChanged, view, fitRows);

    auto *removeAction = new QAction(view);
    removeAction->setShortcut(QKeySequence::Delete);
    removeAction->setShortcutContext(Qt::WidgetShortcut);
    view->addAction(removeAction);
    connect(removeAction, &QAction::triggered, this, &SubscriptionEditor::removeSelected);
}

void SubscriptionEditor::add()
{
    QLabel *error = m_widgets.errorLabel;
    const QString spec = m_widgets.specEdit->text().trimmed();
    if (spec.isEmpty()) {
        InlineMessage::show(error, tr("Type a subscription: [SOURCE,]GROUP[:PORT][@INTERFACE]"));
        return;
    }
    QString reason;
    const auto subscription =
        SubscriptionSpec::parse(spec, {m_specPort, m_widgets.interfaceCombo->spec()}, &reason);
    if (!subscription) {
        InlineMessage::show(error, reason);
        return;
    }
    if (!m_model.add(*subscription)) {
        InlineMessage::show(error, tr("%1 is in the list already").arg(subscription->toString()));
        return;
    }
    m_widgets.specEdit->clear();
    if (const auto warning = ConfigValidation::groupWarning(subscription->group.toQHostAddress());
        warning && subscription->group.isIPv4())
        InlineMessage::show(error, *warning, InlineMessage::Severity::Warning);
}

void SubscriptionEditor::removeSelected()
{
    const QModelIndexList rows = m_widgets.view->selectionModel()->selectedRows();
    if (!rows.isEmpty())
        m_model.removeRows(rows.front().row(), 1);
}

// Errors disappear as soon as the text is fixed, not only when it is added.
void SubscriptionEditor::clearErrorOnceValid(const QString &text)
{
    QString unused;
    if (text.trimmed().isEmpty()
        || SubscriptionSpec::parse(text, {m_specPort, m_widgets.interfaceCombo->spec()}, &unused))
        InlineMessage::clear(m_widgets.errorLabel);
}

void SubscriptionEditor::showCellProblem(const QString &problem)
{
    if (!problem.isEmpty()) {
        m_showingCellProblem = true;
        InlineMessage::show(m_widgets.errorLabel, problem);
    } else if (m_showingCellProblem) {
        m_showingCellProblem = false;
        InlineMessage::clear(m_widgets.errorLabel);
    }
}
