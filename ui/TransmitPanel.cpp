#include "TransmitPanel.h"
#include "ui_TransmitPanel.h"

#include "settings/ConfigValidation.h"
#include "InlineMessage.h"
#include "PlainTextToolTip.h"
#include "generators/StreamFormats.h"
#include "net/NetworkInterfaces.h"
#include "net/SubscriptionSpec.h"
#include "net/Transmitter.h"

#include <cmath>

namespace {

bool sameConfig(const TransmitConfig &a, const TransmitConfig &b)
{
    return a.group == b.group && a.port == b.port && a.interfaceSpec == b.interfaceSpec
           && a.ttl == b.ttl && a.loopback == b.loopback && a.interval == b.interval
           && a.prefix == b.prefix && a.format == b.format && a.rate == b.rate && a.size == b.size;
}

constexpr std::chrono::milliseconds progressInterval{100};

QString formatLabel(PayloadFormat format)
{
    switch (format) {
    case PayloadFormat::Atu: return TransmitPanel::tr("ATU heartbeat");
    case PayloadFormat::Rtp: return TransmitPanel::tr("RTP (MPEG-TS)");
    case PayloadFormat::MpegTs: return TransmitPanel::tr("MPEG-TS");
    case PayloadFormat::Iperf2: return TransmitPanel::tr("iperf 2");
    default: return payloadFormatName(format);
    }
}

// A group field holding more than an address: brackets, a port or an interface.
bool looksLikeSpec(const QString &text)
{
    return text.startsWith(QLatin1Char('[')) || text.contains(QLatin1Char('@'))
           || (text.contains(QLatin1Char('.')) && text.contains(QLatin1Char(':')));
}

} // namespace

