#include "DatagramPane.h"

#include "ColumnChooser.h"
#include "TableViews.h"
#include "session/MonitorSession.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

DatagramPane::DatagramPane(QWidget *parent)
    : QWidget(parent)
    , m_model(this)
    , m_filter(this)
    , m_pauseAction(tr("&Pause View"), this)
    , m_leaveFilterAction(this)
    , m_deselectAction(this)
    , m_filterTimer(this)
    , m_view(new QTableView)
{
    m_filter.setSourceModel(&m_model);
    m_view->setObjectName(QStringLiteral("datagramView"));
    TableViews::setup(m_view, &m_filter);
    TableViews::sizeColumnsFromHeader(m_view);

    // Space would select in the table; here it pauses, as in packet viewers. Line edits
    // keep their spaces: the shortcut lives on the views only.
    m_pauseAction.setObjectName(QStringLiteral("pauseAction"));
    m_pauseAction.setCheckable(true);
    m_pauseAction.setShortcut(QKeySequence(Qt::Key_Space));
    m_pauseAction.setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_pauseAction.setToolTip(tr("Hold the datagrams table still; receiving goes on (Space)"));
    m_view->addAction(&m_pauseAction);
    connect(&m_pauseAction, &QAction::toggled, this, &DatagramPane::applyPause);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(createBar());
    layout->addWidget(m_view, 1);

    m_leaveFilterAction.setShortcut(QKeySequence(Qt::Key_Escape));
    m_leaveFilterAction.setShortcutContext(Qt::WidgetShortcut);
    m_filterEdit->addAction(&m_leaveFilterAction);
    connect(&m_leaveFilterAction, &QAction::triggered, this, [this] {
        m_filterEdit->clear();
        m_view->setFocus(Qt::ShortcutFocusReason);
    });

    m_filterTimer.setSingleShot(true);
    m_filterTimer.setInterval(filterDelay);
    connect(&m_filterTimer, &QTimer::timeout, this, &DatagramPane::applyFilter);
    connect(m_filterEdit, &QLineEdit::textChanged, &m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DatagramPane::showCurrent);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DatagramPane::scrollIfFollowing);
    m_deselectAction.setShortcut(QKeySequence(Qt::Key_Escape));
    m_deselectAction.setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(&m_deselectAction);
    connect(&m_deselectAction, &QAction::triggered, m_view, &QTableView::clearSelection);
    showCounts();
}

DatagramPane::~DatagramPane()
{
    m_columnChooser.reset(); // saves what is pending while the view is still there
    // The view is a child and outlives the members: it must let go of the models first.
    m_view->setModel(nullptr);
}

