#pragma once

#include "MulticastConfig.h"
#include "ReceivePipeline.h"
#include "SilenceNotifier.h"
#include "Transmitter.h"

#include <QMainWindow>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>

class DatagramDetailPane;
class SenderTabs;
class SettingsStore;
struct CommandLineOptions;

namespace Ui {
class MainWindow;
}

// The receive controls, the datagrams table, the senders tabs (table, rate graph, event
// log), the transmit panel and datagram details in docks, the silence alarm and the status
// bar. The window owns the receive pipeline and the transmitter; the widgets only show
// what they report and forward what the user asks for.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    static constexpr std::chrono::milliseconds refreshInterval{500};

    MainWindow(SettingsStore &settings, const CommandLineOptions &options,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    ReceivePipeline &pipeline() { return m_pipeline; }
    // Joins with the group, port and interface in the fields, as the button does.
    void startListening();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void setupReceiveControls();
    void setupTables();
    void setupTransmitDock(const TransmitConfig &config);
    void setupDetailDock();
    void setupMenus();
    void restoreWindow();

    void toggleListening();
    void applyEditedReceiveFields();
    std::optional<ReceiveConfig> validatedReceiveConfig();
    void join(const ReceiveConfig &config);
    void showListening(const ListeningStatus &status);
    void showListenFailure(const QString &reason);
    void showInterfaceLost(const QString &reason);
    void showStopped();
    void showListenButtons();

    void recordBatch(const DatagramBatch &batch);
    void showLivenessEvents(const QList<LivenessEvent> &events);
    void refreshTraffic();
    void clearTraffic();
    void showAbout();
    void bringForward();

    std::unique_ptr<Ui::MainWindow> m_ui;
    SettingsStore &m_settings;
    ReceivePipeline m_pipeline;
    Transmitter m_transmitter;
    SilenceNotifier m_notifier;
    QTimer m_refreshTimer;
    SenderTabs *m_senderTabs = nullptr;
    DatagramDetailPane *m_detailPane = nullptr;
    ReceiveConfig m_receiveConfig;
    // What the user asked for; the listener reports separately whether it got there.
    bool m_wantListening = false;
};