TransmitPanel::TransmitPanel(Transmitter &transmitter, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::TransmitPanel>())
    , m_transmitter(transmitter)
    , m_progressTimer(this)
{
    m_ui->setupUi(this);
    for (QLabel *label : {m_ui->transmitGroupErrorLabel, m_ui->transmitInterfaceErrorLabel,
                          m_ui->prefixErrorLabel, m_ui->streamErrorLabel})
        InlineMessage::prepare(label);
    for (QLabel *label : {m_ui->lastMessageLabel, m_ui->lastErrorLabel}) {
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_ui->sentCountLabel->setTextFormat(Qt::PlainText);
    for (const PayloadFormat format : StreamFormats::sendable())
        m_ui->formatCombo->addItem(formatLabel(format), int(format));
    m_ui->sizeSpin->setMaximum(StreamFormats::maxIPv6Datagram);
    m_ui->rateSpin->setMaximum(int(StreamFormats::maxRate));
    m_ui->transmitInterfaceCombo->setListsInterfacesWithoutIPv4(true); // IPv6 needs no IPv4

    m_progressTimer.setSingleShot(true);
    m_progressTimer.setInterval(progressInterval);
    connect(&m_progressTimer, &QTimer::timeout, this, &TransmitPanel::showProgress);

    connect(m_ui->transmitButton, &QPushButton::clicked, this, &TransmitPanel::toggleSending);
    m_ui->transmitInterfaceCombo->attachRefreshButton(m_ui->transmitInterfaceRefreshButton);

    connect(m_ui->transmitGroupEdit, &QLineEdit::editingFinished, this,
            &TransmitPanel::applyEditedFields);
    connect(m_ui->prefixEdit, &QLineEdit::editingFinished, this, &TransmitPanel::applyEditedFields);
    for (QSpinBox *spin : {m_ui->transmitPortSpin, m_ui->ttlSpin, m_ui->rateSpin, m_ui->sizeSpin})
        connect(spin, &QSpinBox::valueChanged, this, &TransmitPanel::applyEditedFields);
    connect(m_ui->intervalSpin, &QDoubleSpinBox::valueChanged, this,
            &TransmitPanel::applyEditedFields);
    connect(m_ui->loopbackCheck, &QCheckBox::toggled, this, &TransmitPanel::applyEditedFields);
    connect(m_ui->transmitInterfaceCombo, &InterfaceComboBox::specChosen, this,
            &TransmitPanel::applyEditedFields);
    connect(m_ui->formatCombo, &QComboBox::activated, this, &TransmitPanel::formatChosen);
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
    const auto followProgress = [this] {
        if (!m_progressTimer.isActive())
            m_progressTimer.start();
    };
    connect(&m_transmitter, &Transmitter::sent, this, followProgress);
    connect(&m_transmitter, &Transmitter::progressed, this, followProgress);

    setConfig(m_lastAccepted);
    showTransmitterState();
}

TransmitPanel::~TransmitPanel() = default;

PayloadFormat TransmitPanel::chosenFormat() const
{
    return PayloadFormat(m_ui->formatCombo->currentData().toInt());
}

void TransmitPanel::chooseFormat(PayloadFormat format)
{
    if (format == PayloadFormat::RtpMpegTs)
        format = PayloadFormat::Rtp;
    const int index = m_ui->formatCombo->findData(int(format));
    m_ui->formatCombo->setCurrentIndex(qMax(0, index));
    showRowsOfFormat();
}

void TransmitPanel::showRowsOfFormat()
{
    // The heartbeat has an interval and a prefix; a stream a rate and a size. Their error
    // lines show themselves when they have something to say.
    const bool stream = StreamFormats::isStream(chosenFormat());
    m_ui->settingsLayout->setRowVisible(m_ui->intervalSpin, !stream);
    m_ui->settingsLayout->setRowVisible(m_ui->prefixEdit, !stream);
    m_ui->settingsLayout->setRowVisible(m_ui->rateSpin, stream);
    m_ui->settingsLayout->setRowVisible(m_ui->sizeSpin, stream);
    InlineMessage::clear(stream ? m_ui->prefixErrorLabel : m_ui->streamErrorLabel);
}

void TransmitPanel::formatChosen()
{
    const PayloadFormat format = chosenFormat();
    if (StreamFormats::isStream(format)) {
        const QSignalBlocker blocker(m_ui->sizeSpin);
        m_ui->sizeSpin->setValue(StreamFormats::defaultSize(format));
    }
    showRowsOfFormat();
    applyEditedFields();
}

void TransmitPanel::setConfig(const TransmitConfig &config)
{
    // Filling the fields is not an edit: it must not restart anything.
    const QSignalBlocker blockers[] = {
        QSignalBlocker(m_ui->transmitPortSpin), QSignalBlocker(m_ui->ttlSpin),
        QSignalBlocker(m_ui->intervalSpin),     QSignalBlocker(m_ui->loopbackCheck),
        QSignalBlocker(m_ui->rateSpin),         QSignalBlocker(m_ui->sizeSpin)};
    m_ui->transmitGroupEdit->setText(config.group.toString());
    m_ui->transmitPortSpin->setValue(config.port);
    m_ui->transmitInterfaceCombo->setSpec(config.interfaceSpec);
    m_ui->ttlSpin->setValue(config.ttl);
    m_ui->loopbackCheck->setChecked(config.loopback);
    m_ui->intervalSpin->setValue(double(config.interval.count()) / 1e6);
    m_ui->prefixEdit->setText(config.prefix);
    chooseFormat(config.format);
    m_ui->rateSpin->setValue(int(config.rate));
    // The heartbeat has no size: the field waits with something a stream can take.
    m_ui->sizeSpin->setValue(config.size > 0 ? config.size : qMax(1, StreamFormats::defaultSize(chosenFormat())));
    m_lastAccepted = config;
}

std::optional<QString> TransmitPanel::takeSpecFromGroupField()
{
    const QString text = m_ui->transmitGroupEdit->text().trimmed();
    if (!looksLikeSpec(text))
        return std::nullopt;
    QString reason;
    const auto spec = SubscriptionSpec::parse(
        text, {quint16(m_ui->transmitPortSpin->value()), m_ui->transmitInterfaceCombo->spec()}, &reason);
    if (!spec)
        return reason;
    if (spec->isSourceSpecific())
        return tr("%1 names a source; the transmitter sends to a group from this host").arg(text);
    const QSignalBlocker blocker(m_ui->transmitPortSpin);
    m_ui->transmitPortSpin->setValue(spec->port);
    m_ui->transmitInterfaceCombo->setSpec(spec->interfaceSpec);
    m_ui->transmitGroupEdit->setText(spec->group.toString());
    return std::nullopt;
}

std::optional<QString> TransmitPanel::interfaceError(bool ipv6) const
{
    if (!m_ui->transmitInterfaceCombo->isSpecFound())
        return tr("Choose an interface that exists");
    QString reason;
    const auto need = ipv6 ? NetworkInterfaces::Need::IndexOnly : NetworkInterfaces::Need::IPv4Address;
    if (!NetworkInterfaces::resolve(m_ui->transmitInterfaceCombo->spec(), &reason, need))
        return reason;
    return std::nullopt;
}

std::optional<QString> TransmitPanel::streamError(bool ipv6) const
{
    const PayloadFormat format = chosenFormat();
    if (!StreamFormats::isStream(format))
        return std::nullopt;
    if (auto reason = StreamFormats::sizeError(format, m_ui->sizeSpin->value(), ipv6))
        return reason;
    return StreamFormats::rateError(format, m_ui->rateSpin->value(), m_ui->sizeSpin->value());
}

std::optional<TransmitConfig> TransmitPanel::validatedConfig()
{
    auto groupError = takeSpecFromGroupField();
    const QString groupText = m_ui->transmitGroupEdit->text().trimmed();
    if (!groupError)
        groupError = ConfigValidation::groupError(groupText);
    const QHostAddress group(groupText);
    if (groupError)
        InlineMessage::show(m_ui->transmitGroupErrorLabel, *groupError);
    else if (const auto warning = ConfigValidation::groupWarning(group))
        InlineMessage::show(m_ui->transmitGroupErrorLabel, *warning, InlineMessage::Severity::Warning);
    else
        InlineMessage::clear(m_ui->transmitGroupErrorLabel);
    const bool ipv6 = !groupError && group.protocol() == QAbstractSocket::IPv6Protocol;

    const QString prefix = m_ui->prefixEdit->text();
    const bool stream = StreamFormats::isStream(chosenFormat());
    const auto prefixError = stream ? std::nullopt : ConfigValidation::prefixError(prefix);
    InlineMessage::show(m_ui->prefixErrorLabel, prefixError.value_or(QString()));
    const auto interfaceProblem = interfaceError(ipv6);
    InlineMessage::show(m_ui->transmitInterfaceErrorLabel, interfaceProblem.value_or(QString()));
    const auto streamProblem = streamError(ipv6);
    InlineMessage::show(m_ui->streamErrorLabel, streamProblem.value_or(QString()));

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

    if (groupError || prefixError || interfaceProblem || streamProblem || !otherError.isEmpty())
        return std::nullopt;
    TransmitConfig config;
    config.group = group;
    config.port = quint16(m_ui->transmitPortSpin->value());
    config.interfaceSpec = m_ui->transmitInterfaceCombo->spec();
    config.ttl = m_ui->ttlSpin->value();
    config.loopback = m_ui->loopbackCheck->isChecked();
    config.interval = std::chrono::microseconds(std::llround(seconds * 1e6));
    config.prefix = prefix;
    config.format = chosenFormat();
    config.rate = m_ui->rateSpin->value();
    config.size = StreamFormats::isStream(config.format) ? m_ui->sizeSpin->value() : 0;
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
