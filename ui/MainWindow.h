#pragma once

#include "DatagramTableModel.h"
#include "MulticastConfig.h"
#include "ReceivePipeline.h"
#include "SenderTableModel.h"
#include "Transmitter.h"

#include <QMainWindow>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>

class SettingsStore;
struct CommandLineOptions;

namespace Ui {
class MainWindow;
}

// The receive controls, the datagram and sender tables, the transmit panel in a dock and
// the status bar. The window owns the receive pipeline and the transmitter; the widgets
// only show what they report and forward what the user asks for.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    static constexpr std::chrono::milliseconds refreshInterval{500};

    MainWindow(SettingsStore &settings, const CommandLineOptions &options,
               QWidget *parent = nullptr);
    ~MainWindow() override;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void setupReceiveControls();
    void setupTables();
    void setupTransmitDock(const TransmitConfig &config);
    void restoreWindow();

    void toggleListening();
    void applyEditedReceiveFields();
    std::optional<ReceiveConfig> validatedReceiveConfig();
    void join(const ReceiveConfig &config);
    void showListening(const ListeningStatus &status);
    void showListenFailure(const QString &reason);
    void showStopped();
    void showListenButtons();

    void recordBatch(const DatagramBatch &batch);
    void refreshTraffic();
    void clearTraffic();

    std::unique_ptr<Ui::MainWindow> m_ui;
    SettingsStore &m_settings;
    ReceivePipeline m_pipeline;
    Transmitter m_transmitter;
    DatagramTableModel m_datagramModel;
    SenderTableModel m_senderModel;
    QTimer m_refreshTimer;
    ReceiveConfig m_receiveConfig;
    // What the user asked for; the listener reports separately whether it got there.
    bool m_wantListening = false;
};
