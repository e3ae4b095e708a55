#include "MainWindow.h"
#include "ui_MainWindow.h"

#include "CommandLine.h"
#include "ConfigValidation.h"
#include "InlineMessage.h"
#include "SettingsStore.h"
#include "TransmitPanel.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>

#include <initializer_list>
#include <utility>

namespace {

constexpr QSize defaultWindowSize(1200, 800);

bool sameReceiveConfig(const ReceiveConfig &a, const ReceiveConfig &b)
{
    return a.group == b.group && a.port == b.port && a.interfaceSpec == b.interfaceSpec;
}

// Columns sized from sample text, so the table never measures its (many) rows.
void sizeColumns(QTableView *view, std::initializer_list<std::pair<int, const char *>> samples)
{
    QHeaderView *header = view->horizontalHeader();
    const QFontMetrics metrics = view->fontMetrics();
    const int padding = 2 * view->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, view) + 10;
    for (const auto &[column, sample] : samples) {
        const QString title = view->model()->headerData(column, Qt::Horizontal).toString();
        const int width = std::max(metrics.horizontalAdvance(QString::fromUtf8(sample)),
                                   header->fontMetrics().horizontalAdvance(title));
        header->resizeSection(column, width + padding);
    }
}

void setupTableView(QTableView *view, QAbstractItemModel *model)
{
    view->setModel(model);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setStretchLastSection(true);
}

} // namespace

MainWindow::MainWindow(SettingsStore &settings, const CommandLineOptions &options, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_settings(settings)
    , m_pipeline(this)
    , m_transmitter(this)
    , m_datagramModel(this)
    , m_senderModel(m_pipeline.statistics(), this)
    , m_refreshTimer(this)
{
    m_ui->setupUi(this);

    m_receiveConfig = m_settings.receiveConfig();
    TransmitConfig transmitConfig = m_settings.transmitConfig();
    options.applyTo(m_receiveConfig, transmitConfig);
    m_datagramModel.setCapacity(m_receiveConfig.historyRows);

    setupReceiveControls();
    setupTables();
    setupTransmitDock(transmitConfig);
    restoreWindow();

    const QStringList warnings = m_settings.takeWarnings();
    if (!warnings.isEmpty())
        InlineMessage::show(m_ui->receiveMessageLabel, warnings.join(QLatin1Char('\n')),
                            InlineMessage::Severity::Warning);

    MulticastListener &listener = m_pipeline.listener();
    connect(&listener, &MulticastListener::listening, this, &MainWindow::showListening);
    connect(&listener, &MulticastListener::failed, this, &MainWindow::showListenFailure);
    connect(&listener, &MulticastListener::stopped, this, &MainWindow::showStopped);
    connect(&m_pipeline, &ReceivePipeline::batchRecorded, this, &MainWindow::recordBatch);

    connect(&m_refreshTimer, &QTimer::timeout, this, &MainWindow::refreshTraffic);
    m_refreshTimer.start(refreshInterval);
    refreshTraffic();
}

MainWindow::~MainWindow()
{
    // Quiet the sources before the models and widgets they report to go away.
    m_refreshTimer.stop();
    m_transmitter.stop();
    disconnect(&m_pipeline, nullptr, this, nullptr);
    disconnect(&m_pipeline.listener(), nullptr, this, nullptr);
    // Child widgets outlive the members: the views must let go of the models first.
    m_ui->datagramView->setModel(nullptr);
    m_ui->senderView->setModel(nullptr);
}

void MainWindow::setupReceiveControls()
{
    for (QLabel *label :
         {m_ui->groupErrorLabel, m_ui->interfaceErrorLabel, m_ui->receiveMessageLabel})
        InlineMessage::prepare(label);
    m_ui->groupEdit->setText(m_receiveConfig.group.toString());
    m_ui->portSpin->setValue(m_receiveConfig.port);
    m_ui->interfaceCombo->setSpec(m_receiveConfig.interfaceSpec);

    connect(m_ui->listenButton, &QPushButton::clicked, this, &MainWindow::toggleListening);
    connect(m_ui->listenAction, &QAction::triggered, this, &MainWindow::toggleListening);
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    m_ui->interfaceCombo->attachRefreshButton(m_ui->interfaceRefreshButton);
    connect(m_ui->groupEdit, &QLineEdit::editingFinished, this,
            &MainWindow::applyEditedReceiveFields);
    connect(m_ui->portSpin, &QSpinBox::valueChanged, this, &MainWindow::applyEditedReceiveFields);
    connect(m_ui->interfaceCombo, &InterfaceComboBox::specChosen, this,
            &MainWindow::applyEditedReceiveFields);
    // Errors disappear as soon as the text is fixed, not only when the field is left.
    connect(m_ui->groupEdit, &QLineEdit::textEdited, this, [this] {
        if (!ConfigValidation::groupError(m_ui->groupEdit->text()))
            InlineMessage::clear(m_ui->groupErrorLabel);
    });
    showListenButtons();
}

void MainWindow::setupTables()
{
    setupTableView(m_ui->datagramView, &m_datagramModel);
    sizeColumns(m_ui->datagramView, {{DatagramTableModel::Time, "00:00:00.000"},
                                     {DatagramTableModel::Source, "255.255.255.255"},
                                     {DatagramTableModel::SourcePort, "65535"},
                                     {DatagramTableModel::Destination, "239.255.255.255:65535"},
                                     {DatagramTableModel::Size, "65507"},
                                     {DatagramTableModel::Ttl, "255"},
                                     {DatagramTableModel::Ours, "yes"}});
    setupTableView(m_ui->senderView, &m_senderModel);
    sizeColumns(m_ui->senderView, {{SenderTableModel::Source, "255.255.255.255"},
                                   {SenderTableModel::Ours, "yes"},
                                   {SenderTableModel::Ports, "65535, 65535"},
                                   {SenderTableModel::Packets, "9999999"},
                                   {SenderTableModel::Bytes, "999.9 MB"},
                                   {SenderTableModel::PacketRate1s, "999.9 k"},
                                   {SenderTableModel::ByteRate1s, "999.9 MB/s"},
                                   {SenderTableModel::PacketRate10s, "999.9 k"},
                                   {SenderTableModel::ByteRate10s, "999.9 MB/s"},
                                   {SenderTableModel::FirstSeen, "00:00:00.000"},
                                   {SenderTableModel::LastSeen, "00:00:00.000"}});
    m_ui->tablesSplitter->setStretchFactor(0, 3);
    m_ui->tablesSplitter->setStretchFactor(1, 1);

    connect(m_ui->clearButton, &QPushButton::clicked, this, &MainWindow::clearTraffic);
    connect(m_ui->clearAction, &QAction::triggered, this, &MainWindow::clearTraffic);
    connect(m_ui->autoScrollCheck, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            m_ui->datagramView->scrollToBottom();
    });
}

