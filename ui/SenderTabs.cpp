#include "SenderTabs.h"

#include "ColumnChooser.h"
#include "FrozenColumnsTableView.h"
#include "RateGraph.h"
#include "TableViews.h"
#include "session/MonitorSession.h"

#include <QSplitter>
#include <QTableView>

SenderTabs::SenderTabs(MonitorSession &session, SettingsStore &settings, QWidget *parent)
    : QTabWidget(parent)
    , m_statistics(session.statistics())
    , m_senderModel(session, this)
    , m_sortedSenders(this)
    , m_eventModel(this)
    , m_sampleTimer(this)
    , m_senderView(new FrozenColumnsTableView)
    , m_rateGraph(new RateGraph(RateGraph::Measure::Received))
    , m_lossGraph(new RateGraph(RateGraph::Measure::Lost))
    , m_eventView(new QTableView)
{
    setObjectName(QStringLiteral("senderTabs"));
    setDocumentMode(true);

    setupSenderView(settings);

    m_rateGraph->setObjectName(QStringLiteral("rateGraph"));
    m_rateGraph->setHistory(&m_rateHistory);
    m_lossGraph->setObjectName(QStringLiteral("lossGraph"));
    m_lossGraph->setHistory(&m_rateHistory);
    auto *graphs = new QSplitter(Qt::Vertical);
    graphs->setObjectName(QStringLiteral("graphSplitter"));
    graphs->setChildrenCollapsible(false);
    graphs->addWidget(m_rateGraph);
    graphs->addWidget(m_lossGraph);
    graphs->setStretchFactor(0, 3);
    graphs->setStretchFactor(1, 2);

    m_eventView->setObjectName(QStringLiteral("eventLogView"));
    TableViews::setup(m_eventView, &m_eventModel);
    TableViews::sizeColumns(m_eventView, {{EventLogModel::Time, "00:00:00.000"},
                                          {EventLogModel::Sender, "255.255.255.255"}});
    TableViews::followLastRow(m_eventView);

    addTab(m_senderView, tr("Se&nders"));
    addTab(graphs, tr("&Graphs"));
    addTab(m_eventView, tr("Event l&og"));
    setTabToolTip(GraphsTab, tr("Packets received and lost per second over the last five "
                                "minutes: the total, and the flow selected in the Senders tab"));
    setTabToolTip(EventLogTab, tr("When senders appeared, went late or silent, and came back"));

    connect(m_senderView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SenderTabs::showSelectedSender);
    connect(&session.pipeline(), &ReceivePipeline::livenessChanged, &m_eventModel,
            &EventLogModel::appendEvents);
    connect(&session, &MonitorSession::cleared, &m_eventModel, &EventLogModel::clear);
    connect(&session, &MonitorSession::cleared, this, &SenderTabs::forgetHistory);
    connect(&m_sampleTimer, &QTimer::timeout, this, &SenderTabs::sampleRates);
    m_sampleTimer.start(sampleInterval);
}

SenderTabs::~SenderTabs()
{
    m_sampleTimer.stop();
    m_columnChooser.reset(); // saves what is pending while the view is still there
    // The views are children and outlive the members: they must let go of the models first.
    m_rateGraph->setHistory(nullptr);
    m_lossGraph->setHistory(nullptr);
    m_senderView->setModel(nullptr);
    m_eventView->setModel(nullptr);
}

void SenderTabs::setupSenderView(SettingsStore &settings)
{
    m_sortedSenders.setSourceModel(&m_senderModel);
    m_sortedSenders.setSortRole(SenderTableModel::SortRole);
    m_senderView->setObjectName(QStringLiteral("senderView"));
    m_senderView->frozenView()->setObjectName(QStringLiteral("senderFrozenView"));
    TableViews::setup(m_senderView, &m_sortedSenders);
    m_senderView->setFrozenColumns({SenderTableModel::Source, SenderTableModel::State});
    m_senderView->setSortable(true);
    m_columnChooser = std::make_unique<ColumnChooser>(*m_senderView, settings, QStringLiteral("flows"));
    m_columnChooser->addHeader(m_senderView->frozenView()->horizontalHeader());
}

void SenderTabs::forgetHistory()
{
    m_rateHistory.clear();
    for (RateGraph *graph : {m_rateGraph, m_lossGraph}) {
        graph->clearSelectedSender();
        graph->update();
    }
}

void SenderTabs::addViewAction(QAction *action)
{
    addAction(action);
}

void SenderTabs::sampleRates()
{
    m_rateHistory.sample(m_statistics);
    // Only the visible graph needs repainting; it paints the latest history when shown.
    for (RateGraph *graph : {m_rateGraph, m_lossGraph}) {
        if (graph->isVisible())
            graph->update();
    }
}

void SenderTabs::showSelectedSender(const QModelIndex &current)
{
    if (!current.isValid()) {
        m_rateGraph->clearSelectedSender();
        m_lossGraph->clearSelectedSender();
        return;
    }
    const std::size_t row = std::size_t(m_sortedSenders.mapToSource(current).row());
    if (row >= m_statistics.senders().size())
        return;
    const FlowKey flow = m_statistics.senders()[row].key();
    // One source often sends several flows: the group tells them apart in the legends.
    QString label = current.siblingAtColumn(SenderTableModel::Source).data().toString();
    const QString group = current.siblingAtColumn(SenderTableModel::Group).data().toString();
    if (!group.isEmpty())
        label += QStringLiteral(" → ") + group;
    m_rateGraph->setSelectedSender(flow, label);
    m_lossGraph->setSelectedSender(flow, label);
}
