#include "SenderTabs.h"

#include "RateGraph.h"
#include "TableViews.h"
#include "session/MonitorSession.h"

#include <QTableView>

SenderTabs::SenderTabs(MonitorSession &session, QWidget *parent)
    : QTabWidget(parent)
    , m_statistics(session.statistics())
    , m_senderModel(session, this)
    , m_eventModel(this)
    , m_sampleTimer(this)
    , m_senderView(new QTableView)
    , m_rateGraph(new RateGraph)
    , m_eventView(new QTableView)
{
    setObjectName(QStringLiteral("senderTabs"));
    setDocumentMode(true);

    m_senderView->setObjectName(QStringLiteral("senderView"));
    TableViews::setup(m_senderView, &m_senderModel);
    TableViews::sizeColumns(m_senderView, {{SenderTableModel::Source, "255.255.255.255"},
                                           {SenderTableModel::State, "#### silent"},
                                           {SenderTableModel::Ours, "yes"},
                                           {SenderTableModel::Group, "239.255.255.255:65535"},
                                           {SenderTableModel::Format, "format"},
                                           {SenderTableModel::Packets, "9999999"},
                                           {SenderTableModel::PacketRate10s, "999.9 k"},
                                           {SenderTableModel::LastInterval, "9999.9 ms"},
                                           {SenderTableModel::ExpectedInterval, "9999.9 ms"},
                                           {SenderTableModel::MeanInterval, "9999.9 ms"},
                                           {SenderTableModel::Jitter, "9999.9 ms"},
                                           {SenderTableModel::AtuOffset, "-9999.9 ms"},
                                           {SenderTableModel::AtuOffsetMin, "-9999.9 ms"},
                                           {SenderTableModel::AtuOffsetMean, "-9999.9 ms"},
                                           {SenderTableModel::AtuOffsetMax, "-9999.9 ms"},
                                           {SenderTableModel::Ports, "65535, 65535"},
                                           {SenderTableModel::Bytes, "999.9 MB"},
                                           {SenderTableModel::ByteRate10s, "999.9 MB/s"},
                                           {SenderTableModel::PacketRate1s, "999.9 k"},
                                           {SenderTableModel::ByteRate1s, "999.9 MB/s"},
                                           {SenderTableModel::FirstSeen, "00:00:00.000"},
                                           {SenderTableModel::LastSeen, "00:00:00.000"}});

    m_rateGraph->setObjectName(QStringLiteral("rateGraph"));
    m_rateGraph->setHistory(&m_rateHistory);

    m_eventView->setObjectName(QStringLiteral("eventLogView"));
    TableViews::setup(m_eventView, &m_eventModel);
    TableViews::sizeColumns(m_eventView, {{EventLogModel::Time, "00:00:00.000"},
                                          {EventLogModel::Sender, "255.255.255.255"}});
    // The newest event stays in view, as in a log.
    connect(&m_eventModel, &QAbstractItemModel::rowsInserted, m_eventView,
            &QAbstractItemView::scrollToBottom);

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
    // The views are children and outlive the members: they must let go of the models first.
    m_rateGraph->setHistory(nullptr);
    m_senderView->setModel(nullptr);
    m_eventView->setModel(nullptr);
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
    const std::size_t row = std::size_t(current.row());
    if (row >= m_statistics.senders().size())
        return;
    m_rateGraph->setSelectedSender(m_statistics.senders()[row].key(),
                                   current.siblingAtColumn(SenderTableModel::Source).data().toString());
}