void MainWindow::setupTransmitDock(const TransmitConfig &config)
{
    auto *panel = new TransmitPanel(m_transmitter);
    panel->setObjectName(QStringLiteral("transmitPanel"));
    panel->setConfig(config);
    connect(panel, &TransmitPanel::configAccepted, this,
            [this](const TransmitConfig &accepted) { m_settings.save(accepted); });

    auto *dock = new QDockWidget(tr("Transmit"), this);
    dock->setObjectName(QStringLiteral("transmitDock")); // the key for saveState()
    dock->setWidget(panel);
    addDockWidget(Qt::RightDockWidgetArea, dock);

    QAction *toggleDock = dock->toggleViewAction();
    toggleDock->setText(tr("&Transmit Panel"));
    toggleDock->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_ui->viewMenu->addAction(toggleDock);
}

void MainWindow::restoreWindow()
{
    if (!restoreGeometry(m_settings.windowGeometry()))
        resize(defaultWindowSize);
    restoreState(m_settings.windowState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings.saveWindow(saveGeometry(), saveState());
    QMainWindow::closeEvent(event);
}

std::optional<ReceiveConfig> MainWindow::validatedReceiveConfig()
{
    const QString groupText = m_ui->groupEdit->text().trimmed();
    const auto groupError = ConfigValidation::groupError(groupText);
    if (groupError)
        InlineMessage::show(m_ui->groupErrorLabel, *groupError);
    else if (const auto warning = ConfigValidation::groupWarning(QHostAddress(groupText)))
        InlineMessage::show(m_ui->groupErrorLabel, *warning, InlineMessage::Severity::Warning);
    else
        InlineMessage::clear(m_ui->groupErrorLabel);

    const bool interfaceMissing = !m_ui->interfaceCombo->isSpecFound();
    InlineMessage::show(m_ui->interfaceErrorLabel,
                        interfaceMissing ? tr("Interface %1 is not present: choose one that is")
                                               .arg(m_ui->interfaceCombo->spec())
                                         : QString());
    if (groupError || interfaceMissing)
        return std::nullopt;

    ReceiveConfig config = m_receiveConfig;
    config.group = QHostAddress(groupText);
    config.port = quint16(m_ui->portSpin->value());
    config.interfaceSpec = m_ui->interfaceCombo->spec();
    return config;
}

void MainWindow::toggleListening()
{
    if (m_wantListening) {
        m_wantListening = false;
        m_pipeline.listener().stop();
        showListenButtons();
        return;
    }
    if (const auto config = validatedReceiveConfig())
        join(*config);
}

void MainWindow::applyEditedReceiveFields()
{
    const auto config = validatedReceiveConfig();
    if (!config || sameReceiveConfig(*config, m_receiveConfig))
        return;
    if (m_wantListening) {
        join(*config); // the listener leaves the old group first
        return;
    }
    m_receiveConfig = *config;
    m_settings.save(m_receiveConfig);
}

void MainWindow::join(const ReceiveConfig &config)
{
    m_receiveConfig = config;
    m_settings.save(config);
    m_wantListening = true;
    InlineMessage::clear(m_ui->receiveMessageLabel);
    m_pipeline.listener().start(config);
    showListenButtons();
}

void MainWindow::showListening(const ListeningStatus &status)
{
    if (!m_wantListening)
        return; // a stop is already on its way to the receiver
    m_ui->statusBar->showListening(status);
}

void MainWindow::showListenFailure(const QString &reason)
{
    m_wantListening = false;
    InlineMessage::show(m_ui->receiveMessageLabel, tr("Not listening: %1").arg(reason));
    m_ui->statusBar->showNotListening();
    showListenButtons();
}

void MainWindow::showStopped()
{
    if (!m_wantListening)
        m_ui->statusBar->showNotListening();
}

void MainWindow::showListenButtons()
{
    m_ui->listenButton->setText(m_wantListening ? tr("Stop &listening") : tr("Start &listening"));
    m_ui->listenAction->setText(m_wantListening ? tr("Stop &Listening") : tr("Start &Listening"));
}

void MainWindow::recordBatch(const DatagramBatch &batch)
{
    m_datagramModel.appendBatch(batch);
    m_senderModel.update();
    if (m_ui->autoScrollCheck->isChecked())
        m_ui->datagramView->scrollToBottom();
}

void MainWindow::refreshTraffic()
{
    m_senderModel.refresh();
    m_ui->statusBar->showTraffic(m_pipeline.statistics(), m_datagramModel.evictedCount());
}

void MainWindow::clearTraffic()
{
    m_datagramModel.clear();
    m_senderModel.clear();
    refreshTraffic();
}
