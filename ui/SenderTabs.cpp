#include "SenderTabs.h"

#include "ColumnChooser.h"
#include "FrozenColumnsTableView.h"
#include "RateGraph.h"
#include "TableViews.h"
#include "session/MonitorSession.h"

#include <QTableView>

SenderTabs::SenderTabs(MonitorSession &session, SettingsStore &settings, QWidget *parent)
    : QTabWidget(parent)
    , m_statistics(session.statistics())
    , m_senderModel(session, this)
    , m_sortedSenders(this)
    , m_eventModel(this)
    , m_sampleTimer(this)
    , m_senderView(new FrozenColumnsTableView)
    , m_rateGraph(new RateGraph)
    , m_eventView(new QTableView)
{
    setObjectName(QStringLiteral("senderTabs"));
    setDocumentMode(true);

    setupSenderView(settings);

    m_rateGraph->setObjectName(QStringLiteral("rateGraph"));
    m_rateGraph->setHistory(&m_rateHistory);

    m_eventView->setObjectName(QStringLiteral("eventLogView"));
    TableViews::setup(m_eventView, &m_eventModel);
    TableViews::sizeColumns(m_eventView, {{EventLogModel::Time, "00:00:00.000"},
                                          {EventLogModel::Sender, "255.255.255.255"}});
    TableViews::followLastRow(m_eventView);

    addTab(m_senderView, tr("Se&nders"));
    addTab(m_rateGraph, tr("Rate graph"));
    addTab(m_eventView, tr("Event l&og"));
    setTabToolTip(RateGraphTab, tr("Packets per second over the last five minutes: the total, "
                                   "and the sender selected in the Senders tab"));
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
    m_rateGraph->clearSelectedSender();
    m_rateGraph->update();
}

void SenderTabs::addViewAction(QAction *action)
{
    addAction(action);
}

void SenderTabs::sampleRates()
{
    m_rateHistory.sample(m_statistics);
    // Only the visible graph needs repainting; it paints the latest history when shown.
    if (m_rateGraph->isVisible())
        m_rateGraph->update();
}

void SenderTabs::showSelectedSender(const QModelIndex &current)
{
    if (!current.isValid()) {
        m_rateGraph->clearSelectedSender();
        return;
    }
    const std::size_t row = std::size_t(m_sortedSenders.mapToSource(current).row());
    if (row >= m_statistics.senders().size())
        return;
    m_rateGraph->setSelectedSender(m_statistics.senders()[row].key(),
                                   current.siblingAtColumn(SenderTableModel::Source).data().toString());
}
