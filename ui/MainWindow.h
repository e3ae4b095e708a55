#pragma once

#include "SilenceNotifier.h"
#include "session/MonitorSession.h"
#include "settings/MulticastConfig.h"
#include "settings/SubscriptionChoice.h"

#include <QMainWindow>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>

class DatagramDetailPane;
class SenderTabs;
class SubscriptionTableModel;
class SettingsStore;

namespace Ui {
class MainWindow;
}

// The receive controls, the datagrams table, the senders tabs (table, graphs, event
// log), the transmit panel and datagram details in docks, the silence alarm and the status
// bar. The session (receive pipeline, transmitter) is main()'s; the window's widgets show
// what it reports and forward what the user asks for.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    static constexpr std::chrono::milliseconds refreshInterval{500};

    // Where the subscriptions shown at start come from. The command line's are for one run:
    // neither they nor edits to them are saved, so the saved list is there the next time.
    enum class SubscriptionOrigin { Settings, CommandLine };
    struct StartingSubscriptions
    {
        QList<SubscriptionChoice> choices;
        SubscriptionOrigin origin = SubscriptionOrigin::Settings;
    };

    // receive and transmit: the settings with the command line's choices applied.
    MainWindow(MonitorSession &session, SettingsStore &settings, const ReceiveConfig &receive,
               const StartingSubscriptions &subscriptions, const TransmitConfig &transmit,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    // Joins the subscriptions that are on, as the button does.
    void startListening();
    // Says in the status bar where Prometheus finds the metrics (--metrics).
    void showMetricsUrl(const QString &url);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void setupReceiveControls(const StartingSubscriptions &subscriptions);
    void setupTables();
    void setupScrolling();
    void setupTransmitDock(const TransmitConfig &config);
    void setupDetailDock();
    void setupMenus();
    void setupExports();
    void restoreWindow();

    void toggleListening();
    void applyEditedSubscriptions();
    std::optional<ReceiveConfig> validatedReceiveConfig();
    void join(const ReceiveConfig &config);
    void showListening(const ListeningStatus &status);
    void showListenFailure(const QString &reason);
    void showInterfaceLost(const QString &reason);
    void showStopped();
    void showListenButtons();

    void showLivenessEvents(const QList<LivenessEvent> &events);
    void showLivenessSummary();
    void refreshTraffic();
    void showCleared();
    void showSettingsProblem(const QString &path, const QString &reason);
    void showAbout();
    void bringForward();

    std::unique_ptr<Ui::MainWindow> m_ui;
    MonitorSession &m_session;
    SettingsStore &m_settings;
    SilenceNotifier m_notifier;
    QTimer m_refreshTimer;
    SubscriptionTableModel *m_subscriptions = nullptr;
    SenderTabs *m_senderTabs = nullptr;
    DatagramDetailPane *m_detailPane = nullptr;
    ReceiveConfig m_receiveConfig;
    // What the user asked for; the listener reports separately whether it got there.
    bool m_wantListening = false;
    bool m_saveSubscriptions = true; // false for the command line's
    bool m_tablesPlaced = false; // the tables' splitter shared out once, when first shown
};
