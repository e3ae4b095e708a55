#include "TransmitPanel.h"
#include "ui_TransmitPanel.h"

#include "settings/ConfigValidation.h"
#include "InlineMessage.h"
#include "PlainTextToolTip.h"
#include "net/Transmitter.h"

#include <cmath>

namespace {

bool sameConfig(const TransmitConfig &a, const TransmitConfig &b)
{
    return a.group == b.group && a.port == b.port && a.interfaceSpec == b.interfaceSpec
           && a.ttl == b.ttl && a.loopback == b.loopback && a.interval == b.interval
           && a.prefix == b.prefix;
}

constexpr std::chrono::milliseconds progressInterval{100};

} // namespace

TransmitPanel::TransmitPanel(Transmitter &transmitter, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::TransmitPanel>())
    , m_transmitter(transmitter)
    , m_progressTimer(this)
{
    m_ui->setupUi(this);
    for (QLabel *label :
         {m_ui->transmitGroupErrorLabel, m_ui->transmitInterfaceErrorLabel, m_ui->prefixErrorLabel})
        InlineMessage::prepare(label);
    for (QLabel *label : {m_ui->lastMessageLabel, m_ui->lastErrorLabel}) {
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_ui->sentCountLabel->setTextFormat(Qt::PlainText);

    m_progressTimer.setSingleShot(true);
    m_progressTimer.setInterval(progressInterval);
    connect(&m_progressTimer, &QTimer::timeout, this, &TransmitPanel::showProgress);

    connect(m_ui->transmitButton, &QPushButton::clicked, this, &TransmitPanel::toggleSending);
    m_ui->transmitInterfaceCombo->attachRefreshButton(m_ui->transmitInterfaceRefreshButton);

    connect(m_ui->transmitGroupEdit, &QLineEdit::editingFinished, this,
            &TransmitPanel::applyEditedFields);
    connect(m_ui->prefixEdit, &QLineEdit::editingFinished, this, &TransmitPanel::applyEditedFields);
    connect(m_ui->transmitPortSpin, &QSpinBox::valueChanged, this,
            &TransmitPanel::applyEditedFields);
    connect(m_ui->ttlSpin, &QSpinBox::valueChanged, this, &TransmitPanel::applyEditedFields);
    connect(m_ui->intervalSpin, &QDoubleSpinBox::valueChanged, this,
            &TransmitPanel::applyEditedFields);
    connect(m_ui->loopbackCheck, &QCheckBox::toggled, this, &TransmitPanel::applyEditedFields);
    connect(m_ui->transmitInterfaceCombo, &InterfaceComboBox::specChosen, this,
            &TransmitPanel::applyEditedFields);
    // Errors disappear as soon as the text is fixed, not only when the field is left.
    connect(m_ui->transmitGroupEdit, &QLineEdit::textEdited, this, [this] {
        if (!ConfigValidation::groupError(m_ui->transmitGroupEdit->text()))
            InlineMessage::clear(m_ui->transmitGroupErrorLabel);
    });

    connect(&m_transmitter, &Transmitter::started, this, &TransmitPanel::showTransmitterState);
    connect(&m_transmitter, &Transmitter::stopped, this, &TransmitPanel::showTransmitterState);
    connect(&m_transmitter, &Transmitter::failed, this, &TransmitPanel::showError);
    connect(&m_transmitter, &Transmitter::sendFailed, this, &TransmitPanel::showError);
    connect(&m_transmitter, &Transmitter::skipped, this, [this](qint64 count) {
        showError(tr("Fell more than %1 s behind: skipped %n message(s)", nullptr,
                     int(qMin(count, qint64(INT_MAX))))
                      .arg(Transmitter::catchUpLimit.count()));
    });
    connect(&m_transmitter, &Transmitter::sent, this, [this] {
        if (!m_progressTimer.isActive())
            m_progressTimer.start();
    });

    setConfig(m_lastAccepted);
    showTransmitterState();
}

TransmitPanel::~TransmitPanel() = default;

void TransmitPanel::setConfig(const TransmitConfig &config)
{
    // Filling the fields is not an edit: it must not restart anything.
    const QSignalBlocker blockers[] = {
        QSignalBlocker(m_ui->transmitPortSpin), QSignalBlocker(m_ui->ttlSpin),
        QSignalBlocker(m_ui->intervalSpin), QSignalBlocker(m_ui->loopbackCheck)};
    m_ui->transmitGroupEdit->setText(config.group.toString());
    m_ui->transmitPortSpin->setValue(config.port);
    m_ui->transmitInterfaceCombo->setSpec(config.interfaceSpec);
    m_ui->ttlSpin->setValue(config.ttl);
    m_ui->loopbackCheck->setChecked(config.loopback);
    m_ui->intervalSpin->setValue(double(config.interval.count()) / 1e6);
    m_ui->prefixEdit->setText(config.prefix);
    m_lastAccepted = config;
}

std::optional<TransmitConfig> TransmitPanel::validatedConfig()
{
    const QString groupText = m_ui->transmitGroupEdit->text().trimmed();
    const auto groupError = ConfigValidation::groupError(groupText);
    if (groupError)
        InlineMessage::show(m_ui->transmitGroupErrorLabel, *groupError);
    else if (const auto warning = ConfigValidation::groupWarning(QHostAddress(groupText)))
        InlineMessage::show(m_ui->transmitGroupErrorLabel, *warning,
                            InlineMessage::Severity::Warning);
    else
        InlineMessage::clear(m_ui->transmitGroupErrorLabel);

    const QString prefix = m_ui->prefixEdit->text();
    const auto prefixError = ConfigValidation::prefixError(prefix);
    InlineMessage::show(m_ui->prefixErrorLabel, prefixError.value_or(QString()));

    const bool interfaceMissing = !m_ui->transmitInterfaceCombo->isSpecFound();
    InlineMessage::show(m_ui->transmitInterfaceErrorLabel,
                        interfaceMissing ? tr("Choose an interface that exists") : QString());

    // The spin boxes cannot hold values out of range; the checks keep one rule for all.
    const double seconds = m_ui->intervalSpin->value();
    QString otherError;
    for (const auto &error :
         {ConfigValidation::portError(QString::number(m_ui->transmitPortSpin->value())),
          ConfigValidation::ttlError(QString::number(m_ui->ttlSpin->value())),
          ConfigValidation::intervalError(QString::number(seconds))}) {
        if (error && otherError.isEmpty())
            otherError = *error;
    }
    if (!otherError.isEmpty())
        showError(otherError);

    if (groupError || prefixError || interfaceMissing || !otherError.isEmpty())
        return std::nullopt;
    TransmitConfig config;
    config.group = QHostAddress(groupText);
    config.port = quint16(m_ui->transmitPortSpin->value());
    config.interfaceSpec = m_ui->transmitInterfaceCombo->spec();
    config.ttl = m_ui->ttlSpin->value();
    config.loopback = m_ui->loopbackCheck->isChecked();
    config.interval = std::chrono::microseconds(std::llround(seconds * 1e6));
    config.prefix = prefix;
    return config;
}

void TransmitPanel::toggleSending()
{
    if (m_transmitter.isRunning()) {
        m_transmitter.stop();
        return;
    }
    const auto config = validatedConfig();
    if (!config)
        return;
    m_lastAccepted = *config;
    emit configAccepted(*config);
    m_transmitter.start(*config);
}

void TransmitPanel::applyEditedFields()
{
    const auto config = validatedConfig();
    if (!config || sameConfig(*config, m_lastAccepted))
        return;
    m_lastAccepted = *config;
    emit configAccepted(*config);
    if (m_transmitter.isRunning())
        m_transmitter.start(*config);
}

void TransmitPanel::showTransmitterState()
{
    const bool running = m_transmitter.isRunning();
    m_ui->transmitButton->setText(running ? tr("Stop &sending") : tr("Start &sending"));
    if (running) {
        m_ui->lastErrorLabel->setPalette(QPalette());
        m_ui->lastErrorLabel->setText(tr("—"));
        m_ui->lastErrorLabel->setToolTip(QString());
    }
    showProgress();
}

void TransmitPanel::showProgress()
{
    m_ui->sentCountLabel->setText(QString::number(m_transmitter.sentCount()));
    const QString message = m_transmitter.lastMessage();
    m_ui->lastMessageLabel->setText(message.isEmpty() ? tr("—") : message);
    m_ui->lastMessageLabel->setToolTip(
        message.isEmpty() ? QString() : PlainTextToolTip::fromPlainText(message));
}

void TransmitPanel::showError(const QString &reason)
{
    QPalette palette = m_ui->lastErrorLabel->palette();
    palette.setColor(QPalette::WindowText, InlineMessage::color(InlineMessage::Severity::Error));
    m_ui->lastErrorLabel->setPalette(palette);
    m_ui->lastErrorLabel->setText(reason);
    m_ui->lastErrorLabel->setToolTip(PlainTextToolTip::fromPlainText(reason));
}
