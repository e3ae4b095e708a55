#include "DatagramDetailPane.h"

#include "output/DatagramText.h"
#include "output/HexDump.h"
#include "output/PayloadFormatter.h"
#include "net/ReceivedDatagram.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QNetworkInterface>
#include <QPlainTextEdit>
#include <QStyle>
#include <QTabWidget>
#include <QBoxLayout>
#include <QResizeEvent>

#include <cmath>

namespace {

const QString none = QStringLiteral("–");
// A UDP payload is at most 65,507 bytes: four hex digits reach every offset.
constexpr int offsetDigits = 4;

// The hex columns only line up in a fixed-pitch font. Measured rather than asked
// (QFontInfo::fixedPitch() says no for some monospaced fonts such as Noto Sans Mono), and
// replaced when a platform answers the request for one with its proportional default.
bool isMonospaced(const QFont &font)
{
    const QFontMetrics metrics(font);
    return metrics.horizontalAdvance(QLatin1Char('i'))
           == metrics.horizontalAdvance(QLatin1Char('W'));
}

QFont fixedFont()
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (!isMonospaced(font)) {
        font.setFamilies({});
        font.setStyleHint(QFont::TypeWriter);
        font.setFixedPitch(true);
    }
    return font;
}

QPlainTextEdit *payloadView(const QString &objectName, QPlainTextEdit::LineWrapMode wrap)
{
    auto *view = new QPlainTextEdit;
    view->setObjectName(objectName);
    view->setReadOnly(true);
    view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    view->setLineWrapMode(wrap);
    view->setFont(fixedFont());
    view->setPlaceholderText(DatagramDetailPane::tr("Select a datagram to see its payload."));
    // The whole document is replaced per datagram: undo would only hold copies of it.
    view->setUndoRedoEnabled(false);
    return view;
}

QString interfaceName(uint index)
{
    if (index == 0)
        return DatagramDetailPane::tr("not reported");
    const QString name = QNetworkInterface::interfaceNameFromIndex(int(index));
    return name.isEmpty() ? DatagramDetailPane::tr("index %1 (no longer present)").arg(index)
                          : QStringLiteral("%1 (index %2)").arg(name).arg(index);
}

// ISO 8601 with a space for the 'T' (as RFC 3339 allows), so that a narrow pane can wrap
// the time under the date.
QString wrappableTime(QString isoTime)
{
    return isoTime.replace(QLatin1Char('T'), QLatin1Char(' '));
}

QString byteCount(qsizetype size)
{
    return size == 1 ? DatagramDetailPane::tr("1 byte")
                     : DatagramDetailPane::tr("%1 bytes").arg(size);
}

} // namespace

DatagramDetailPane::DatagramDetailPane(QWidget *parent)
    : QWidget(parent)
    , m_form(new QFormLayout)
    , m_payloadTabs(new QTabWidget)
    , m_hexView(payloadView(QStringLiteral("hexView"), QPlainTextEdit::NoWrap))
    , m_textView(payloadView(QStringLiteral("textView"), QPlainTextEdit::WidgetWidth))
{
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_source = addRow(tr("Source:"), QStringLiteral("sourceValue"));
    m_destination = addRow(tr("Destination:"), QStringLiteral("destinationValue"));
    m_size = addRow(tr("Size:"), QStringLiteral("sizeValue"));
    m_ttl = addRow(tr("TTL:"), QStringLiteral("ttlValue"));
    m_interface = addRow(tr("Interface:"), QStringLiteral("interfaceValue"));
    m_arrival = addRow(tr("Arrived:"), QStringLiteral("arrivalValue"));
    m_atuTime = addRow(tr("ATU time:"), QStringLiteral("atuTimeValue"));
    m_atuOffset = addRow(tr("ATU offset:"), QStringLiteral("atuOffsetValue"));
    m_origin = addRow(tr("Origin:"), QStringLiteral("originValue"));

    const QString zoneNote = tr("The ATU timestamp carries no time zone: it is read as this "
                                "computer's local time. The offset is arrival minus ATU time.");
    for (QLabel *label : {m_atuTime, m_atuOffset}) {
        label->setToolTip(zoneNote);
        if (QWidget *rowLabel = m_form->labelForField(label))
            rowLabel->setToolTip(zoneNote);
    }

    // Never narrower than a line of eight bytes with their characters: the dump is read
    // whole, not scrolled sideways to find the end of each line.
    m_hexView->setMinimumWidth(hexViewWidth(8));
    m_hexView->viewport()->installEventFilter(this);

    m_payloadTabs->setObjectName(QStringLiteral("payloadTabs"));
    m_payloadTabs->setDocumentMode(true);
    m_payloadTabs->addTab(m_hexView, tr("He&x"));
    m_payloadTabs->addTab(m_textView, tr("&Text"));

    m_layout = new QBoxLayout(QBoxLayout::TopToBottom, this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->addLayout(m_form);
    m_layout->addWidget(m_payloadTabs, 1);
    clear();
}

void DatagramDetailPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const auto direction =
        width() > 2 * height() ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
    if (m_layout->direction() != direction)
        m_layout->setDirection(direction);
}