QWidget *DatagramPane::createBar()
{
    auto *bar = new QWidget;
    auto *title = new QLabel(tr("&Datagrams"));
    title->setBuddy(m_view);

    m_filterEdit = new QLineEdit;
    m_filterEdit->setObjectName(QStringLiteral("filterEdit"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setPlaceholderText(tr("Filter by source, group or payload (Ctrl+F)"));
    m_filterEdit->setToolTip(
        tr("Show only datagrams whose source address or payload contains this text, ignoring "
           "case. The payload is matched as the table shows it (its first %1 bytes, escaped "
           "text or hex). Esc clears the filter.")
            .arg(DatagramTableModel::displayedPayloadBytes));
    // Wide enough for an address and its clear button; the placeholder may be cut on a small
    // screen. Not more: the labels that come and go beside it must not widen the window.
    m_filterEdit->setMinimumWidth(
        m_filterEdit->fontMetrics().horizontalAdvance(QStringLiteral("239.255.255.255")) + 40);

    m_matchCount = new QLabel;
    m_matchCount->setObjectName(QStringLiteral("matchCountLabel"));
    m_matchCount->setTextFormat(Qt::PlainText);

    m_pauseButton = new QPushButton(tr("&Pause"));
    m_pauseButton->setObjectName(QStringLiteral("pauseButton"));
    m_pauseButton->setCheckable(true);
    m_pauseButton->setToolTip(m_pauseAction.toolTip());
    connect(m_pauseButton, &QPushButton::toggled, &m_pauseAction, &QAction::setChecked);

    m_pausedLabel = new QLabel;
    m_pausedLabel->setObjectName(QStringLiteral("pausedLabel"));
    m_pausedLabel->setTextFormat(Qt::PlainText);
    QFont bold = m_pausedLabel->font();
    bold.setBold(true);
    m_pausedLabel->setFont(bold);

    m_autoScroll = new QCheckBox(tr("&Auto-scroll"));
    m_autoScroll->setObjectName(QStringLiteral("autoScrollCheck"));
    m_autoScroll->setToolTip(tr("Keep the newest datagram in view. A selected row holds the "
                                "table where it is, so that it stays beside its details; "
                                "Esc in the table lets go of it"));
    m_autoScroll->setChecked(true);
    connect(m_autoScroll, &QCheckBox::toggled, this, &DatagramPane::scrollIfFollowing);

    // Short: it comes and goes beside the check box, and the tooltip says why.
    m_heldLabel = new QLabel(tr("(held)"));
    m_heldLabel->setObjectName(QStringLiteral("autoScrollHeldLabel"));
    m_heldLabel->setToolTip(tr("Held while a row is selected, so that it stays beside its "
                               "details; Esc in the table lets go of it"));
    m_heldLabel->hide();

    m_clearButton = new QPushButton(tr("&Clear"));
    m_clearButton->setObjectName(QStringLiteral("clearButton"));
    m_clearButton->setToolTip(tr("Forget all datagrams, senders and events (Ctrl+L)"));
    connect(m_clearButton, &QPushButton::clicked, this, &DatagramPane::clearRequested);

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addSpacing(8);
    layout->addWidget(m_filterEdit, 1);
    layout->addWidget(m_matchCount);
    layout->addSpacing(8);
    layout->addWidget(m_pauseButton);
    layout->addWidget(m_pausedLabel);
    layout->addStretch(1);
    layout->addWidget(m_autoScroll);
    layout->addWidget(m_heldLabel);
    layout->addWidget(m_clearButton);
    return bar;
}

void DatagramPane::chooseColumnsWith(SettingsStore &settings)
{
    m_columnChooser = std::make_unique<ColumnChooser>(*m_view, settings, QStringLiteral("datagrams"));
}

void DatagramPane::follow(MonitorSession &session)
{
    connect(&session.pipeline(), &ReceivePipeline::batchRecorded, this, &DatagramPane::appendBatch);
    connect(&session, &MonitorSession::cleared, this, &DatagramPane::clear);
}

void DatagramPane::appendBatch(const DatagramBatch &batch)
{
    m_model.appendBatch(batch);
    showCounts();
    scrollIfFollowing();
}

void DatagramPane::clear()
{
    m_model.clear();
    showCounts();
}

void DatagramPane::focusFilter()
{
    m_filterEdit->setFocus(Qt::ShortcutFocusReason);
    m_filterEdit->selectAll();
}

void DatagramPane::applyPause(bool paused)
{
    m_pauseButton->setChecked(paused);
    m_pauseButton->setText(paused ? tr("&Resume") : tr("&Pause"));
    m_model.setPaused(paused);
    showCounts();
    scrollIfFollowing();
}

void DatagramPane::applyFilter()
{
    m_filter.setFilterText(m_filterEdit->text());
    showCounts();
    scrollIfFollowing();
}

void DatagramPane::showCounts()
{
    m_pausedLabel->setVisible(m_model.isPaused());
    m_pausedLabel->setText(tr("Paused — %1 new").arg(m_model.arrivedWhilePaused()));
    const bool filtering = !m_filter.filterText().isEmpty();
    m_matchCount->setVisible(filtering);
    if (filtering)
        m_matchCount->setText(tr("%1 of %2").arg(m_filter.rowCount()).arg(m_model.rowCount()));
}

void DatagramPane::showCurrent(const QModelIndex &current)
{
    // A row that was evicted or filtered away leaves the pane showing what it showed.
    if (current.isValid())
        emit datagramSelected(m_model.datagram(m_filter.mapToSource(current).row()));
}

// A selected row is being read (its details are beside it): auto-scroll waits until it is
// let go of, rather than scrolling it away.
void DatagramPane::scrollIfFollowing()
{
    const bool held = m_view->selectionModel()->hasSelection();
    m_heldLabel->setVisible(m_autoScroll->isChecked() && held);
    if (m_autoScroll->isChecked() && !m_model.isPaused() && !held)
        m_view->scrollToBottom();
}

DatagramBatch DatagramPane::shownDatagrams() const
{
    DatagramBatch shown;
    shown.reserve(m_filter.rowCount());
    for (int row = 0; row < m_filter.rowCount(); ++row)
        shown.append(m_model.datagram(m_filter.mapToSource(m_filter.index(row, 0)).row()));
    return shown;
}
