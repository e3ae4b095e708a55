#pragma once

#include "settings/MulticastConfig.h"

#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

class Transmitter;

namespace Ui {
class TransmitPanel;
}

// The controls of the transmitter that the main window owns: where to send (an IPv4 or IPv6
// group), what (the ATU heartbeat every interval, or a test stream at a rate and size), one
// Start/Stop button and what happened last. Fields edited while sending apply at once.
class TransmitPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransmitPanel)

public:
    explicit TransmitPanel(Transmitter &transmitter, QWidget *parent = nullptr);
    ~TransmitPanel() override;

    void setConfig(const TransmitConfig &config);
    // The fields as a configuration, or nothing (and the reasons shown) when one is invalid.
    std::optional<TransmitConfig> validatedConfig();
    // Starts with the fields (when they are valid), or stops: the button and Transmit ▸
    // Start/Stop Sending.
    void toggleSending();

signals:
    // A valid configuration the user started or edited: worth saving.
    void configAccepted(const TransmitConfig &config);

private:
    PayloadFormat chosenFormat() const;
    void chooseFormat(PayloadFormat format);
    void showRowsOfFormat();
    void formatChosen();
    // A spec typed as the group ("[ff15::1]:5004@eth0") fills the port and interface fields
    // and leaves the address. Nothing, or why the spec cannot be used.
    std::optional<QString> takeSpecFromGroupField();
    std::optional<QString> interfaceError(bool ipv6) const;
    std::optional<QString> streamError(bool ipv6) const;
    void applyEditedFields();
    void showTransmitterState();
    void showProgress();
    void showError(const QString &reason);

    std::unique_ptr<Ui::TransmitPanel> m_ui;
    Transmitter &m_transmitter;
    TransmitConfig m_lastAccepted;
    // Progress labels follow a fast transmitter at this pace, not once per datagram.
    QTimer m_progressTimer;
};