// The hex view's own width decides the bytes a line, once the layout has given it.
bool DatagramDetailPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_hexView->viewport() && event->type() == QEvent::Resize)
        showHex();
    return QWidget::eventFilter(watched, event);
}

QSize DatagramDetailPane::sizeHint() const
{
    return {hexViewWidth(8), QWidget::sizeHint().height()};
}

// What the hex view needs to show lines of bytesPerLine bytes whole, with a vertical
// scroll bar beside them.
int DatagramDetailPane::hexViewWidth(int bytesPerLine) const
{
    return hexLineWidth(bytesPerLine) + 2 * m_hexView->frameWidth()
           + style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_hexView);
}

// A line and the document's margins on both sides of it: the viewport width it needs.
int DatagramDetailPane::hexLineWidth(int bytesPerLine) const
{
    const QString line = HexDump::format(QByteArray(bytesPerLine, 0), bytesPerLine, offsetDigits);
    // One pixel more than the advance: QTextLayout rounds the line's width up.
    return m_hexView->fontMetrics().horizontalAdvance(line) + 1
           + 2 * int(std::ceil(m_hexView->document()->documentMargin()));
}

void DatagramDetailPane::showHex()
{
    const int bytesPerLine = hexLineWidth(16) <= m_hexView->viewport()->width() ? 16 : 8;
    if (bytesPerLine == m_bytesPerLine)
        return;
    m_bytesPerLine = bytesPerLine;
    if (!m_payload.isNull())
        m_hexView->setPlainText(HexDump::format(m_payload, m_bytesPerLine, offsetDigits));
}

QLabel *DatagramDetailPane::addRow(const QString &label, const QString &objectName)
{
    auto *value = new QLabel;
    value->setObjectName(objectName);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    value->setWordWrap(true);
    // addRow(QString, …) would make a rich-text-guessing label; every label here is plain.
    auto *name = new QLabel(label);
    name->setTextFormat(Qt::PlainText);
    name->setBuddy(value);
    m_form->addRow(name, value);
    return value;
}

void DatagramDetailPane::setAtuRowsVisible(bool visible)
{
    m_form->setRowVisible(m_atuTime, visible);
    m_form->setRowVisible(m_atuOffset, visible);
}

void DatagramDetailPane::setDatagram(const ReceivedDatagram &datagram)
{
    m_source->setText(Endpoint{datagram.source, datagram.sourcePort}.toString());
    m_destination->setText(Endpoint{datagram.destination, datagram.destinationPort}.toString());
    m_size->setText(byteCount(datagram.payload.size()));
    m_ttl->setText(datagram.ttl >= 0 ? QString::number(datagram.ttl) : tr("not reported"));
    m_interface->setText(interfaceName(datagram.interfaceIndex));
    m_arrival->setText(wrappableTime(DatagramText::isoTime(datagram.arrivalUs)));

    setAtuRowsVisible(datagram.atuTimeUs.has_value());
    if (datagram.atuTimeUs) {
        m_atuTime->setText(wrappableTime(DatagramText::isoTimeUs(*datagram.atuTimeUs)));
        const double offsetMs = DatagramText::atuOffsetMs(datagram).value_or(0);
        m_atuOffset->setText(tr("%1 ms").arg(offsetMs, 0, 'f', 3));
    }
    m_form->setRowVisible(m_origin, datagram.fromOwnTransmitter);
    m_origin->setText(datagram.fromOwnTransmitter ? tr("from our transmitter") : QString());

    m_payload = datagram.payload;
    m_hexView->setPlainText(HexDump::format(m_payload, m_bytesPerLine, offsetDigits));
    m_textView->setPlainText(PayloadFormatter::escapedText(datagram.payload));
}

void DatagramDetailPane::clear()
{
    for (QLabel *label : {m_source, m_destination, m_size, m_ttl, m_interface, m_arrival})
        label->setText(none);
    m_atuTime->clear();
    m_atuOffset->clear();
    m_origin->clear();
    setAtuRowsVisible(false);
    m_form->setRowVisible(m_origin, false);
    m_payload = QByteArray();
    m_hexView->clear();
    m_textView->clear();
}
