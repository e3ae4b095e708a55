#include "MainWindow.h"
#include "ui_MainWindow.h"

#include "AboutDialog.h"
#include "AppTheme.h"
#include "ContentScrollArea.h"
#include "DatagramDetailPane.h"
#include "ExportActions.h"
#include "InlineMessage.h"
#include "LivenessSummary.h"
#include "SenderTabs.h"
#include "SubscriptionEditor.h"
#include "SubscriptionTableModel.h"
#include "TableCopy.h"
#include "TransmitPanel.h"
#include "net/NetworkInterfaces.h"
#include "settings/SettingsStore.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QTableView>
#include <QTimer>

#include <utility>

namespace {

constexpr QSize defaultWindowSize(1200, 800);
constexpr int maxReasonsShown = 3; // subscriptions not joined, under the table

bool sameReceiveConfig(const ReceiveConfig &a, const ReceiveConfig &b)
{
    return a.joined() == b.joined();
}

} // namespace

MainWindow::MainWindow(MonitorSession &session, SettingsStore &settings,
                       const ReceiveConfig &receive, const StartingSubscriptions &subscriptions,
                       const TransmitConfig &transmit, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_session(session)
    , m_settings(settings)
    , m_notifier(this)
    , m_refreshTimer(this)
{
    if (m_settings.darkTheme())
        AppTheme::setDark(true); // before the widgets exist, so they are polished once
    m_ui->setupUi(this);

    m_receiveConfig = receive;
    m_ui->datagramPane->setCapacity(m_receiveConfig.historyRows);

    setupReceiveControls(subscriptions);
    setupTables();
    setupScrolling();
    setupTransmitDock(transmit);
    setupDetailDock();
    setupMenus();
    setupExports();
    restoreWindow();

    const QStringList warnings = m_settings.takeWarnings();
    if (!warnings.isEmpty())
        InlineMessage::show(m_ui->receiveMessageLabel, warnings.join(QLatin1Char('\n')),
                            InlineMessage::Severity::Warning);
    // The window is what saves settings: it checks at once that it can, so that the note
    // is there before a change is lost.
    InlineMessage::prepare(m_ui->settingsMessageLabel);
    connect(&m_settings, &SettingsStore::saveProblemChanged, this,
            &MainWindow::showSettingsProblem);
    m_settings.checkSaving();

    MulticastListener &listener = m_session.listener();
    connect(&listener, &MulticastListener::listening, this, &MainWindow::showListening);
    connect(&listener, &MulticastListener::failed, this, &MainWindow::showListenFailure);
    connect(&listener, &MulticastListener::stopped, this, &MainWindow::showStopped);
    connect(&listener, &MulticastListener::interfaceLost, this, &MainWindow::showInterfaceLost);
    connect(&m_session.pipeline(), &ReceivePipeline::livenessChanged, this,
            &MainWindow::showLivenessEvents);
    connect(&m_session, &MonitorSession::cleared, this, &MainWindow::showCleared);

    // The status bar's counts come from the same batch as the table's rows, at the same
    // moment (the pane is connected first); the timer moves the rates on between batches.
    connect(&m_session.pipeline(), &ReceivePipeline::batchRecorded, this,
            &MainWindow::refreshTraffic);
    connect(&m_refreshTimer, &QTimer::timeout, this, &MainWindow::refreshTraffic);
    m_refreshTimer.start(refreshInterval);
    refreshTraffic();
    // A monitor is mostly watched: Space pauses the table from the start.
    m_ui->datagramPane->view()->setFocus(Qt::OtherFocusReason);
}

MainWindow::~MainWindow()
{
    // The session outlives the window: what it still reports must not reach dead widgets.
    m_refreshTimer.stop();
    disconnect(&m_session, nullptr, this, nullptr);
    disconnect(&m_session.pipeline(), nullptr, this, nullptr);
    disconnect(&m_session.listener(), nullptr, this, nullptr);
    // A cell still being edited commits as its editor loses the focus on the way out.
    disconnect(m_subscriptions, nullptr, this, nullptr);
}

void MainWindow::setupReceiveControls(const StartingSubscriptions &subscriptions)
{
    for (QLabel *label : {m_ui->interfaceErrorLabel, m_ui->receiveMessageLabel,
                          m_ui->subscriptionOriginLabel})
        InlineMessage::prepare(label);
    m_ui->interfaceCombo->setSpec(m_receiveConfig.interfaceSpec);
    m_ui->interfaceCombo->attachRefreshButton(m_ui->interfaceRefreshButton);

    m_saveSubscriptions = subscriptions.origin == SubscriptionOrigin::Settings;
    if (!m_saveSubscriptions) {
        m_ui->subscriptionOriginLabel->setText(
            tr("These subscriptions are the command line's, for this run only: changes to them "
               "are not saved, and the saved list is kept for the next start."));
        m_ui->subscriptionOriginLabel->show();
    }
    m_subscriptions = new SubscriptionTableModel(m_session, this);
    m_subscriptions->setChoices(subscriptions.choices);
    new SubscriptionEditor(*m_subscriptions,
                           {m_ui->specEdit, m_ui->interfaceCombo, m_ui->addSubscriptionButton,
                            m_ui->removeSubscriptionButton, m_ui->subscriptionView,
                            m_ui->subscriptionErrorLabel},
                           m_receiveConfig.port, this);
    m_ui->receiveGroup->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    // The alarm keeps its place while hidden, so that nothing under it moves when a sender
    // goes silent and a click meant for a row still lands on that row. A quiet line about
    // the senders stands in that place meanwhile.
    QSizePolicy bannerPolicy = m_ui->silenceBanner->sizePolicy();
    bannerPolicy.setRetainSizeWhenHidden(true);
    m_ui->silenceBanner->setSizePolicy(bannerPolicy);
    connect(m_ui->silenceBanner, &SilenceBanner::dismissed, this, &MainWindow::showLivenessSummary);

    connect(m_ui->listenButton, &QPushButton::clicked, this, &MainWindow::toggleListening);
    connect(m_subscriptions, &SubscriptionTableModel::choicesEdited, this,
            &MainWindow::applyEditedSubscriptions);
    showListenButtons();
}

void MainWindow::setupTables()
{
    // The senders tabs need the session when they are made, so they are made here.
    m_senderTabs = new SenderTabs(m_session, m_settings);
    m_ui->tablesSplitter->addWidget(m_senderTabs);
    m_ui->tablesSplitter->setStretchFactor(0, 3);
    m_ui->tablesSplitter->setStretchFactor(1, 2);

    DatagramPane *datagrams = m_ui->datagramPane;
    datagrams->chooseColumnsWith(m_settings);
    m_senderTabs->addViewAction(datagrams->pauseAction());
    datagrams->follow(m_session);
    connect(datagrams, &DatagramPane::clearRequested, &m_session, &MonitorSession::clear);
}

// Below the room its contents need (a small screen, or QT_SCALE_FACTOR=2 on a 1920×1080 one)
// the window scrolls, rather than growing past the screen and taking its status bar with it.
void MainWindow::setupScrolling()
{
    auto *area = new ContentScrollArea(takeCentralWidget());
    area->setObjectName(QStringLiteral("centralScrollArea"));
    setCentralWidget(area);
}

void MainWindow::setupTransmitDock(const TransmitConfig &config)
{
    auto *panel = new TransmitPanel(m_session.transmitter());
    panel->setObjectName(QStringLiteral("transmitPanel"));
    panel->setConfig(config);
    connect(panel, &TransmitPanel::configAccepted, this,
            [this](const TransmitConfig &accepted) { m_settings.save(accepted); });

    auto *dock = new QDockWidget(tr("Transmit"), this);
    dock->setObjectName(QStringLiteral("transmitDock")); // the key for saveState()
    auto *scrolling = new ContentScrollArea(panel);
    scrolling->setObjectName(QStringLiteral("transmitScrollArea"));
    dock->setWidget(scrolling);
    addDockWidget(Qt::RightDockWidgetArea, dock);

    QAction *toggleDock = dock->toggleViewAction();
    toggleDock->setText(tr("&Transmit Panel"));
    toggleDock->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_ui->viewMenu->insertAction(m_ui->darkThemeAction, toggleDock);

    // The panel may be behind the details tab or closed: the menu brings it forward, so
    // that what is sent (or why it cannot be) is in sight.
    QMenu *menu = new QMenu(tr("&Transmit"), this);
    menu->setObjectName(QStringLiteral("transmitMenu"));
    menuBar()->insertMenu(m_ui->viewMenu->menuAction(), menu);
    QAction *send = menu->addAction(tr("Start &Sending"));
    send->setObjectName(QStringLiteral("sendAction"));
    send->setShortcut(QKeySequence(Qt::Key_F6));
    connect(send, &QAction::triggered, this, [dock, panel] {
        dock->show();
        dock->raise();
        panel->toggleSending();
    });
    Transmitter &transmitter = m_session.transmitter();
    const auto showSending = [send, &transmitter] {
        send->setText(transmitter.isRunning() ? tr("Stop &Sending") : tr("Start &Sending"));
    };
    connect(&transmitter, &Transmitter::started, send, showSending);
    connect(&transmitter, &Transmitter::stopped, send, showSending);
    menu->addSeparator();
    menu->addAction(toggleDock);
}

void MainWindow::setupDetailDock()
{
    m_detailPane = new DatagramDetailPane;
    m_detailPane->setObjectName(QStringLiteral("detailPane"));
    connect(m_ui->datagramPane, &DatagramPane::datagramSelected, m_detailPane,
            &DatagramDetailPane::setDatagram);

    auto *dock = new QDockWidget(tr("Datagram Details"), this);
    dock->setObjectName(QStringLiteral("detailDock")); // the key for saveState()
    dock->setWidget(m_detailPane);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    // Side by side, the two docks and the tables would need more than 1024 px: they share
    // the right-hand side as tabs, the transmit panel in front.
    if (auto *transmitDock = findChild<QDockWidget *>(QStringLiteral("transmitDock"))) {
        tabifyDockWidget(transmitDock, dock);
        transmitDock->raise();
    }

    QAction *toggleDock = dock->toggleViewAction();
    toggleDock->setText(tr("Datagram &Details"));
    m_ui->viewMenu->insertAction(m_ui->darkThemeAction, toggleDock);
    m_ui->viewMenu->insertSeparator(m_ui->darkThemeAction);
}

void MainWindow::setupMenus()
{
    // The first is the one the menu shows.
    m_ui->listenAction->setShortcuts({QKeySequence(Qt::Key_F5), m_ui->listenAction->shortcut()});
    connect(m_ui->listenAction, &QAction::triggered, this, &MainWindow::toggleListening);
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    m_ui->receiveMenu->insertAction(m_ui->filterAction, m_ui->datagramPane->pauseAction());
    connect(m_ui->filterAction, &QAction::triggered, m_ui->datagramPane,
            &DatagramPane::focusFilter);
    connect(m_ui->clearAction, &QAction::triggered, &m_session, &MonitorSession::clear);

    m_notifier.setEnabled(m_settings.notificationsEnabled());
    m_notifier.setIcon(QApplication::windowIcon());
    m_ui->notifyAction->setChecked(m_notifier.isEnabled());
    if (!SilenceNotifier::isAvailable())
        m_ui->notifyAction->setToolTip(tr("This desktop has no system tray to notify with"));
    connect(m_ui->notifyAction, &QAction::toggled, this, [this](bool on) {
        m_notifier.setEnabled(on);
        m_settings.setNotificationsEnabled(on);
    });
    connect(&m_notifier, &SilenceNotifier::activated, this, &MainWindow::bringForward);

    m_ui->darkThemeAction->setChecked(AppTheme::isDark());
    connect(m_ui->darkThemeAction, &QAction::toggled, this, [this](bool dark) {
        AppTheme::setDark(dark);
        m_settings.setDarkTheme(dark);
    });
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_ui->aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::setupExports()
{
    auto *exports = new ExportActions(*m_ui->datagramPane, m_session.statistics(), this);
    m_ui->fileMenu->insertActions(m_ui->quitAction,
                                  {exports->saveCaptureAction(), exports->exportDatagramsAction(),
                                   exports->exportSendersAction()});
    m_ui->fileMenu->insertSeparator(m_ui->quitAction);
    TableCopy::install(m_ui->datagramPane->view());
    // SenderTabs makes the senders table and the event log; their object names find them.
    for (const auto *name : {"senderView", "eventLogView"}) {
        if (auto *view = m_senderTabs->findChild<QTableView *>(QLatin1String(name)))
            TableCopy::install(view);
    }
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (std::exchange(m_tablesPlaced, true))
        return;
    // Datagrams three fifths, flows two, once the splitter has its room: the stretch factors
    // share out only what is beyond the size hints, by which the flows' tabs took most (seven
    // datagram rows at 1024×768 instead of ten).
    QTimer::singleShot(0, this, [this] {
        const QList<int> sizes = m_ui->tablesSplitter->sizes();
        const int total = sizes.value(0) + sizes.value(1);
        if (total > 0)
            m_ui->tablesSplitter->setSizes({total * 3 / 5, total - total * 3 / 5});
    });
}

void MainWindow::restoreWindow()
{
    if (!restoreGeometry(m_settings.windowGeometry())) {
        // At most the room the screen leaves, as a small laptop screen has less than we like.
        QSize size = defaultWindowSize;
        if (const QScreen *screen = this->screen())
            size = size.boundedTo(screen->availableGeometry().size());
        resize(size);
    }
    if (!restoreState(m_settings.windowState())) {
        // The right side as wide as the details pane wants: its hex dump's characters in view.
        if (auto *detailDock = findChild<QDockWidget *>(QStringLiteral("detailDock")))
            resizeDocks({detailDock}, {m_detailPane->sizeHint().width()}, Qt::Horizontal);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings.saveWindow(saveGeometry(), saveState());
    QMainWindow::closeEvent(event);
}

std::optional<ReceiveConfig> MainWindow::validatedReceiveConfig()
{
    const QList<Subscription> enabled = m_subscriptions->enabledSubscriptions();
    if (enabled.isEmpty()) {
        InlineMessage::show(m_ui->subscriptionErrorLabel,
                            tr("No subscription is on: add one or switch one on"));
        return std::nullopt;
    }
    // A row whose interface is missing fails alone (its state says why) while the others
    // are joined; only when every row's is missing is there nothing to start.
    QStringList missing;
    int present = 0;
    for (const Subscription &subscription : enabled) {
        const auto need = subscription.group.isIPv6() ? NetworkInterfaces::Need::IndexOnly
                                                      : NetworkInterfaces::Need::IPv4Address;
        if (NetworkInterfaces::resolve(subscription.interfaceSpec, nullptr, need))
            ++present;
        else if (!missing.contains(subscription.interfaceSpec))
            missing.append(subscription.interfaceSpec);
    }
    if (present == 0) {
        InlineMessage::show(m_ui->interfaceErrorLabel,
                            tr("Interface %1 is not present: choose one that is")
                                .arg(missing.join(QStringLiteral(", "))));
        return std::nullopt;
    }
    InlineMessage::clear(m_ui->interfaceErrorLabel); // the rows that fail say why once listening

    ReceiveConfig config = m_receiveConfig;
    config.subscriptions = enabled;
    // The single subscription of the settings' receive section, which headless runs
    // start from, follows the window's first.
    const Subscription &first = enabled.front();
    if (first.group.isIPv4() && !first.isSourceSpecific()) {
        config.group = first.group.toQHostAddress();
        config.port = first.port;
        config.interfaceSpec = first.interfaceSpec;
    }
    return config;
}

void MainWindow::toggleListening()
{
    if (!m_wantListening) {
        startListening();
        return;
    }
    m_wantListening = false;
    m_session.listener().stop();
    showListenButtons();
}

void MainWindow::startListening()
{
    if (const auto config = validatedReceiveConfig())
        join(*config);
}

void MainWindow::showMetricsUrl(const QString &url)
{
    m_ui->statusBar->showMetricsUrl(url);
}

// The list changed: it is saved (unless it is the command line's), and while listening the
// receiver joins what is on now.
void MainWindow::applyEditedSubscriptions()
{
    if (m_saveSubscriptions)
        m_settings.save(m_subscriptions->choices());
    if (!m_wantListening)
        return;
    if (m_subscriptions->enabledSubscriptions().isEmpty()) {
        toggleListening(); // nothing left to listen to
        InlineMessage::show(m_ui->receiveMessageLabel,
                            tr("Stopped listening: no subscription is on"),
                            InlineMessage::Severity::Warning);
        return;
    }
    const auto config = validatedReceiveConfig();
    if (config && !sameReceiveConfig(*config, m_receiveConfig))
        join(*config); // the listener leaves what is no longer on
}

void MainWindow::join(const ReceiveConfig &config)
{
    m_receiveConfig = config;
    if (m_saveSubscriptions) {
        m_settings.save(config);
        m_settings.save(m_subscriptions->choices());
    }
    m_wantListening = true;
    InlineMessage::clear(m_ui->receiveMessageLabel);
    m_session.listener().start(config);
    showListenButtons();
}

void MainWindow::showListening(const ListeningStatus &status)
{
    if (!m_wantListening)
        return; // a stop is already on its way to the receiver
    // The table's State cells are narrow: the reasons are said in full under it too.
    QStringList notJoined;
    int more = 0;
    for (const SubscriptionStatus &subscription : status.subscriptions) {
        if (subscription.state == SubscriptionStatus::State::Joined)
            continue;
        if (notJoined.size() < maxReasonsShown)
            notJoined.append(tr("%1 %2: %3")
                                 .arg(subscription.subscription.toString(),
                                      SubscriptionStatus::stateName(subscription.state),
                                      subscription.reason.simplified()));
        else
            ++more;
    }
    if (more > 0)
        notJoined.append(tr("and %n more not joined", nullptr, more));
    InlineMessage::show(m_ui->receiveMessageLabel, notJoined.join(QLatin1Char('\n')),
                        InlineMessage::Severity::Warning);
    m_ui->statusBar->showListening(status);
}

void MainWindow::showInterfaceLost(const QString &reason)
{
    // Still wanted: the receiver joins again by itself when the interface returns.
    InlineMessage::show(m_ui->receiveMessageLabel, reason, InlineMessage::Severity::Warning);
    m_ui->statusBar->showNotListening();
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

void MainWindow::showLivenessEvents(const QList<LivenessEvent> &events)
{
    const TrafficStatistics &statistics = m_session.statistics();
    m_ui->silenceBanner->showSilentSenders(statistics, events);
    m_notifier.notify(statistics, events);
    refreshTraffic();
}

void MainWindow::showLivenessSummary()
{
    m_ui->livenessSummary->setVisible(m_ui->silenceBanner->isHidden());
    m_ui->livenessSummary->showSummary(m_session.statistics());
}

void MainWindow::refreshTraffic()
{
    m_ui->statusBar->showTraffic(m_session.statistics(), m_ui->datagramPane->evictedCount());
    showLivenessSummary();
}

void MainWindow::showCleared()
{
    m_detailPane->clear();
    m_ui->silenceBanner->showSilentSenders(m_session.statistics());
    m_notifier.notify(m_session.statistics(), {});
    refreshTraffic();
}

void MainWindow::showSettingsProblem(const QString &path, const QString &reason)
{
    InlineMessage::show(m_ui->settingsMessageLabel,
                        reason.isEmpty() ? QString()
                                         : tr("Settings cannot be saved to %1: %2. Changes last "
                                              "only until the program ends.")
                                               .arg(path, reason),
                        InlineMessage::Severity::Warning);
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::bringForward()
{
    showNormal();
    raise();
    activateWindow();
}
